import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountSummaryCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startAccountProxy, type AccountProxy, type RootState } from '../../test/support/account-proxy.js';
import { awsEnv } from '../../test/support/aws-env.js';
import type { Env } from '../../test/support/env.js';
import { startMoto, type Moto } from '../../test/support/moto.js';

// The bench's own SDK client must not print the SDK's Node 20 warning into the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** moto on 127.0.0.1 behind the proxy that supplies root's state, as in the tests. */
export interface BenchAccount {
  proxy: AccountProxy;
  /** Straight at moto, so the bench's own set-up adds no calls to the proxy's count. */
  iam: IAMClient;
  /** The CLI's environment: the proxy as endpoint, temporary root credentials as in CloudShell. */
  env: Env;
  reset(state?: Partial<RootState>): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchAccount(): Promise<BenchAccount> {
  const moto: Moto = await startMoto();
  const proxy = await startAccountProxy(moto.url);
  const direct = {
    endpoint: moto.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  };
  const iam = new IAMClient(direct);
  const sts = new STSClient(direct);
  return {
    proxy,
    iam,
    env: {
      ...awsEnv(proxy.url),
      AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
      AWS_SESSION_TOKEN: 'session-token',
      // What the program does by itself is measured, not the tests' switch.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
      CI: undefined,
    },
    async reset(state = {}) {
      await moto.reset();
      // moto builds its backends on the first call after a reset (IAM loads a thousand managed
      // policies): that second is the emulator's, so it is spent here, before anything is timed.
      await iam.send(new GetAccountSummaryCommand({}));
      await sts.send(new GetCallerIdentityCommand({}));
      proxy.state = { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set(), ...state };
      proxy.resetCounts();
    },
    async close() {
      iam.destroy();
      sts.destroy();
      await proxy.close();
      await moto.stop();
    },
  };
}

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A finished account, so `status` reads everything it can: root locked, an admin with console access and MFA. */
export async function finishAccount(account: BenchAccount, name: string): Promise<void> {
  const { iam, proxy } = account;
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Bench-Passw0rd!', PasswordResetRequired: true }));
  await iam.send(new CreateGroupCommand({ GroupName: 'Administrators' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Administrators', PolicyArn: ADMIN_POLICY }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: name }));
  await enableUserMfa(iam, name);
  proxy.state.signedIn.add(name);
  Object.assign(proxy.state, { mfa: true, accessKeys: false });
}

/** A virtual MFA device on an IAM user, as a person would add it in the console. */
export async function enableUserMfa(iam: IAMClient, userName: string): Promise<void> {
  const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${userName}-phone` }));
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: device.VirtualMFADevice!.SerialNumber!,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
}
