import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { getHomeDir, loadSharedConfigFiles, memoize } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialProblem } from '../errors.js';
import { shellArg } from '../shell.js';
import { firstUnreadableLine } from './ini-lint.js';

/** Asked for the current code of the MFA device `serial` (a role profile's `mfa_serial`): six digits. */
export type MfaCodeProvider = (serial: string) => Promise<string>;

/** Renewed 5 minutes before they expire, as the SDK's own chain does. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/** The profile the person chose: `--profile`, else AWS_PROFILE; undefined means the default chain. */
const chosenProfile = (profile?: string) => profile ?? process.env.AWS_PROFILE;

/**
 * Where credentials come from, as the AWS CLI does it: a chosen profile (`--profile` or
 * AWS_PROFILE) alone, through `fromIni`, so its own failure (an expired SSO token, a failing
 * `credential_process`, a missing MFA code) reaches us instead of the chain's "Could not load
 * credentials from any providers"; otherwise the SDK's default chain (environment keys, the
 * default profile, CloudShell's container credentials, instance roles). `mfaCodeProvider` is the
 * SDK's hook for role profiles with `mfa_serial`. One memoized provider serves every client, so
 * a code is asked once per session, not once per client.
 */
export function credentialProvider(options: { profile?: string; mfaCodeProvider?: MfaCodeProvider }): AwsCredentialIdentityProvider {
  const profile = chosenProfile(options.profile);
  const init = options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {};
  const provider = profile ? fromIni({ ...init, profile }) : fromNodeProviderChain(init);
  return memoize(
    provider,
    (c: AwsCredentialIdentity) => c.expiration !== undefined && c.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS,
    (c: AwsCredentialIdentity) => c.expiration !== undefined,
  );
}

type Profile = Record<string, string | undefined>;

/** The shared files as the SDK reads them, with the paths it reads them from. */
function sharedFiles() {
  const home = getHomeDir();
  return {
    config: process.env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentials: process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  };
}

