import { deniedReadDetail, describeAwsError, isAbort, isAccessDenied } from '../aws/aws-error.js';
import type { CheckContext, CheckResult, Step } from './types.js';

/** Settled: nothing left for the person to do (advice, `info`, is never a failure). */
export const isSettled = (result: CheckResult) =>
  result.status === 'pass' || result.status === 'not-applicable' || result.status === 'info';

/**
 * Runs a step's check. A permission we lack makes the answer "unknown" and says which permission;
 * with `tolerateAll` (status, and the wizard's optional and advisory steps) any failure does, with
 * its reason, so one broken check cannot hide the others or stop the run.
 */
export async function runCheck(step: Step, ctx: CheckContext, tolerateAll = false): Promise<CheckResult> {
  try {
    return await step.check(ctx);
  } catch (error) {
    if (isAccessDenied(error)) {
      return { status: 'unknown', detail: deniedReadDetail(error) };
    }
    if (tolerateAll && !isAbort(error)) return { status: 'unknown', detail: describeAwsError(error) };
    throw error;
  }
}
