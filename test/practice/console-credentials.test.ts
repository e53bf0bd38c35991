import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { text, useConsole } from './console-client.js';

/**
 * Root's long-lived credentials on its "Security credentials" page: each with an "Actions" menu;
 * delete asks to deactivate first and to type the ID, as the IAM console's dialog does.
 */

const CERTIFICATE = 'PRACTICEROOTCERTIFICATE1';
const c = useConsole(() => {
  const account = newAccountScenario();
  account.root.signingCertificates.push({ id: CERTIFICATE, status: 'Active', created: '2026-01-01T00:00:00Z' });
  return account;
});

const summary = async () => (await c.aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;

describe.each([
  ['access-key', 'AKIAPRACTICEROOTKEY1', 'AccountAccessKeysPresent', 'Access key ID', 'access key'],
  ['certificate', CERTIFICATE, 'AccountSigningCertificatesPresent', 'Certificate ID', 'signing certificate'],
] as const)('root %s', (kind, id, counted, label, noun) => {
  it('has an "Actions" menu with Deactivate and Delete, described by its ID', async () => {
    const page = (await c.get('/security_credentials')).html;
    const menu = `id="actions-${kind}-${id}-button" aria-haspopup="menu" aria-expanded="false" aria-controls="actions-${kind}-${id}" aria-label="Actions" aria-describedby="${kind}-${id}"`;
    expect(page).toContain(menu);
    expect(page).toContain(`<ul role="menu" id="actions-${kind}-${id}" aria-labelledby="actions-${kind}-${id}-button" hidden>`);
    expect(page).toContain('<button type="submit" role="menuitem">Deactivate</button>');
    expect(page).toContain(`<a role="menuitem" href="/security_credentials?delete=${kind}&amp;id=${id}">Delete</a>`);
  });

  it('is deleted only once deactivated and its ID typed; until then it still counts', async () => {
    const dialog = (await c.get(`/security_credentials?delete=${kind}&id=${id}`)).html;
    expect(dialog).toContain(`<dialog open id="delete-dialog" aria-labelledby="delete-dialog-title"><h2 id="delete-dialog-title">Delete ${id}?</h2>`);
    expect(dialog).not.toContain('name="confirm"');
    // Posted anyway (no page offers it): refused, nothing deleted.
    const early = await c.post('/credentials/delete', { kind, id, confirm: id });
    expect(text((await c.follow(early.location)).html)).toContain(`${id} is active: deactivate it first. Nothing was deleted.`);

    const deactivated = await c.post('/credentials/status', { kind, id, status: 'Inactive', back: 'dialog' });
    expect(deactivated.location).toMatch(new RegExp(`^/security_credentials\\?delete=${kind}&id=${id}&info=`));
    const confirm = await c.follow(deactivated.location);
    expect(text(confirm.html)).toContain(`Deactivated ${id}: it can no longer sign requests, but it still exists and still counts. Type its ID to delete it.`);
    expect(confirm.html).toContain(`<label for="confirm">${label}</label>`);
    expect((await summary())[counted]).toBe(1);

    const mistyped = await c.post('/credentials/delete', { kind, id, confirm: id.slice(0, -1) });
    expect(text((await c.follow(mistyped.location)).html)).toContain(`What you typed is not ${id}: nothing was deleted.`);
    expect((await summary())[counted]).toBe(1);

    const deleted = await c.post('/credentials/delete', { kind, id, confirm: ` ${id} ` });
    expect(text((await c.follow(deleted.location)).html)).toContain(`Deleted the ${noun} ${id}. Root has no ${noun}s now: the terminal's next check will see it.`);
    expect((await summary())[counted]).toBe(0);
    expect((await c.get('/security_credentials')).html).not.toContain(`data-${kind}="${id}"`);
  });

  it('can be switched back on from its menu, and says so', async () => {
    await c.post('/credentials/status', { kind, id, status: 'Inactive' });
    const on = await c.post('/credentials/status', { kind, id, status: 'Active' });
    expect(text((await c.follow(on.location)).html)).toContain(`Activated ${id}: it can sign requests as root again.`);
  });
});

it('an unknown credential is the error AWS gives, on a page that says so', async () => {
  const page = await c.post('/credentials/status', { kind: 'access-key', id: 'AKIANOSUCHKEY0000000', status: 'Inactive' });
  expect(page.status).toBe(404);
  expect(text(page.html)).toContain('The Access Key with id AKIANOSUCHKEY0000000 cannot be found.');
});
