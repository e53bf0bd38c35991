import { stringify } from 'csv-stringify/sync';
import kleur from 'kleur';
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

const VERDICT_COLOUR: Record<Verdict, (text: string) => string> = {
  locked: kleur.green,
  open: kleur.yellow,
  unknown: kleur.red,
  'not-applicable': kleur.gray,
};

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

/** One account on one line: id, name, verdict, and what remains, what was removed, or why. */
export function accountLine(r: MemberReport): string {
  const detail = r.removed?.length && r.verdict === 'locked' ? `removed ${r.removed.join(', ')}` : r.detail;
  return `  ${r.id}  ${pad(r.name, 16)}  ${VERDICT_COLOUR[r.verdict](pad(r.verdict === 'not-applicable' ? 'n/a' : r.verdict, 7))}  ${detail}`;
}

export function tallyLine(t: Tally): string {
  const parts = [kleur.green(`${t.locked} locked`), kleur.yellow(`${t.open} open`), kleur.red(`${t.unknown} unknown`)];
  if (t.notApplicable) parts.push(kleur.gray(`${t.notApplicable} not applicable`));
  return parts.join(' · ');
}

const onOff = (on: boolean) => (on ? kleur.green('on') : kleur.yellow('off'));

export function headerLines(h: RunHeader): string[] {
  const c = h.centralRootAccess;
  return [
    `Organization ${kleur.bold(h.organizationId)} · management account ${h.managementAccountId} · signed in as ${h.callerArn}`,
    `Centralized root access: trusted access for IAM ${onOff(c.trustedAccess)}, root credentials management ${onOff(c.rootCredentialsManagement)}, root sessions ${onOff(c.rootSessions)}`,
  ];
}

/** For pipes and logs: the header, one line per account as it is known, the tally. */
export class PlainSink implements ReportSink {
  constructor(private readonly out: NodeJS.WritableStream) {}
  start(h?: RunHeader) {
    if (h) this.out.write(`${headerLines(h).join('\n')}\n`);
  }
  account(r: MemberReport) {
    this.out.write(`${accountLine(r)}\n`);
  }
  end(t: Tally) {
    this.out.write(`${tallyLine(t)}\n`);
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
 * spreadsheet would run as a formula (=, +, -, @ first) are escaped.
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
      r.name,
      r.state ?? '',
      r.verdict,
      root ? (root.password ? 'yes' : 'no') : '',
      root ? root.accessKeys.map((k) => `${k.id} ${k.status}${k.lastUsed ? ` last used ${k.lastUsed}` : ''}`).join('; ') : '',
      root ? root.mfaDevices.length : '',
      root ? root.signingCertificates.length : '',
      (r.removed ?? []).join('; '),
      r.detail,
    ]);
  }
  end() {}
}
