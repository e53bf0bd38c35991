import cliProgress from 'cli-progress';
import { emptyTally, count, type MemberReport, type Tally, type Verdict } from './member-report.js';
import { accountLine, headerLines, tallyLine, type ReportSink, type RunHeader } from './report-sinks.js';

const ORDER: Verdict[] = ['open', 'unknown', 'locked', 'not-applicable'];

/**
 * At a terminal: a progress bar on stderr (done and total, the tally so far, the time left) while
 * the accounts come in, then one table on stdout, the accounts that need something first. The bar
 * fits an 80-column terminal.
 */
export class TerminalSink implements ReportSink {
  private readonly bar;
  private readonly reports: MemberReport[] = [];
  private readonly tally: Tally = emptyTally();
  private started = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    err: NodeJS.WritableStream,
    /** The window's width now, for the table. */
    private readonly columns: () => number,
    private readonly total: number,
    phase: string,
  ) {
    this.bar = new cliProgress.SingleBar(
      {
        stream: err as NodeJS.WriteStream,
        format: `  ${phase} [{bar}] {value}/{total} · {locked} locked, {open} open, {unknown} unknown · ETA {eta_formatted}`,
        barsize: 12,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 100,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  start(h?: RunHeader) {
    if (h) this.out.write(`${headerLines(h, this.columns()).value}\n`);
    this.bar.start(this.total, 0, this.tally);
    this.started = true;
  }

  account(r: MemberReport) {
    this.reports.push(r);
    count(this.tally, r);
    this.bar.increment(1, this.tally);
  }

  end(t: Tally) {
    this.close();
    const sorted = [...this.reports].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict) || a.id.localeCompare(b.id));
    this.out.write(`${[...sorted.map((r) => accountLine(r, this.columns())), tallyLine(t)].map((line) => line.value).join('\n')}\n`);
  }

  /** Takes the bar off the screen and shows the cursor again (also when the run is stopped). */
  close() {
    if (!this.started) return;
    this.started = false;
    this.bar.stop();
  }
}
