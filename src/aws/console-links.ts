/**
 * The console pages a checklist sends a person to. AWS's own are here, by partition; practice
 * mode brings its own (the practice console), through the same interface.
 */
export interface ConsoleLinks {
  /** Root's "Security credentials" page: its MFA devices, access keys and signing certificates. */
  rootCredentials: string;
  /** Where IAM users sign in: by account id, or by the account alias when there is one. */
  signIn(accountOrAlias: string): string;
  /** An IAM user's security credentials (MFA, passwords). */
  iamUser(userName: string): string;
  /** The IAM Identity Center console in `region` (it lives in the one region where it was enabled). */
  identityCenter(region: string): string;
  /**
   * The AWS access portal, where Identity Center users sign in: `https://<identity store id>.awsapps.com/start`
   * in partition aws until someone gives it a subdomain of its own in the console (no API reads
   * that one); undefined where the address is not known.
   */
  accessPortal(identityStoreId: string): string | undefined;
}

const CONSOLE_DOMAINS: Record<string, string> = {
  aws: 'aws.amazon.com',
  'aws-cn': 'amazonaws.cn',
  'aws-us-gov': 'amazonaws-us-gov.com',
};

/** The AWS console of a partition (aws, aws-cn, aws-us-gov; others as aws). */
export function awsConsoleLinks(partition: string): ConsoleLinks {
  const domain = CONSOLE_DOMAINS[partition] ?? CONSOLE_DOMAINS.aws!;
  return {
    rootCredentials: `https://console.${domain}/iam/home#/security_credentials`,
    signIn: (accountOrAlias) =>
      partition === 'aws' ? `https://${accountOrAlias}.signin.aws.amazon.com/console` : `https://${accountOrAlias}.signin.${domain}/console`,
    iamUser: (userName) => `https://console.${domain}/iam/home#/users/details/${encodeURIComponent(userName)}?section=security_credentials`,
    identityCenter: (region) => `https://console.${domain}/singlesignon/home?region=${region}`,
    accessPortal: (identityStoreId) => (partition === 'aws' ? `https://${identityStoreId}.awsapps.com/start` : undefined),
  };
}
