import { stringify } from 'csv-stringify/sync';
import { cell, indented, NO_WRAP, widthOf } from '../ui/layout.js';
import { join, printable, style, t, Text, type Printable } from '../ui/text.js';
import type { CentralRootAccess } from './central-root-access.js';
import type { MemberReport, Tally, Verdict } from './member-report.js';

/** What every report of a run starts with. */
export interface RunHeader {
  organizationId: string;
  managementAccountId: string;
  callerArn: string;
  centralRootAccess: CentralRootAccess;
}

/** Where the accounts' reports go, one at a time, as they come: plain lines, JSON or CSV. */
export interface ReportSink {
  /** Without a header (a second phase of the same run), only the accounts follow. */
  start(header?: RunHeader): void;
  account(report: MemberReport): void;
  end(tally: Tally, ok: boolean): void;
  /** Restores the terminal (a progress bar) when the run ends early. */
  close?(): void;
}

const VERDICT_COLOUR: Record<Verdict, (text: Printable) => Text> = {
  locked: style.green,
  open: style.yellow,
  unknown: style.red,
  'not-applicable': style.gray,
};

/** An account's name in its column: cut with … where longer, padded where shorter (as the terminal measures it). */
function pad(name: string, width: number): Text {
  let text = Text.of(name);
  if (widthOf(text) > width) {
    let cut = printable(name);
    while (widthOf(`${cut}…`) > width) cut = cut.slice(0, -1);
    text = Text.ours(`${cut}…`);
  }
  return Text.ours(text.value + ' '.repeat(Math.max(0, width - widthOf(text))));
}

/**
 * One account: id, name, verdict, and what remains, what was removed, or why; at a terminal
 * `width` columns wide the last wraps inside its own column (an ARN broken only after a `/` or `:`).
 */
export function accountLine(r: MemberReport, width = NO_WRAP): Text {
  const detail = r.removed?.length && r.verdict === 'locked' ? `removed ${r.removed.join(', ')}` : r.detail;
  const verdict = VERDICT_COLOUR[r.verdict]((r.verdict === 'not-applicable' ? 'n/a' : r.verdict).padEnd(7));
  return cell(width, t`  ${r.id}  ${pad(r.name, 16)}  ${verdict}  `, detail);
}

export function tallyLine(tally: Tally): Text {
  const parts = [style.green(`${tally.locked} locked`), style.yellow(`${tally.open} open`), style.red(`${tally.unknown} unknown`)];
  if (tally.notApplicable) parts.push(style.gray(`${tally.notApplicable} not applicable`));
  return join(parts, ' · ');
}

const onOff = (on: boolean) => (on ? style.green('on') : style.yellow('off'));

/** Who and what the run is about, wrapped to `width`. */
export function headerLines(h: RunHeader, width = NO_WRAP): Text {
  const c = h.centralRootAccess;
  return indented(
    width,
    t`Organization ${style.bold(h.organizationId)} \u00b7 management account ${h.managementAccountId} \u00b7 signed in as ${h.callerArn}
Centralized root access: trusted access for IAM ${onOff(c.trustedAccess)}, root credentials management ${onOff(c.rootCredentialsManagement)}, root sessions ${onOff(c.rootSessions)}`,
  );
}

/** For pipes and logs: the header, one line per account as it is known, the tally; each line whole. */
export class PlainSink implements ReportSink {
  constructor(private readonly out: NodeJS.WritableStream) {}
  start(h?: RunHeader) {
    if (h) this.out.write(`${headerLines(h).value}\n`);
  }
  account(r: MemberReport) {
    this.out.write(`${accountLine(r).value}\n`);
  }
  end(tally: Tally) {
    this.out.write(`${tallyLine(tally).value}\n`);
  }
}

/**
 * One JSON object on stdout, written as the accounts are known (each on its own line inside
 * `accounts`), so memory does not grow with the organization and a reader sees progress:
 * {"organization":…,"caller":…,"accounts":[…],"summary":{…},"ok":…}.
 */
export class JsonSink implements ReportSink {
  private first = true;
  constructor(private readonly out: NodeJS.WritableStream) {}
  start(h?: RunHeader) {
    if (!h) throw new Error('a JSON report starts with its header');
    const organization = { id: h.organizationId, managementAccountId: h.managementAccountId, centralRootAccess: h.centralRootAccess };
    this.out.write(`{"organization":${JSON.stringify(organization)},\n "caller":${JSON.stringify({ arn: h.callerArn })},\n "accounts":[`);
  }
  account(r: MemberReport) {
    this.out.write(`${this.first ? '\n' : ',\n'}  ${JSON.stringify(r)}`);
    this.first = false;
  }
  end(t: Tally, ok: boolean) {
    this.out.write(`\n ],\n "summary":${JSON.stringify(t)},\n "ok":${ok}}\n`);
  }
}

const CSV_COLUMNS = ['account_id', 'account_name', 'state', 'verdict', 'password', 'access_keys', 'mfa_devices', 'signing_certificates', 'removed', 'detail'];

/**
 * CSV rows (RFC 4180, by csv-stringify) with a header, one per account as it is known. Cells a
 * spreadsheet would run as a formula (=, +, -, @ first) are escaped, and text from AWS is made
 * printable (src/ui/text.ts) as for a terminal, where CSV is often read; JSON alone stays exact.
 */
export class CsvSink implements ReportSink {
  constructor(private readonly out: NodeJS.WritableStream) {}
  private row(cells: unknown[]) {
    this.out.write(stringify([cells], { escape_formulas: true }));
  }
  start() {
    this.row(CSV_COLUMNS);
  }
  account(r: MemberReport) {
    const root = r.root;
    this.row([
      r.id,
      printable(r.name),
      r.state ?? '',
      r.verdict,
      root ? (root.password ? 'yes' : 'no') : '',
      root ? root.accessKeys.map((k) => `${k.id} ${k.status}${k.lastUsed ? ` last used ${k.lastUsed}` : ''}`).join('; ') : '',
      root ? root.mfaDevices.length : '',
      root ? root.signingCertificates.length : '',
      (r.removed ?? []).join('; '),
      printable(r.detail),
    ]);
  }
  end() {}
}
