/** Errors from the SDK, read by name rather than by class so the engine needs no SDK import. */
import { denialRemedy, grantHelps, parseDenial } from './denial.js';

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  /** Set by the middleware in clients.ts: the IAM permission the failed call needs. */
  action?: string;
  $metadata?: { httpStatusCode?: number };
}

const asSdk = (error: unknown): SdkLikeError => (typeof error === 'object' && error !== null ? error : {});

export const errorName = (error: unknown): string => asSdk(error).name ?? '';

export const awsAction = (error: unknown): string | undefined => asSdk(error).action;

export const isNoSuchEntity = (error: unknown) => errorName(error) === 'NoSuchEntity' || errorName(error) === 'NoSuchEntityException';

export const isAlreadyExists = (error: unknown) =>
  errorName(error) === 'EntityAlreadyExists' || errorName(error) === 'EntityAlreadyExistsException';

/** The SDK names an error after its modelled shape (`...Exception`); emulators and older paths use the bare code. */
const named = (...codes: string[]) => (error: unknown) => codes.some((c) => errorName(error) === c || errorName(error) === `${c}Exception`);

export const isInvalidAuthenticationCode = named('InvalidAuthenticationCode');
export const isLimitExceeded = named('LimitExceeded');
/** Budgets' NotFound; the Account API's and the identity store's ResourceNotFound. */
export const isNotFound = named('NotFound', 'ResourceNotFound');
export const isDuplicateRecord = named('DuplicateRecord');
/** Identity Center's ConflictException: a name in use, a policy attached already. */
export const isConflict = named('Conflict');
/** GetCredentialReport: the report is being made (ReportInProgress, HTTP 404), worth asking again shortly. */
export const isReportNotReady = named('ReportInProgress', 'CredentialReportNotReady');
/** GetCredentialReport: there is no report, or it expired (ReportNotPresent, ReportExpired; HTTP 410): GenerateCredentialReport makes one. */
export const isReportMissing = named('ReportNotPresent', 'ReportExpired', 'CredentialReportNotPresent', 'CredentialReportExpired');

export const isAccessDenied = (error: unknown) =>
  ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'].includes(errorName(error));

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError', 'NetworkingError']);

export const isThrottling = (error: unknown) => THROTTLING.has(errorName(error));

export const isNetwork = (error: unknown) => {
  const e = asSdk(error);
  return NETWORK.has(e.name ?? '') || NETWORK.has(e.code ?? '');
};

/** Worth trying again after a while: the SDK already retried these and gave up for now. */
export const isRetryableLater = (error: unknown) =>
  isThrottling(error) || isNetwork(error) || isUnreadableAnswer(error) || (asSdk(error).$metadata?.httpStatusCode ?? 0) >= 500;

/** AWS said yes (HTTP 2xx), but the body could not be parsed: cut off or garbled on the way. */
export const isUnreadableAnswer = (error: unknown) => {
  const status = asSdk(error).$metadata?.httpStatusCode ?? 0;
  return status >= 200 && status < 300;
};

export const isMissingCredentials = (error: unknown) =>
  errorName(error) === 'CredentialsProviderError' ||
  /could not load credentials|could not resolve credentials/i.test(asSdk(error).message ?? '');

/** The credentials were refused: an expired session, or a key deleted while we ran. */
export const isInvalidCredentials = (error: unknown) =>
  ['InvalidClientTokenId', 'ExpiredToken', 'ExpiredTokenException', 'SignatureDoesNotMatch', 'UnrecognizedClientException'].includes(
    errorName(error),
  );

export const isAbort = (error: unknown) => errorName(error) === 'AbortError';

/** One line for a person: what failed and, where we know it, the permission to grant. */
export function describeAwsError(error: unknown): string {
  const e = asSdk(error);
  const what = e.action ? `${e.action} failed` : 'An AWS call failed';
  if (isAccessDenied(error)) {
    const denial = parseDenial(e.message ?? '');
    if (grantHelps(denial)) return `${what}: access denied. The identity you are using needs the ${e.action ?? 'matching'} permission.`;
    return `${what}: access denied. ${capitalize(denialRemedy(denial, e.action ?? 'this call'))}.`;
  }
  if (isThrottling(error)) return `${what}: AWS is throttling requests and retries did not get through. Try again in a minute.`;
  if (isNetwork(error)) return `${what}: AWS could not be reached (${e.code ?? e.name}). Check the network and try again.`;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) return `${what}: AWS had a problem on its side (HTTP ${status}), and retries did not help. Try again in a few minutes.`;
  if (isUnreadableAnswer(error)) return `${what}: AWS's answer arrived cut off or garbled, and retries did not help. Run again: every step checks first.`;
  if (/^ExpiredToken/.test(e.name ?? '')) return `${what}: the credentials have expired (${e.name}); sign in again.`;
  if (isInvalidCredentials(error)) {
    return `${what}: AWS refused the credentials (${e.name}): they were deleted, deactivated or mistyped; sign in again.`;
  }
  const message = firstLine(e.message ?? String(error));
  return `${what}: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${message}`;
}

/** The remedy for a denied read, as `status` shows it: "cannot read this: grant iam:GetAccountSummary". */
export const deniedReadDetail = (error: unknown): string =>
  `cannot read this: ${denialRemedy(parseDenial(asSdk(error).message ?? ''), awsAction(error) ?? 'the read permission')}`;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const firstLine = (text: string) => text.split('\n')[0]?.trim() ?? '';
