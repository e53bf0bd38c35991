import { EXIT } from '../exit-codes.js';
import { orgCommand } from './commands.js';
import { Reporting, sinkFor, type OrgContext, type OutputFormat } from './context.js';
import { choose, survey, type Selection } from './survey.js';
import { auditMembers, triage } from './sweep.js';

/** Why no member can be read while the organization's root sessions are off, and what turns them on. */
export const rootSessionsOff = () => `root sessions are off, so no member's root can be read: turn them on with ${orgCommand()} (in the management account)`;

/**
 * `org status`: every chosen member's root, read in short root sessions (IAMAuditRootUserCredentials),
 * streamed as it is known. Read-only. Exit 0 when every active member chosen is locked, 1 otherwise.
 */
export async function orgStatus(ctx: OrgContext, selection: Selection, format: OutputFormat): Promise<number> {
  const { organization, access, header } = await survey(ctx.clients, ctx.identity, ctx.signal);
  const chosen = await choose(ctx.clients, organization, selection, ctx.signal);
  const run = new Reporting(sinkFor(ctx.io, format, chosen.length, 'Auditing'), false);
  try {
    run.start(header);
    const members = triage({ managementAccountId: organization.managementAccountId }, chosen, run.report);
    if (access.rootSessions) {
      await auditMembers({ ...ctx, managementAccountId: organization.managementAccountId }, members, run.report);
    } else {
      for (const m of members) run.report({ id: m.id, name: m.name, state: m.state, verdict: 'unknown', detail: rootSessionsOff() });
    }
    run.end();
  } finally {
    run.sink.close?.();
  }
  return run.ok ? EXIT.ok : EXIT.open;
}
