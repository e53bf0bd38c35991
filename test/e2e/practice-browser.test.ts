// @module-tag e2e
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PracticeAccount } from '../../src/practice/account.js';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { startPracticeServer } from '../../src/practice/server.js';
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

/** The URL the checklist shows for the step now waiting (with the run's token, which lets the browser in). */
async function checklistUrl(term: PtySession, path: RegExp): Promise<string> {
  const text = await term.waitFor(new RegExp(`In the PRACTICE console \\((http://127\\.0\\.0\\.1:\\d+${path.source}\\?token=[\\w-]+)\\)`), WAIT);
  return /\((http:\/\/[^)]+)\)/.exec(text.slice(text.lastIndexOf('In the PRACTICE console')))![1]!;
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

/** A page somewhere else, as an attacker would serve it: each path its own HTML. */
async function serve(pages: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(pages[req.url ?? '/'] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('a page on another origin, in the same browser', () => {
  it('cannot delete root\'s practice key or create a user, even after the learner opened the console', async () => {
    const practice = await startPracticeServer(new PracticeAccount(newAccountScenario()));
    const target = practice.url;
    // The attacks: a form posted to the console, the same form to the API, and a no-cors fetch.
    const attacker = await serve({
      '/form': `<form id=f method=post action="${target}/access-keys/delete"><input name=id value=AKIAPRACTICEROOTKEY1></form><script>f.submit()</script>`,
      '/api': `<form id=f method=post action="${target}/" enctype="application/x-www-form-urlencoded"><input name=Action value=CreateUser><input name=Version value=2010-05-08><input name=UserName value=evil></form><script>f.submit()</script>`,
      '/fetch': `<script>fetch("${target}/access-keys/delete",{method:"POST",mode:"no-cors",credentials:"include",headers:{"content-type":"application/x-www-form-urlencoded"},body:"id=AKIAPRACTICEROOTKEY1"}).finally(()=>document.title="sent")</script>`,
    });
    const page = await context.newPage();
    try {
      // The learner has the console open: the browser holds its cookie.
      await page.goto(practice.consoleUrl('/security_credentials'));
      await page.getByRole('button', { name: 'Delete AKIAPRACTICEROOTKEY1' }).waitFor();

      const refused = page.waitForResponse((r) => r.url().startsWith(`${target}/access-keys/delete`));
      await page.goto(`${attacker.url}/form`);
      expect((await refused).status()).toBe(403);
      const apiRefused = page.waitForResponse((r) => r.url() === `${target}/`);
      await page.goto(`${attacker.url}/api`);
      expect((await apiRefused).status()).toBe(403);
      await page.goto(`${attacker.url}/fetch`);
      await page.waitForFunction('document.title === "sent"');

      expect(practice.account.state.root.accessKeys.map((k) => k.id)).toEqual(['AKIAPRACTICEROOTKEY1']);
      expect(practice.account.state.users).toEqual([]);
      // The learner's own click still works.
      await page.goto(practice.consoleUrl('/security_credentials'));
      await page.getByRole('button', { name: 'Delete AKIAPRACTICEROOTKEY1' }).click();
      await page.getByRole('status').filter({ hasText: 'Deleted' }).waitFor();
      expect(practice.account.state.root.accessKeys).toEqual([]);
    } finally {
      await page.close();
      attacker.server.close();
      await practice.close();
    }
  }, 60_000);
});
