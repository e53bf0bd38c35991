import type { FinalizeRequestMiddleware, MetadataBearer, RelativeMiddlewareOptions } from '@smithy/types';
import { isNetwork, isThrottling, isUnreadableAnswer } from './aws-error.js';

/** Told each time the SDK tries a call again, with one line for the person. */
export type RetryListener = (notice: string) => void;

interface WithRelativeMiddleware {
  // Each client types its stack by its own commands; this middleware handles any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { addRelativeTo(middleware: FinalizeRequestMiddleware<any, MetadataBearer>, options: RelativeMiddlewareOptions): void };
}

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
 * is safe to repeat, and a garbled answer is a transport fault, not a verdict.
 */
export function reportRetries(client: WithRelativeMiddleware, permission: (commandName: string) => string, listener: () => RetryListener | undefined) {
  client.middlewareStack.addRelativeTo(
    (next, context) => {
      let lastError: unknown;
      return async (args) => {
        const header = String((args.request as { headers?: Record<string, string> }).headers?.['amz-sdk-request'] ?? '');
        const [, attempt, max] = /attempt=(\d+); max=(\d+)/.exec(header) ?? [];
        if (attempt && Number(attempt) > 1) {
          listener()?.(`${permission(context.commandName ?? '')}: ${reason(lastError)}; trying again (attempt ${attempt} of ${max})`);
        }
        try {
          return await next(args);
        } catch (error) {
          lastError = error;
          if (isUnreadableAnswer(error)) Object.assign(error as object, { $retryable: {} });
          throw error;
        }
      };
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'reportRetries' },
  );
}
