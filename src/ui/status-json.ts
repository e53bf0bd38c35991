import type { StatusReport } from '../engine/status.js';

// Apart from the table (status-view.ts), which lays text out for the terminal: `status --json`
// loads no text layout (string-width, slow to load).

/** The JSON of `status --json`: one object, exactly the documented fields (JSON escapes control characters itself). */
export function statusJson(report: StatusReport): string {
  const { account, partition, caller, summary, ok } = report;
  const checks = report.checks.map(({ id, title, status, detail, required }) => ({ id, title, status, detail, required }));
  return JSON.stringify({ account, partition, caller, summary, checks, ok });
}
