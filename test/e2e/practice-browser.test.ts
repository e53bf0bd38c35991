// @module-tag e2e
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PracticeAccount } from '../../src/practice/account.js';
import { PAGES } from '../../src/practice/console/addresses.js';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { startPracticeServer } from '../../src/practice/server.js';
import { twoConsecutiveCodes } from '../../src/totp.js';
import { launchChromium } from '../support/chromium.js';
import { controlsNamed, lastChecklist } from '../support/checklist.js';
import { ROOT } from '../support/cli-path.js';
import { spawnPty, type PtySession } from '../support/pty.js';
import { CLI, noAws, tempDir } from '../practice/cli.js';
import { acceptPasswordPolicy, chooseAdminMfaIn, createAdmin, giveAlias, nameSecurityContact, setBudget, WAIT } from '../practice/wizard-answers.js';

/**
 * A learner who does exactly what the terminal says: the wizard runs in a real terminal, and for
 * each console step the test reads the checklist the wizard printed, and for every control the
 * checklist names in quotes it finds that control on the page by its accessible name and uses it,
 * in Debian's Chromium (headless). A passkey is made by Chromium's virtual authenticator. The
 * wizard notices each change by polling. Every page is kept as a 1280x800 screenshot in
 * test-artifacts/practice-console/ (gitignored), or in $TEST_ARTIFACTS.
 */

const ARTIFACTS = process.env.TEST_ARTIFACTS ?? join(ROOT, 'test-artifacts', 'practice-console');

let context: BrowserContext;
let userDataDir: string;

beforeAll(async () => {
  userDataDir = tempDir();
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  context = await launchChromium(userDataDir);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

let shot = 0;
/**
 * Saves what the learner sees, for people reading the run afterwards; the test's verdict rests on
 * the page's controls and the account, not on the pictures. Headless Chromium now and then refuses
 * or stalls Page.captureScreenshot ("Unable to capture screenshot", or no answer at all) on this
 * machine, so a picture that cannot be taken within 5 s is reported and the walk goes on.
 */
async function screenshot(page: Page, name: string) {
  const path = join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, timeout: 5000 }).catch((error: unknown) => console.warn(`screenshot ${path} not taken: ${String(error).split('\n')[0]}`));
}

/** The roles a checklist's quoted name can be, in the order they are looked for. */
const ROLES = ['textbox', 'button', 'menuitem', 'link', 'tab', 'radio', 'heading'] as const;
type Role = (typeof ROLES)[number];

/**
 * The visible control named `name`: exactly, else by the start of its name ("Account menu: root
 * user of ..."). Where several share the name (the "Users" link in the menu bar and in the trail),
 * any of them will do: the first.
 */
async function find(page: Page, name: string): Promise<{ control: Locator; role: Role }> {
  const deadline = Date.now() + 10_000;
  const start = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  for (;;) {
    for (const exact of [true, false]) {
      for (const role of ROLES) {
        const found = page.getByRole(role, { name: exact ? name : start, exact }).filter({ visible: true });
        if ((await found.count()) > 0) return { control: found.first(), role };
      }
    }
    if (Date.now() > deadline) throw new Error(`no single visible control named "${name}" on ${page.url()}`);
    await page.waitForTimeout(200);
  }
}

/** What a learner types into a field the checklist names. */
type Values = Record<string, (page: Page) => Promise<string>>;

/** Follows a checklist literally: each quoted control, in order, used as its role is used. */
async function follow(page: Page, step: string, items: string[], values: Values) {
  for (const [i, item] of items.entries()) {
    for (const name of controlsNamed(item)) {
      const { control, role } = await find(page, name);
      if (role === 'textbox') {
        const value = values[name];
        if (!value) throw new Error(`the checklist of ${step} names the field "${name}", and the test has no value for it`);
        await control.fill(await value(page));
      } else if (role === 'radio') await control.check();
      else if (role === 'heading') await control.scrollIntoViewIfNeeded();
      else await control.click();
      await page.waitForLoadState();
    }
    await screenshot(page, `${step}-${i + 1}`);
  }
}

