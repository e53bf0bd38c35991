import type { PracticeAccount } from '../account.js';
import { contactHandlers } from './alternate-contacts.js';
import { budgetHandlers } from './budgets.js';
import { accountHandlers } from './iam-account.js';
import { identityHandlers } from './iam-identities.js';
import { mfaHandlers } from './iam-mfa.js';
import { reportHandlers } from './iam-report.js';
import type { JsonBody, JsonService } from '../protocols/json-protocol.js';
import type { Params } from '../protocols/params.js';
import { ServiceError, type Service, type XmlValue } from '../protocols/query-protocol.js';

/**
 * One function per action: it reads the parameters, changes or reads the account, and returns
 * the result (for the query protocol the `<ActionResult>` content; for the JSON protocols the
 * body), undefined for actions that have none. Adding an action is adding an entry here.
 */
export type Handler = (
  account: PracticeAccount,
  params: Params,
) => Record<string, XmlValue> | undefined | Promise<Record<string, XmlValue> | undefined>;

export type JsonHandler = (account: PracticeAccount, body: JsonBody) => JsonBody | undefined;

const stsHandlers: Record<string, Handler> = {
  // The learner is always root, on temporary credentials as CloudShell gives them.
  GetCallerIdentity: (a) => ({ UserId: a.state.accountId, Account: a.state.accountId, Arn: a.rootArn }),
};

const HANDLERS: Record<Service, Record<string, Handler>> = {
  iam: { ...identityHandlers, ...mfaHandlers, ...accountHandlers, ...reportHandlers },
  sts: stsHandlers,
};

const JSON_HANDLERS: Record<JsonService, Record<string, JsonHandler>> = {
  budgets: budgetHandlers,
  account: contactHandlers,
};

const notSimulated = (service: string, action: string) =>
  new ServiceError('InvalidAction', `The practice account does not simulate ${service}:${action} yet.`, 400);

/** Only the table's own entries are actions: `constructor` or `__proto__` is an unknown action, not Object's. */
function own<T>(table: Record<string, T>, service: string, action: string): T {
  if (!Object.hasOwn(table, action)) throw notSimulated(service, action);
  return table[action]!;
}

export const handlerFor = (service: Service, action: string): Handler => own(HANDLERS[service], service, action);

export const jsonHandlerFor = (service: JsonService, action: string): JsonHandler => own(JSON_HANDLERS[service], service, action);

