import { errorName } from '../aws/aws-error.js';
import { orgCommand, singleAccountCommand } from './commands.js';

/**
 * The errors of Organizations and of IAM's centralized root access, named for people: what it
 * means and what to do. The SDK names an error after its modelled shape (`…Exception`); an
 * emulator may send the bare code. IAM's API model gives these shapes no wire code of their own.
 */
const notInOrganization = () =>
  `this account is not in an AWS Organization. Centralized root access is for organizations; for this one account, run ${singleAccountCommand()}.`;

const EXPLANATIONS: Record<string, string | (() => string)> = {
  AWSOrganizationsNotInUse: notInOrganization,
  OrganizationNotFound: notInOrganization,
  OrganizationNotInAllFeaturesMode:
    'the organization has only consolidated billing turned on, and centralized root access needs all features. Turn them on in the AWS Organizations console (Settings, "Enable all features"); invited member accounts must accept.',
  ServiceAccessNotEnabled: () =>
    `trusted access for IAM is off in AWS Organizations. Turn it on with ${orgCommand()} (it asks first), or: aws organizations enable-aws-service-access --service-principal iam.amazonaws.com`,
  CallerIsNotManagementAccount: () =>
    `only the management account can turn centralized root access on. Run ${orgCommand()} signed in to the management account (as an IAM user or role).`,
  AccountNotManagementOrDelegatedAdministrator:
    "this account is neither the organization's management account nor IAM's delegated administrator. Sign in to one of them (as an IAM user or role) and run it again.",
};

const KNOWN = Object.keys(EXPLANATIONS);

/** The code without the SDK's `Exception` suffix, when it is one of the codes above. */
export function orgErrorCode(error: unknown): string | undefined {
  const name = errorName(error).replace(/Exception$/, '');
  return KNOWN.includes(name) ? name : undefined;
}

/** What the error means for a person, or undefined when it is not one of these. */
export function explainOrgError(error: unknown): string | undefined {
  const explanation = EXPLANATIONS[orgErrorCode(error) ?? ''];
  return typeof explanation === 'function' ? explanation() : explanation;
}

/** An error this program reports as one line and exit 3: AWS's state stops the run, not a bug or bad input. */
export class OrgStateError extends Error {
  override name = 'OrgStateError';
}
