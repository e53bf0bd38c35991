/**
 * What an AccessDenied says about where the denial came from. AWS ends the message with the
 * policy type that refused the call, e.g. "User: arn:… is not authorized to perform:
 * iam:CreateUser on resource: … with an explicit deny in a service control policy: arn:…" or
 * "… because no identity-based policy allows the iam:CreateUser action" (IAM user guide,
 * "Troubleshoot access denied error messages"). Only the last kind, no identity-based policy, is
 * lifted by granting a permission; the others need whoever owns that policy.
 */
export type DenialSource =
  | 'service control policy'
  | 'resource control policy'
  | 'permissions boundary'
  | 'session policy'
  | 'identity-based policy'
  | 'resource-based policy'
  | 'VPC endpoint policy';

export interface Denial {
  source: DenialSource | undefined;
  /** A Deny statement matched (true), or no policy of that type allowed the action (false). */
  explicit: boolean;
  /** The policy named after the type, when AWS names it (e.g. an SCP's ARN). */
  policy?: string;
}

const SOURCES: DenialSource[] = [
  'service control policy',
  'resource control policy',
  'permissions boundary',
  'session policy',
  'identity-based policy',
  'resource-based policy',
  'VPC endpoint policy',
];

/** Reads the denial's source from AWS's message; `source` is undefined when the message does not say. */
export function parseDenial(message: string): Denial {
  const text = message.replace(/\s+/g, ' ');
  for (const source of SOURCES) {
    const explicit = new RegExp(`with an explicit deny in an? ${source}(?::? (arn:\\S+))?`, 'i').exec(text);
    if (explicit) return { source, explicit: true, ...(explicit[1] ? { policy: explicit[1].replace(/[.,;]$/, '') } : {}) };
    if (new RegExp(`because no ${source} allows`, 'i').test(text)) return { source, explicit: false };
  }
  return { source: undefined, explicit: false };
}

/** Granting `action` to the identity would lift this denial. */
export const grantHelps = (denial: Denial) => denial.source === undefined || (denial.source === 'identity-based policy' && !denial.explicit);

/**
 * What to do about a denial of `action`, as a clause: "grant iam:GetAccountSummary" where a grant
 * helps; otherwise who can lift it, e.g. "a service control policy of your organization denies
 * iam:CreateUser: ask the organization's administrator (nothing added in this account lifts it)".
 */
export function denialRemedy(denial: Denial, action: string): string {
  const named = denial.policy ? ` (${denial.policy})` : '';
  const how = denial.explicit ? 'denies' : 'does not allow';
  switch (denial.source) {
    case undefined:
      return `grant ${action}`;
    case 'identity-based policy':
      return denial.explicit
        ? `a Deny statement in a policy of this identity${named} blocks ${action}: remove or narrow that statement (a further grant does not lift a Deny)`
        : `grant ${action}`;
    case 'service control policy':
    case 'resource control policy':
      return `a ${denial.source} of your organization${named} ${how} ${action}: ask the organization's administrator (nothing added in this account lifts it)`;
    case 'permissions boundary':
      return `the permissions boundary of this identity${named} ${how} ${action}: whoever manages this identity must change the boundary (a grant to the identity does not lift it)`;
    case 'session policy':
      return `the session policy these temporary credentials were made with ${how} ${action}: sign in again without that limit, e.g. with another permission set or role (nothing added to the identity lifts it)`;
    case 'VPC endpoint policy':
      return `the VPC endpoint this request went through${named} ${how} ${action}: run this from outside that network, or ask whoever manages the endpoint`;
    case 'resource-based policy':
      return `the resource's own policy${named} ${how} ${action}: its owner must change it`;
  }
}
