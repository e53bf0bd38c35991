import type { Identity } from '../aws/identity.js';
import type { IO } from '../io.js';
import { emptyTally, count, settles, type MemberReport, type Tally } from './member-report.js';
import { CsvSink, JsonSink, PlainSink, type ReportSink, type RunHeader } from './report-sinks.js';
import type { SweepContext } from './sweep.js';
import { TerminalSink } from './terminal-sink.js';

/** Everything an org command needs, built once by main.ts. */
export interface OrgContext extends Omit<SweepContext, 'managementAccountId'> {
  identity: Identity;
  io: IO;
}

export type OutputFormat = 'plain' | 'json' | 'csv';

/** Where reports go: JSON or CSV when asked; a progress bar and a table at a terminal; else a line per account. */
export function sinkFor(io: IO, format: OutputFormat, total: number, phase: string): ReportSink {
  if (format === 'json') return new JsonSink(io.stdout);
  if (format === 'csv') return new CsvSink(io.stdout);
  return io.isTTY.stdout && io.isTTY.stderr ? new TerminalSink(io.stdout, io.stderr, io.columns, total, phase) : new PlainSink(io.stdout);
}

/** A sink with the tally kept alongside: what the run reports at its end and decides its exit code by. */
export class Reporting {
  readonly tally: Tally = emptyTally();
  readonly reports: MemberReport[] = [];
  private settled = true;

  constructor(
    readonly sink: ReportSink,
    /** Keep every report (the wizard plans from them); status streams and keeps none. */
    private readonly keep: boolean,
  ) {}

  start(header?: RunHeader) {
    this.sink.start(header);
  }

  readonly report = (r: MemberReport) => {
    count(this.tally, r);
    if (!settles(r)) this.settled = false;
    if (this.keep) this.reports.push(r);
    this.sink.account(r);
  };

  /** True when every chosen member is locked (closed accounts and the management account aside). */
  get ok() {
    return this.settled;
  }

  end() {
    this.sink.end(this.tally, this.ok);
  }
}
