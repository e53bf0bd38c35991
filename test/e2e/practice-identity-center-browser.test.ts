// The Identity Center way in practice mode, in a real browser (Debian's Chromium, headless) while the
// wizard runs in a real terminal: the learner enables Identity Center in the practice console, the
// wizard makes the admin, and the learner signs in once at the practice AWS access portal with a
// one-time password, a new password and an MFA device (codes computed from the secret the page shows).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoConsecutiveCodes } from '../../src/totp.js';
import { launchChromium } from '../support/chromium.js';
import { spawnPty } from '../support/pty.js';
import { CLI, noAws, tempDir } from '../practice/cli.js';
import { acceptPasswordPolicy, nameSecurityContact, WAIT } from '../practice/wizard-answers.js';

let context: BrowserContext;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  context = await launchChromium(join(dir, 'browser'));
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A learner's account whose root is locked away already: admin-user is where this lesson starts. */
const ROOT_LOCKED = {
  accountId: '444455556666',
  root: { password: true, created: '2025-06-01T09:00:00Z', accessKeys: [] },
  mfaDevices: [{ serialNumber: 'arn:aws:iam::444455556666:mfa/root-phone', assignedTo: 'root', enabled: '2025-06-01T09:05:00Z', created: '2025-06-01T09:05:00Z' }],
};

describe('the Identity Center way in the practice console, in a browser', () => {
  it('enable Identity Center, let the wizard make the admin, sign in once at the portal with MFA; the wizard completes', async () => {
    const state = join(dir, 'lesson.json');
    writeFileSync(state, JSON.stringify(ROOT_LOCKED));
    const term = spawnPty('node', [CLI, '--practice-state', state, '--poll-interval', '1'], { env: noAws() });
    const page = await context.newPage();
    const answer = async (question: string, keys: () => void) => {
      await term.waitFor(question, WAIT);
      keys();
    };
    try {
      await answer('Which kind of admin for daily work?', () => (term.press('down'), term.press('enter')));
      await answer('Region for IAM Identity Center', () => term.press('enter')); // us-east-1, the default
      // The built-in practice organization is managed by this account: part 1 is done already.
      await term.waitFor('Already done: this account manages organization o-practice0001, with all features', WAIT);

      const text = await term.waitFor(/In the PRACTICE console:\s+http:\/\/localhost:\d+\/identity-center\?token=[\w-]+/, WAIT);
      const url = /In the PRACTICE console:\s+(http:\/\/\S+)/.exec(text.slice(text.lastIndexOf('In the PRACTICE console')))![1]!;
      await page.goto(url);
      await page.getByLabel('Region').selectOption('us-east-1');
      await page.getByRole('button', { name: 'Enable' }).click();
      await page.getByRole('status').filter({ hasText: 'Enabled IAM Identity Center in us-east-1' }).waitFor();
      await term.waitFor('Done: IAM Identity Center is enabled in us-east-1', WAIT);

      await answer('User name in Identity Center', () => term.write('jane\r'));
      await answer("The admin's first name", () => term.write('Jane\r'));
      await answer("The admin's last name", () => term.write('Doe\r'));
      await answer("The admin's work email", () => term.write('jane@example.com\r'));
      await answer('How long should a signed-in session of the admin last?', () => term.press('enter'));
      await answer('Go ahead with these changes?', () => term.press('enter'));
      await term.waitFor('Done: jane is an admin of this account through IAM Identity Center', WAIT);

      // The first sign-in, as the advice says: MFA required at sign-in, a one-time password, the portal.
      await page.goto(url);
      await page.getByLabel('Every time they sign in (always-on)').check();
      await page.getByLabel('Require them to register an MFA device at sign in').check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: 'settings saved' }).waitFor();
      await page.getByRole('button', { name: 'Generate a one-time password' }).click();
      const otp = (await page.locator('#one-time-password').textContent())!.trim();
      await page.getByRole('link', { name: 'AWS access portal' }).click();
      await page.getByLabel('Username').fill('jane');
      await page.getByLabel('Password').fill(otp);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('New password').fill('Jane-Own-Passw0rd-2026');
      await page.getByRole('button', { name: 'Set new password' }).click();
      const secret = (await page.locator('#secret').textContent())!.trim();
      const [code1, code2] = twoConsecutiveCodes(secret, Date.now());
      await page.getByLabel('MFA code 1').fill(code1);
      await page.getByLabel('MFA code 2').fill(code2);
      await page.getByRole('button', { name: 'Assign MFA' }).click();
      await page.getByRole('heading', { name: 'AWS access portal: signed in as jane' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('444455556666: AdministratorAccess');

      // The rest of the run: the password policy, the optional steps declined, the security contact.
      await acceptPasswordPolicy(term);
      await answer('Give the account a memorable sign-in address? (optional)', () => term.write('n\r'));
      await nameSecurityContact(term);
      await answer('Get an email when spending passes a monthly budget? (optional)', () => term.write('n\r'));
      await term.waitFor('Root is locked away', WAIT);
      // The practice console stays open until Enter, so the finished account can be looked at.
      await term.waitFor('The practice console stays open', WAIT);
      term.press('enter');
      expect((await term.exited).exitCode).toBe(0);
      expect(term.output()).toContain('admins sign in through IAM Identity Center, whose MFA cannot be verified through the API');
    } finally {
      await page.close();
      term.kill();
    }
  }, 120_000);
});
