import type { FinalizeRequestMiddleware, MetadataBearer, RelativeMiddlewareOptions } from '@smithy/types';
import { isNetwork, isThrottling, isUnreadableAnswer } from './aws-error.js';

/**
 * Told each time the SDK tries a call again, with one line for the person. The attempt is sent
 * once the listener has returned (or its promise settled): the line is out before the call is.
 */
export type RetryListener = (notice: string) => void | Promise<void>;

interface WithRelativeMiddleware {
  // Each client types its stack by its own commands; this middleware handles any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { addRelativeTo(middleware: FinalizeRequestMiddleware<any, MetadataBearer>, options: RelativeMiddlewareOptions): void };
}

/**
 * An attempt that failed in a way that leaves open whether AWS carried it out: its answer was cut
 * off or garbled (AWS said yes), AWS failed on its side (5xx), or the connection dropped or went
 * silent after the request left. A refusal (throttling, any 4xx) or a connection never made is not.
 */
function mayHaveLanded(error: unknown): boolean {
  if (isUnreadableAnswer(error)) return true;
  if (isThrottling(error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  if (status >= 500) return true;
  const code = (error as { code?: string }).code ?? (error as { name?: string }).name;
  return isNetwork(error) && code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN';
}

/** Final errors of calls an earlier attempt of which may have landed, with when the first attempt was sent. */
const afterLostAnswer = new WeakMap<object, Date>();

/**
 * When the call that ended in `error` was first sent, if an earlier attempt of that same call may
 * have been carried out by AWS although its answer never arrived; else undefined. A write meeting
 * "already exists" on such a retry most likely met what its own first attempt made.
 */
export const earlierAttemptSentAt = (error: unknown): Date | undefined =>
  typeof error === 'object' && error !== null ? afterLostAnswer.get(error) : undefined;

/** Why an attempt failed, in a few words. */
function reason(error: unknown): string {
  if (isThrottling(error)) return 'AWS is throttling requests';
  if (isNetwork(error)) return 'AWS did not answer in time or the connection dropped';
  if (isUnreadableAnswer(error)) return "AWS's answer arrived cut off or garbled";
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status ? `AWS answered HTTP ${status}` : 'the call failed';
}

/**
 * Runs inside the SDK's retry loop, so it sees every attempt: before a second or later attempt it
 * tells the listener why the previous one failed, so a slow run never looks hung. An answer that
 * cannot be read is retried too (the SDK gives up on it at once): every call this program makes
 * is safe to repeat, and a garbled answer is a transport fault, not a verdict. It also remembers
 * whether an attempt may have landed unanswered, for earlierAttemptSentAt.
 */
export function reportRetries(client: WithRelativeMiddleware, permission: (commandName: string) => string, listener: () => RetryListener | undefined) {
  client.middlewareStack.addRelativeTo(
    (next, context) => {
      let lastError: unknown;
      let firstSent: Date | undefined;
      let landed = false;
      return async (args) => {
        const header = String((args.request as { headers?: Record<string, string> }).headers?.['amz-sdk-request'] ?? '');
        const [, attempt, max] = /attempt=(\d+); max=(\d+)/.exec(header) ?? [];
        if (attempt && Number(attempt) > 1) {
          await listener()?.(`${permission(context.commandName ?? '')}: ${reason(lastError)}; trying again (attempt ${attempt} of ${max})`);
        }
        firstSent ??= new Date();
        try {
          return await next(args);
        } catch (error) {
          if (landed && typeof error === 'object' && error !== null) afterLostAnswer.set(error, firstSent);
          landed ||= mayHaveLanded(error);
          lastError = error;
          if (isUnreadableAnswer(error)) Object.assign(error as object, { $retryable: {} });
          throw error;
        }
      };
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'reportRetries' },
  );
}
