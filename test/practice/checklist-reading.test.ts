import { describe, expect, it } from 'vitest';
import { controlsNamed, lastChecklist } from '../support/checklist.js';

/** How the browser test reads a checklist: the items the wizard printed, and the controls each names. */

describe('reading a checklist', () => {
  it('takes the last checklist, its page, and each item joined across wrapped lines', () => {
    const screen = [
      '  In the PRACTICE console:',
      '    http://localhost:1/old',
      '    1. Old.',
      '[2/13] Next step',
      '  In the PRACTICE console:',
      '    http://localhost:40207/security_credentials',
      '    1. Sign in as root.',
      '    2. At the top right, open the "Account menu" and',
      '       choose "Security credentials".',
      '  Tip: not an item.',
      '⠋ Waiting for ...',
    ].join('\n');
    expect(lastChecklist(screen)).toEqual({
      url: 'http://localhost:40207/security_credentials',
      items: ['Sign in as root.', 'At the top right, open the "Account menu" and choose "Security credentials".'],
    });
  });

  it.each([
    ['At the top right, open the "Account menu" (it shows your account name) and choose "Security credentials".', ['Account menu', 'Security credentials']],
    ['In "Multi-factor authentication (MFA)", choose "Assign MFA device".', ['Multi-factor authentication (MFA)', 'Assign MFA device']],
    ['Type a "Device name", choose "Authenticator app" (or "Passkey or security key", or "Hardware TOTP token"), then "Next".', ['Device name', 'Authenticator app', 'Next']],
    ['Sign in to the AWS console as the root user.', []],
  ])('%s names %j', (item, names) => {
    expect(controlsNamed(item)).toEqual(names);
  });
});
