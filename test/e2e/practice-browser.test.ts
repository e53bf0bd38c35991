// @module-tag e2e
import { rmSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoConsecutiveCodes } from '../../src/totp.js';
import { spawnPty, type PtySession } from '../support/pty.js';
import { CLI, NO_AWS, tempDir } from '../practice/cli.js';
import { acceptPasswordPolicy, chooseAdminMfaIn, createAdmin, giveAlias, nameSecurityContact, setBudget, WAIT } from '../practice/wizard-answers.js';

/**
 * The practice console in a real browser (Debian's Chromium, headless) while the wizard runs in a
 * real terminal: each console step is clicked through, and the wizard notices each by polling.
 */

const CHROMIUM = '/usr/bin/chromium';

let context: BrowserContext;
let userDataDir: string;

beforeAll(async () => {
  userDataDir = tempDir();
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** The URL the checklist shows for the step now waiting. */
async function checklistUrl(term: PtySession, path: RegExp): Promise<string> {
  // The address has a line of its own under the heading, whole, to click or copy.
  const url = new RegExp(`In the PRACTICE console:\\s+(http://127\\.0\\.0\\.1:\\d+${path.source})`);
  const text = await term.waitFor(url, WAIT);
  return url.exec(text.slice(text.lastIndexOf('In the PRACTICE console')))![1]!;
}

/** What a person does with an authenticator app: read the secret, type the code now and the next one. */
async function assignMfa(page: Page) {
  await page.getByRole('button', { name: 'Assign MFA device' }).click();
  expect(await page.locator('#qr svg').isVisible()).toBe(true);
  const secret = (await page.locator('#secret').textContent())!.trim();
  const [code1, code2] = twoConsecutiveCodes(secret, Date.now());
  await page.getByLabel('MFA code 1').fill(code1);
  await page.getByLabel('MFA code 2').fill(code2);
  await page.getByRole('button', { name: 'Add MFA' }).click();
  await page.getByRole('status').filter({ hasText: 'assigned' }).waitFor();
}

describe('the practice console in a browser', () => {
  it('a learner clicks through every console step and the wizard completes', async () => {
    const term = spawnPty('node', [CLI, '--practice', '--poll-interval', '1'], { env: NO_AWS });
    const page = await context.newPage();
    try {
      await term.waitFor('PRACTICE', WAIT);

      await page.goto(await checklistUrl(term, /\/security_credentials/));
      expect(await page.locator('header').textContent()).toContain('PRACTICE');
      await assignMfa(page);
      await term.waitFor('Done: root has at least one MFA device', WAIT);

      await checklistUrl(term, /\/security_credentials/);
      await page.getByRole('button', { name: 'Deactivate' }).click();
      await page.getByRole('status').filter({ hasText: 'still exists' }).waitFor();
      await page.getByRole('button', { name: 'Delete AKIAPRACTICEROOTKEY1' }).click();
      await page.getByRole('status').filter({ hasText: 'Deleted' }).waitFor();
      await term.waitFor('Done: root has no access keys', WAIT);

      const password = await createAdmin(term);
      await acceptPasswordPolicy(term);
      await giveAlias(term, 'practice-jane');

      // The sign-in page is the alias's now, as on AWS.
      await page.goto(await checklistUrl(term, /\/signin\/practice-jane/));
      await page.getByLabel('IAM user name').fill('admin-jane');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('New password').fill('My-Own-Passw0rd-2026');
      await page.getByRole('button', { name: 'Confirm password change' }).click();
      await page.getByRole('heading', { name: 'Signed in as admin-jane' }).waitFor();
      await term.waitFor(/Done: admin-jane last signed in/, WAIT);

      // A passkey or security key is added in the console: that is the way the browser takes.
      await chooseAdminMfaIn(term, 'console');
      await page.goto(await checklistUrl(term, /\/users\/admin-jane/));
      await assignMfa(page);
      await term.waitFor('Done: MFA is on for admin-jane', WAIT);

      await nameSecurityContact(term);
      await setBudget(term, '35');

      await term.waitFor('Root is locked away', WAIT);
      expect((await term.exited).exitCode).toBe(0);
    } finally {
      await page.close();
      term.kill();
    }
  }, 120_000);
});
