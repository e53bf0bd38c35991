import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import { DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT_ID, startE2EAccount, type E2EAccount } from '../../test/e2e/helpers.js';
import type { RootState } from '../../test/support/account-proxy.js';
import type { Env } from '../../test/support/env.js';

/**
 * The end-to-end tests' account (moto on 127.0.0.1 behind the proxy that supplies root's state),
 * with a reset that warms moto up, and the CLI's environment as measured.
 */
export interface BenchAccount extends E2EAccount {
  /** The proxy as endpoint, temporary root credentials as in CloudShell, and no switch that quiets the SDK. */
  cliEnv: Env;
}

export async function startBenchAccount(): Promise<BenchAccount> {
  const e2e = await startE2EAccount();
  const sts = new STSClient({
    endpoint: e2e.moto.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  });
  return {
    ...e2e,
    // What the program does by itself is measured, not the tests' switch.
    cliEnv: e2e.env({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined }),
    async reset(state: Partial<RootState> = {}) {
      await e2e.reset(state);
      // moto builds a service's backend on its first call after a reset (IAM loads a thousand
      // managed policies): that time is the emulator's, so it is spent here, before anything is timed.
      // The clients go straight to moto, so the proxy counts none of these calls.
      await Promise.all([
        e2e.iam.send(new GetAccountSummaryCommand({})),
        sts.send(new GetCallerIdentityCommand({})),
        e2e.budgets.send(new DescribeBudgetsCommand({ AccountId: ACCOUNT_ID })),
        e2e.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })).catch(() => undefined), // none yet
      ]);
      e2e.proxy.resetCounts();
    },
    async close() {
      sts.destroy();
      await e2e.close();
    },
  };
}
