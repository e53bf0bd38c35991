// The one sanitizer at the output port, and layout for a window's width: in-process.
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { command, indented, lines, paragraph } from '../../src/ui/layout.js';
import { join, printable, style, t, Text, useColour } from '../../src/ui/text.js';
import { accountLine, CsvSink, JsonSink } from '../../src/org/report-sinks.js';

describe('printable', () => {
  it('escapes control characters and the invisible ones that reorder text, and leaves the rest', () => {
    expect(printable('Sec\u001b[31mOps\u0007')).toBe('Sec\\u{1b}[31mOps\\u{7}');
    expect(printable('evil\u202egnp.exe')).toBe('evil\\u{202e}gnp.exe');
    expect(printable('a\u2066b\u2069c\u200bd\ufeff\u2028\u0085\u009b')).toBe('a\\u{2066}b\\u{2069}c\\u{200b}d\\u{feff}\\u{2028}\\u{85}\\u{9b}');
    expect(printable('Zoë & Sam <sec&ops@example.com> 😀 東京')).toBe('Zoë & Sam <sec&ops@example.com> 😀 東京');
  });
});

describe('Text', () => {
  it('a template keeps its own line breaks and styles, and escapes what is put into it', () => {
    useColour(true);
    const name = 'x\n  PASS  root-mfa\x1b]0;owned\x07';
    const text = t`Name: ${style.bold(name)}\nnext`;
    expect(text.value).toBe('Name: \x1b[1mx\\u{a}  PASS  root-mfa\\u{1b}]0;owned\\u{7}\x1b[22m\nnext');
    expect(join(['a\x1b', t`b`], ', ').value).toBe('a\\u{1b}, b');
    expect(Text.of(Text.ours('\x1b[1m')).value).toBe('\x1b[1m');
    useColour(false);
    expect(style.bold('x').value).toBe('x');
  });
});

describe('layout', () => {
  const widest = (text: Text) => Math.max(...text.value.split('\n').map((line) => stringWidth(line)));

  it('a paragraph wraps between words with a hanging indent, wide characters counted as two', () => {
    const body = 'one two three four five six seven eight nine ten eleven twelve 東京東京東京 thirteen';
    const text = paragraph(30, '  ! ', body);
    expect(widest(text)).toBeLessThanOrEqual(30);
    const rows = text.value.split('\n');
    expect(rows[0]).toMatch(/^ {2}! one/);
    expect(rows.slice(1).every((row) => row.startsWith('    ') && !row.startsWith('     '))).toBe(true);
    // Every word whole, in order.
    expect(rows.map((row) => row.trim()).join(' ').replace(/^! /, '')).toBe(body);
  });

  it('a word longer than the line starts its own line and is not broken; a command is never wrapped', () => {
    const url = `https://example.com/${'a'.repeat(60)}`;
    expect(paragraph(40, '  ', `see ${url} there`).value.split('\n')).toEqual(['  see', `  ${url}`, '  there']);
    const cli = `aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24`;
    expect(lines(command(4, cli)).value).toBe(`    $ ${cli}`);
  });

  it('indented: each line continues under its own indent and mark, styles and all; a command line stays whole', () => {
    useColour(true);
    const cli = 'aws organizations register-delegated-administrator --account-id 111122223333 --service-principal iam.amazonaws.com';
    const text = indented(
      40,
      lines(
        style.gray('  ! Root credentials management is off: a member can still recover a root password by email.'),
        t`  ${style.green('✔')} Root credentials management for the whole organization: on`,
        style.gray(`      $ ${cli}`),
        '    1. At the console choose "Root user", then "Forgot password?".',
        'x\u001b[2Jy',
      ),
    );
    const rows = text.value.split('\n').map((row) => stripVTControlCharacters(row));
    expect(rows).toEqual([
      '  ! Root credentials management is off:',
      '    a member can still recover a root',
      '    password by email.',
      '  ✔ Root credentials management for the',
      '    whole organization: on',
      `      $ ${cli}`,
      '    1. At the console choose "Root',
      '       user", then "Forgot password?".',
      'x\\u{1b}[2Jy',
    ]);
    useColour(false);
  });
});

describe('the org report through the same port', () => {
  const hostile = 'Prod\x1b]0;pwned\x07\x1b[2J\u202e';
  const report = { id: '111122223333', name: hostile, state: 'ACTIVE', verdict: 'open' as const, detail: `root password (${hostile})` };
  const written = (write: (out: NodeJS.WritableStream) => void) => {
    let text = '';
    write({ write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream);
    return text;
  };

  it('a table row shows an account name and detail escaped, cut to its column, the detail wrapped in its own', () => {
    const row = accountLine(report, 60).value;
    expect(row).not.toMatch(/\x1b|\u202e/);
    expect(row).toContain('Prod\\u{1b}]0;pw…  open');
    const rows = row.split('\n');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r.startsWith(' '.repeat(rows[0]!.indexOf('root password'))))).toBe(true);
  });

  it('at 80 columns an ARN in the detail column breaks only after a / or :, never mid-word; JSON and CSV keep it whole', () => {
    const arn = 'arn:aws:iam::111122223333:mfa/root-device-0';
    const locked = { id: '111122223333', name: 'mfa-and-key', state: 'ACTIVE', verdict: 'locked' as const, detail: 'no root credentials', removed: ['the root password', `MFA device ${arn}`] };
    const rows = accountLine(locked, 80).value.split('\n');
    const column = rows[0]!.indexOf('removed');
    expect(rows.every((row) => stringWidth(row) <= 80)).toBe(true);
    expect(rows.slice(1).every((row) => row.startsWith(' '.repeat(column)) && row[column] !== ' ')).toBe(true);
    // Each row's piece of the ARN ends at a / or : (or the ARN's end): joined again, it is whole.
    const pieces = rows.map((row) => row.trim()).filter((row) => row.startsWith('arn:') || !row.includes(' '));
    expect(pieces.slice(0, -1).every((piece) => /[/:]$/.test(piece))).toBe(true);
    expect(pieces.join('')).toBe(arn);
    expect(JSON.parse(written((out) => new JsonSink(out).account(locked))).removed).toContain(`MFA device ${arn}`);
    expect(written((out) => new CsvSink(out).account(locked))).toContain(arn);
  });

  it('JSON stays exact; CSV is escaped like the terminal', () => {
    const json = written((out) => {
      const sink = new JsonSink(out);
      sink.start({ organizationId: 'o-1', managementAccountId: '1', callerArn: 'arn', centralRootAccess: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true } });
      sink.account(report);
      sink.end({ locked: 0, open: 1, unknown: 0, notApplicable: 0 }, false);
    });
    expect(JSON.parse(json).accounts[0].name).toBe(hostile);
    const csv = written((out) => new CsvSink(out).account(report));
    expect(csv).not.toMatch(/\x1b|\u202e/);
    expect(csv).toContain('Prod\\u{1b}]0;pwned\\u{7}');
  });
});