/** A path as a person would type it: the home directory as `~`. */
function shown(path: string): string {
  const home = getHomeDir();
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

const isSso = (p: Profile) => Boolean(p.sso_session || p.sso_start_url);
const isLogin = (p: Profile) => Boolean(p.login_session);
const isProcess = (p: Profile) => Boolean(p.credential_process);
const hasCredentials = (p: Profile) =>
  Boolean(p.aws_access_key_id || p.role_arn || p.credential_process || p.web_identity_token_file || isSso(p) || isLogin(p));

/** The command that signs in again, for the profile's own way of signing in. */
const withProfile = (command: string, name: string, chosen: boolean) => (chosen ? `${command} --profile ${shellArg(name)}` : command);

const ENV_CREDENTIALS = ['AWS_ACCESS_KEY_ID', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

/**
 * Turns a failure to get credentials into what a person can act on, keeping the cause and its
 * remedy (exit 4 either way):
 * - a profile that cannot be read, named with the profiles that exist;
 * - an SSO profile whose token expired or was never fetched: `aws sso login --profile P`;
 * - an `aws login` profile whose session expired: `aws login`;
 * - a role profile with `mfa_serial` and no terminal to ask the code at;
 * - a failing `credential_process`, with its own message;
 * - a line of ~/.aws/config or ~/.aws/credentials that cannot be parsed, with file and line.
 * Returns the error unchanged when nothing at all is configured (the caller then lists the ways
 * to get credentials, and offers practice mode at a terminal), or when it is not about
 * credentials. Follows a role profile's `source_profile` to the profile that failed.
 */
export async function explainCredentialFailure(error: unknown, options: { profile?: string }): Promise<unknown> {
  if (!isCredentialError(error)) return error;
  const chosen = chosenProfile(options.profile);
  const name = chosen ?? 'default';
  const paths = sharedFiles();
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ filepath: paths.credentials, configFilepath: paths.config, ignoreCache: true });
  const profileOf = (n: string): Profile | undefined =>
    configFile[n] || credentialsFile[n] ? { ...configFile[n], ...credentialsFile[n] } : undefined;
  const sdkMessage = firstLines((error as Error).message);

  // Follow role profiles to the profile whose own sign-in failed.
  let current = name;
  let profile = profileOf(current);
  for (let hops = 0; profile?.role_arn && profile.source_profile && hops < 10; hops++) {
    if (profile.mfa_serial && /multi-factor|MFA/i.test(sdkMessage)) break;
    const source = profileOf(profile.source_profile);
    if (!source) break;
    current = profile.source_profile;
    profile = source;
  }

  const unreadable = [paths.config, paths.credentials]
    .filter((path) => existsSync(path))
    .map((path) => ({ path, bad: firstUnreadableLine(readFileSync(path, 'utf8')) }))
    .find((file) => file.bad);
  const badLine = unreadable?.bad
    ? `${shown(unreadable.path)} cannot be read at line ${unreadable.bad.line} (${JSON.stringify(unreadable.bad.text)}): ${unreadable.bad.why}. Fix that line, then run this again.`
    : undefined;

  if (profile?.role_arn && profile.mfa_serial && /multi-factor|MFA code/i.test(sdkMessage)) {
    return new CredentialProblem(
      `Profile "${current}" assumes the role ${profile.role_arn}, which needs a code from the MFA device ${profile.mfa_serial}, and there is no terminal to type it in. ` +
        `Run this in a terminal, or get temporary credentials first: eval "$(aws configure export-credentials ${withProfile('', current, true).trim()} --format env)", then run this without --profile.`,
    );
  }
  if (profile && isSso(profile)) {
    return new CredentialProblem(
      `The IAM Identity Center (SSO) sign-in of profile "${current}" has expired or was never made. Run: ${withProfile('aws sso login', current, true)}, then run this again.`,
    );
  }
  if (profile && isLogin(profile)) {
    return new CredentialProblem(
      `The "aws login" session of profile "${current}" has expired or was never made. Run: ${withProfile('aws login', current, current !== 'default')}, then run this again.`,
    );
  }
  if (profile && isProcess(profile)) {
    return new CredentialProblem(
      `The credential_process of profile "${current}" failed: ${await processMessage(current, sdkMessage)}`,
    );
  }
  if (badLine) return new CredentialProblem(`The AWS ${unreadable!.path === paths.config ? 'config' : 'credentials'} file ${badLine}`);
  if (chosen && !profile) {
    // The SDK lists [sso-session x] and [services x] sections beside the profiles, as "sso-session.x".
    const names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].filter((n) => !/^(sso-session|services)\./.test(n)).sort();
    return new CredentialProblem(
      `There is no profile "${chosen}" in ${shown(paths.config)} or ${shown(paths.credentials)}. ` +
        (names.length > 0 ? `Profiles there: ${names.join(', ')}.` : 'There are no profiles there yet: "aws configure sso" or "aws configure --profile NAME" makes one.'),
    );
  }
  if (profile && !hasCredentials(profile)) {
    return new CredentialProblem(
      `Profile "${current}" in ${shown(paths.config)} holds no credentials (no keys, role, SSO, login session or credential_process). Add them, or choose another profile with --profile NAME.`,
    );
  }
  const nothingConfigured = !profile && !chosen && !ENV_CREDENTIALS.some((v) => process.env[v]);
  if (nothingConfigured) return error;
  return new CredentialProblem(`AWS credentials could not be loaded${chosen ? ` for profile "${chosen}"` : ''}: ${sdkMessage}`);
}

/** The SDK's credential errors: its providers' errors, and the chain's last word. */
function isCredentialError(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? '';
  return name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not (load|resolve) credentials/i.test((error as Error)?.message ?? '');
}

/**
 * The chain reports "Could not load credentials from any providers" after a credential_process of
 * the default profile fails; asking the profile alone gives the process's own message.
 */
async function processMessage(profile: string, sdkMessage: string): Promise<string> {
  if (!/from any providers/i.test(sdkMessage)) return sdkMessage;
  try {
    await fromIni({ profile })();
    return sdkMessage;
  } catch (error) {
    return firstLines((error as Error).message);
  }
}

/** A message on one line: the SDK puts a command's stderr on lines of its own. */
const firstLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' · ');
