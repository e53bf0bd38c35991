/** What `aws iam get-account-password-policy` prints for a strict policy: a scenario file may hold it as pasted. */
export const PRINTED_PASSWORD_POLICY = {
  PasswordPolicy: {
    MinimumPasswordLength: 14,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    ExpirePasswords: true,
    MaxPasswordAge: 90,
    PasswordReusePrevention: 24,
    HardExpiry: false,
  },
};