/** The ID a delete dialog asks for, as the learner reads it off the dialog's title. */
const dialogId = async (page: Page) => /^Delete (\S+)\?$/.exec((await page.getByRole('dialog').getByRole('heading').textContent())!.trim())![1]!;

/** Two consecutive codes from the secret the page shows (what the learner's app would show). */
function authenticatorApp(): Values {
  let codes: [string, string] | undefined;
  const code = (i: 0 | 1) => async (page: Page) => {
    codes ??= twoConsecutiveCodes((await page.locator('#secret').textContent())!.trim(), Date.now());
    return codes[i];
  };
  return { 'MFA code 1': code(0), 'MFA code 2': code(1) };
}

/** The checklist the wizard printed for the step it now waits for, and its page opened. */
async function checklistOf(term: PtySession, page: Page, waitingFor: string) {
  const text = await term.waitFor(`Waiting for ${waitingFor}`, WAIT);
  const { url, items } = lastChecklist(text);
  expect(url).toMatch(/^http:\/\/localhost:\d+\//);
  await page.goto(url);
  // Every page says PRACTICE, and what the terminal is waiting for.
  await expect(page.getByRole('complementary', { name: 'Your terminal' }).textContent()).resolves.toContain(`Your terminal is waiting for ${waitingFor}`);
  return items;
}

/** A new account, plus one root signing certificate, so every console checklist has something to do. */
function lessonWithCertificate(): string {
  const file = join(tempDir(), 'lesson.json');
  const created = new Date(Date.now() - 86_400_000).toISOString();
  writeFileSync(
    file,
    JSON.stringify({
      accountId: '111122223333',
      root: {
        password: true,
        created,
        accessKeys: [{ id: 'AKIAPRACTICEROOTKEY1', status: 'Active', created }],
        signingCertificates: [{ id: 'PRACTICEROOTCERTIFICATE1', status: 'Active', created }],
      },
    }),
  );
  return file;
}

describe('the practice console, followed literally', () => {
  it('every console checklist is true on the page: each named control is there, and using it finishes the step', async () => {
    const term = spawnPty('node', [CLI, '--practice-state', lessonWithCertificate(), '--poll-interval', '1'], { env: noAws() });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    try {
      await term.waitFor('PRACTICE', WAIT);

      await follow(page, 'root-mfa', await checklistOf(term, page, 'an MFA device on the root user'), {
        'Device name': async () => 'root-phone',
        ...authenticatorApp(),
      });
      await term.waitFor('Done: root has at least one MFA device', WAIT);

      await follow(page, 'root-access-keys', await checklistOf(term, page, 'the root user to have no access keys'), { 'Access key ID': dialogId });
      await term.waitFor('Done: root has no access keys', WAIT);

      await follow(page, 'root-signing-certificates', await checklistOf(term, page, 'the root user to have no signing certificates'), { 'Certificate ID': dialogId });
      await term.waitFor('Done: root has no signing certificates', WAIT);

      const password = await createAdmin(term);
      await acceptPasswordPolicy(term);
      await giveAlias(term, 'practice-jane');

      const newPassword = 'My-Own-Passw0rd-2026';
      await follow(page, 'admin-sign-in', await checklistOf(term, page, 'a first console sign-in by the admin user'), {
        'IAM username': async () => 'admin-jane',
        Password: async () => password,
        'Old password': async () => password,
        'New password': async () => newPassword,
        'Retype new password': async () => newPassword,
      });
      await page.getByRole('heading', { name: 'Signed in as admin-jane' }).waitFor();
      await term.waitFor(/Done: admin-jane last signed in/, WAIT);

      // A passkey or security key is what only a browser can add: the console is the way.
      await chooseAdminMfaIn(term, 'console');
      await follow(page, 'admin-mfa', await checklistOf(term, page, 'an MFA device on the admin user'), { 'Device name': async () => 'admin-jane-key' });
      await page.getByRole('status').filter({ hasText: 'Assigned the MFA device "admin-jane-key" (Passkey or security key)' }).waitFor();
      await term.waitFor('Done: MFA is on for admin-jane', WAIT);

      await nameSecurityContact(term);
      await setBudget(term, '35');
      await term.waitFor('Root is locked away', WAIT);
      await term.waitFor('The practice console stays open', WAIT);

      // The finished account, as the dashboard shows it: the wizard's own checks.
      await page.goto(new URL('/', page.url()).href);
      await page.getByText('Every required check passes: root is locked away.').waitFor();
      expect(await page.getByRole('complementary', { name: 'Your terminal' }).textContent()).toContain('The wizard has finished: Root is locked away.');
      await screenshot(page, 'dashboard-finished');

      // Signing in again: the password the learner chose, then the passkey (a WebAuthn assertion, checked by the console).
      await page.goto(new URL('/signin/practice-jane', page.url()).href);
      await page.getByRole('textbox', { name: 'IAM username' }).fill('admin-jane');
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(newPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Signed in as admin-jane' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('you signed in with MFA');
      await screenshot(page, 'sign-in-with-passkey');

      term.press('enter');
      expect((await term.exited).exitCode).toBe(0);
    } finally {
      await page.close();
      term.kill();
    }
  }, 180_000);
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
  it("cannot deactivate root's practice key or create a user, even after the learner opened the console", async () => {
    const practice = await startPracticeServer(new PracticeAccount(newAccountScenario()));
    const consoleAt = practice.consoleOrigin;
    const key = 'AKIAPRACTICEROOTKEY1';
    // The attacks: a form posted to the console, the same to the API, and a no-cors fetch.
    const attacker = await serve({
      '/form': `<form id=f method=post action="${consoleAt}/credentials/status"><input name=kind value=access-key><input name=id value=${key}><input name=status value=Inactive></form><script>f.submit()</script>`,
      '/api': `<form id=f method=post action="${practice.url}/" enctype="application/x-www-form-urlencoded"><input name=Action value=CreateUser><input name=Version value=2010-05-08><input name=UserName value=evil></form><script>f.submit()</script>`,
      '/fetch': `<script>fetch("${consoleAt}/credentials/status",{method:"POST",mode:"no-cors",credentials:"include",headers:{"content-type":"application/x-www-form-urlencoded"},body:"kind=access-key&id=${key}&status=Inactive"}).finally(()=>document.title="sent")</script>`,
    });
    const page = await context.newPage();
    try {
      // The learner has the console open (at localhost, as the wizard links it): the browser holds its cookie.
      await page.goto(practice.consoleUrl(PAGES.deleteDialog('access-key', key)));
      await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).waitFor();

      const refused = page.waitForResponse((r) => r.url().startsWith(`${consoleAt}/credentials/status`));
      await page.goto(`${attacker.url}/form`);
      expect((await refused).status()).toBe(403);
      const apiRefused = page.waitForResponse((r) => r.url() === `${practice.url}/`);
      await page.goto(`${attacker.url}/api`);
      expect((await apiRefused).status()).toBe(403);
      await page.goto(`${attacker.url}/fetch`);
      await page.waitForFunction('document.title === "sent"');

      expect(practice.account.state.root.accessKeys.map((k) => [k.id, k.status])).toEqual([[key, 'Active']]);
      expect(practice.account.state.users).toEqual([]);
      // The learner's own click still works.
      await page.goto(`${consoleAt}${PAGES.deleteDialog('access-key', key)}`);
      await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
      await page.getByRole('status').filter({ hasText: `Deactivated ${key}` }).waitFor();
      expect(practice.account.state.root.accessKeys[0]?.status).toBe('Inactive');
    } finally {
      await page.close();
      attacker.server.close();
      await practice.close();
    }
  }, 60_000);
});
