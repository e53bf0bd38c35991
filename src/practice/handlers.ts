import type { PracticeAccount } from './account.js';
import { accountHandlers } from './iam-account.js';
import { identityHandlers } from './iam-identities.js';
import { mfaHandlers } from './iam-mfa.js';
import type { Params } from './params.js';
import { ServiceError, type Service, type XmlValue } from './query-protocol.js';

/**
 * One function per action: it reads the parameters, changes or reads the account, and returns
 * the `<ActionResult>` content (undefined for actions that have none). Adding an action is adding
 * an entry here.
 */
export type Handler = (
  account: PracticeAccount,
  params: Params,
) => Record<string, XmlValue> | undefined | Promise<Record<string, XmlValue> | undefined>;

const stsHandlers: Record<string, Handler> = {
  // The learner is always root, on temporary credentials as CloudShell gives them.
  GetCallerIdentity: (a) => ({ UserId: a.state.accountId, Account: a.state.accountId, Arn: a.rootArn }),
};

const HANDLERS: Record<Service, Record<string, Handler>> = {
  iam: { ...identityHandlers, ...mfaHandlers, ...accountHandlers },
  sts: stsHandlers,
};

export function handlerFor(service: Service, action: string): Handler {
  const handler = HANDLERS[service][action];
  if (!handler) {
    throw new ServiceError('InvalidAction', `The practice account does not simulate ${service}:${action} yet.`, 400);
  }
  return handler;
}

export const simulatedActions = (service: Service) => Object.keys(HANDLERS[service]).sort();
