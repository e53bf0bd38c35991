// A command embedded in a sentence (a hint from src/invocation.ts) is never broken between its
// words by the wrapper, so it copies whole: Ctrl-C's resume line, the no-credentials list, the
// org command's errors, at 80 columns as a newcomer's window is. In-process, through reportError.
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialProblem, StoppedError } from '../../src/errors.js';
import { sameAccountFlags, useInvocation } from '../../src/invocation.js';
import { explainOrgError } from '../../src/org/org-errors.js';
import { reportError } from '../../src/report-error.js';
import { paragraph } from '../../src/ui/layout.js';

/** What reportError writes to a terminal `columns` wide. */
function reported(error: unknown, columns = 80): string {
  let out = '';
  const io = { stderr: { write: (s: string) => ((out += s), true) }, columns: () => columns, isTTY: { stdin: true, stdout: true, stderr: true } };
  reportError(error, false, io as never);
  return out;
}

const CREDENTIALS_MISSING = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });

describe('a command inside a sentence stays whole on one line', () => {
  afterAll(() => useInvocation({ launcher: ['aws-root-lockdown'], sameAccount: [] }));

  it('Ctrl-C in practice mode: run "npm start -- --practice" to continue', () => {
    useInvocation({ launcher: ['npm', 'start', '--'], sameAccount: sameAccountFlags({ practice: true }) });
    const out = reported(new StoppedError());
    expect(out.split('\n').some((line) => line.includes('"npm start -- --practice"'))).toBe(true);
    expect(out.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('no credentials: every "npm start -- --profile NAME" and "npm start -- --practice" on one line', () => {
    useInvocation({ launcher: ['npm', 'start', '--'], sameAccount: [] });
    const rows = reported(CREDENTIALS_MISSING).split('\n');
    expect(rows.filter((line) => line.includes('npm start -- --profile NAME'))).toHaveLength(2);
    expect(rows.some((line) => line.includes('npm start -- --practice'))).toBe(true);
  });

  it("the org command's errors keep the single-account command whole", () => {
    useInvocation({ launcher: ['npx', './aws-root-lockdown-0.1.0.tgz', 'org'], sameAccount: sameAccountFlags({ profile: 'management-admin' }) });
    const message = explainOrgError({ name: 'AWSOrganizationsNotInUseException' })!;
    for (const columns of [60, 80, 100]) {
      const rows = reported(new CredentialProblem(message), columns).split('\n');
      expect(rows.some((line) => line.includes('npx ./aws-root-lockdown-0.1.0.tgz --profile management-admin')), `at ${columns}`).toBe(true);
    }
  });

  it('text that is no hint still wraps between any two words', () => {
    useInvocation({ launcher: ['npm', 'start', '--'], sameAccount: [] });
    expect(paragraph(20, '', 'please run npm start later today').value).toBe('please run npm start\nlater today');
  });
});
