import { CreateLoginProfileCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/engine/status.js';
import { dateHtml, howLongAgo } from '../../src/practice/console/dates.js';
import { text, useConsole } from './console-client.js';

/** Every page of the practice console says PRACTICE, why it matters, and what the terminal is waiting for. */

const c = useConsole();

async function everyPage(): Promise<string[]> {
  await c.aws.iam.send(new CreateUserCommand({ UserName: 'admin-jane' }));
  await c.aws.iam.send(new CreateLoginProfileCommand({ UserName: 'admin-jane', Password: 'First-Passw0rd!', PasswordResetRequired: true }));
  const enrolments = await Promise.all(['virtual', 'fido', 'hardware'].map((type) => c.post('/mfa/assign', { principal: 'root', deviceName: `root-${type}`, type })));
  const signIn = await c.post('/signin/111122223333', { account: '111122223333', user: 'admin-jane', password: 'First-Passw0rd!' });
  const paths = [
    '/',
    '/security_credentials',
    '/security_credentials?delete=access-key&id=AKIAPRACTICEROOTKEY1',
    '/users',
    '/users/admin-jane',
    '/users/admin-jane?tab=security_credentials',
    '/mfa/assign?principal=root',
    ...enrolments.map((e) => e.location!),
    '/signin/111122223333',
    signIn.location!,
    '/users/nobody',
    '/no-such-page',
    '/identity-center',
    '/portal',
  ];
  const pages = await Promise.all(paths.map(async (path) => (await c.get(path)).html));
  // IAM Identity Center's console once enabled, with the admin the wizard would make.
  c.server.console.enableIdentityCenter('us-east-1');
  c.server.account.identityCenter.createUser({ userName: 'jane', displayName: 'Jane Doe', givenName: 'Jane', familyName: 'Doe', email: 'jane@example.com' });
  return [...pages, (await c.get('/identity-center')).html];
}

describe('every page', () => {
  it('says PRACTICE, why it matters, and that no wizard is waiting; its script and style are files', async () => {
    for (const html of await everyPage()) {
      expect(html).toMatch(/<title>PRACTICE · /);
      expect(html).toContain('<strong class="practice">PRACTICE</strong>');
      expect(html).toMatch(/<p class="why"><strong>Why this matters:<\/strong> \S/);
      expect(html).toContain('<aside class="terminal" aria-label="Your terminal"><p>No wizard is waiting on this console. To work on the account, run <code>aws-root-lockdown --practice</code> in a terminal.');
      expect(html).toContain('<script src="/console.js" defer></script>');
      expect(html).not.toMatch(/<script>|<style>| on\w+="/);
    }
    expect((await c.get('/console.js')).html).toContain("addEventListener('DOMContentLoaded'");
    expect((await c.get('/console.css')).html).toContain('.practice{');
  });

  it('links back to what the terminal is waiting for, says when it saw it, and when the wizard finished', async () => {
    const { console } = c.server;
    console.terminal = { kind: 'waiting', stepId: 'root-mfa', title: 'Turn on MFA for the root user', waitingFor: 'an MFA device on the root user', url: `${c.server.consoleUrl}/security_credentials` };
    expect(text((await c.get('/users')).html)).toContain(
      'Your terminal is waiting for an MFA device on the root user (step root-mfa: Turn on MFA for the root user). It checks every few seconds and notices what you do here. Go to the page for it.',
    );
    expect((await c.get('/users')).html).toContain(`<a href="${c.server.consoleUrl}/security_credentials">Go to the page for it</a>`);
    console.terminal = { kind: 'done', stepId: 'root-mfa', title: 'Turn on MFA for the root user', detail: 'root has at least one MFA device' };
    expect(text((await c.get('/')).html)).toContain('The terminal saw it: Turn on MFA for the root user: root has at least one MFA device.');
    console.terminal = { kind: 'finished', summary: 'Root is locked away.' };
    expect(text((await c.get('/')).html)).toContain('The wizard has finished: Root is locked away. Press Enter in the terminal to close this console.');
  });

  it('has the account menu at the top right with "Security credentials" in it', async () => {
    const html = (await c.get('/')).html;
    expect(html).toContain('aria-haspopup="menu" aria-expanded="false" aria-controls="account-menu" aria-label="Account menu: root user of account 1111-2222-3333">root · 1111-2222-3333');
    expect(html).toContain('<a role="menuitem" href="/security_credentials">Security credentials</a>');
  });

  it('shows dates as people read them, with the exact moment for whoever needs it', async () => {
    const html = (await c.get('/security_credentials')).html;
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z">[^<]*\d{4}[^<]*<\/time> \(yesterday\)/);
    expect(html).not.toMatch(/>\d{4}-\d{2}-\d{2}T/);
  });
});

describe('dates', () => {
  const now = new Date('2026-03-15T12:00:00Z');
  it.each([
    ['2026-03-15T11:59:30Z', 'just now'],
    ['2026-03-15T11:55:00Z', '5 minutes ago'],
    ['2026-03-14T12:00:00Z', 'yesterday'],
    ['2026-03-12T12:00:00Z', '3 days ago'],
    ['2025-11-15T12:00:00Z', '4 months ago'],
    ['2024-01-01T00:00:00Z', '2 years ago'],
  ])('%s is %s', (iso, said) => {
    expect(howLongAgo(new Date(iso), now, 'en')).toBe(said);
  });

  it('reads a date in full, in the language asked for', () => {
    expect(dateHtml('2026-03-12T12:00:00Z', now, 'en-GB')).toMatch(/^<time datetime="2026-03-12T12:00:00.000Z">12 March 2026 at \d{2}:\d{2}<\/time> \(3 days ago\)$/);
    expect(dateHtml('not a date', now)).toBe('');
  });
});

describe('the IAM dashboard', () => {
  const checks: StatusReport['checks'] = [
    { id: 'billing-alert', title: 'Get an email when spending passes a monthly budget', status: 'fail', detail: 'no cost budget with alerts', required: false },
    { id: 'root-mfa', title: 'Turn on MFA for the root user', status: 'pass', detail: 'root has at least one MFA device', required: true },
    { id: 'admin-sign-in', title: 'Sign in once as the admin user', status: 'fail', detail: 'admin-jane has never signed in to the console', required: false },
    { id: 'root-access-keys', title: 'Delete every root access key', status: 'fail', detail: 'root still has an access key', required: true },
  ];

  it("lists the wizard's own checks as security recommendations, what needs doing first, each with where it is fixed", async () => {
    c.server.console.recommendations = async () => checks;
    const page = text((await c.get('/')).html);
    expect(page).toContain('1 required check to do.');
    // Required first, then the wizard's order (the order the checks came in).
    const order = ['To do: Delete every root access key root-access-keys', 'Suggested: Get an email', 'Suggested: Sign in once as the admin user', 'Done: Turn on MFA for the root user'];
    expect(order.map((line) => page.indexOf(line))).toEqual([...order.map((line) => page.indexOf(line))].sort((a, b) => a - b));
    expect(order.every((line) => page.includes(line))).toBe(true);
    const html = (await c.get('/')).html;
    expect(html).toContain('root still has an access key. Where: <a href="/security_credentials">Root&#39;s security credentials</a>.');
    expect(html).toContain('Where: <a href="/signin/111122223333">Sign in as an IAM user</a>.');
    expect(html).toContain('Where: the wizard sets it (see <a href="#account-settings">Account settings</a>).');

    c.server.console.recommendations = async () => checks.map((check) => ({ ...check, status: 'pass' as const }));
    expect(text((await c.get('/')).html)).toContain('Every required check passes: root is locked away.');
  });

  it('says where the recommendations come from when no command gave them', async () => {
    expect(text((await c.get('/')).html)).toContain('The recommendations appear when the practice console runs with the wizard, or with practice console.');
  });
});
