import { ROOT, type Principal } from '../../account.js';
import type { MfaType } from '../actions.js';
import { PAGES } from '../addresses.js';
import { date, esc, linkButton, table, type PageContext } from '../html.js';

/** The console's names for the kinds of MFA device, as the "Assign MFA device" wizard offers them. */
export const MFA_TYPE_NAMES: Record<MfaType, string> = {
  fido: 'Passkey or security key',
  virtual: 'Authenticator app',
  hardware: 'Hardware TOTP token',
};

/** The "Multi-factor authentication (MFA)" section of root's page and of a user's security credentials. */
export function mfaSection(ctx: PageContext, principal: Principal): string {
  const devices = ctx.account.mfaDevicesOf(principal);
  const who = principal === ROOT ? 'root' : principal;
  const list = devices.length
    ? table(
        `MFA devices of ${who}`,
        ['Device type', 'Identifier', 'Assigned'],
        devices.map((d) => [esc(MFA_TYPE_NAMES[d.type]), `<code>${esc(d.serialNumber)}</code>`, date(ctx, d.enabled ?? d.created)]),
      )
    : `<p>No MFA devices. Without one, ${principal === ROOT ? "root's password" : 'this password'} alone is enough to sign in.</p>`;
  const spare =
    devices.length === 1
      ? `<p class="hint">Up to 8 devices can be assigned. A second one (a spare key, or an app on another phone) keeps a lost device from locking ${esc(who)} out.</p>`
      : '';
  return `<section aria-labelledby="mfa-heading"><h2 id="mfa-heading">Multi-factor authentication (MFA)</h2>${list}${spare}
<p>${linkButton(ctx, PAGES.assignMfa(principal), 'Assign MFA device', true)}</p></section>`;
}
