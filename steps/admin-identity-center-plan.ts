import { partitionOf } from '../src/aws/endpoints.js';
import { identityCenterClients, ownInstance } from '../src/aws/identity-center.js';
import type { Plan, StepContext } from '../src/engine/types.js';
import { UsageError } from '../src/errors.js';
import { regionSchema, validatorFor } from '../src/inputs.js';
import { assignmentPart } from './admin-identity-center-assignment.js';
import { enablePart } from './admin-identity-center-enable.js';
import { organizationPart } from './admin-identity-center-organization.js';
import { signInPart } from './admin-identity-center-sign-in.js';
import type { InputsFor } from './manifest.js';

type In = InputsFor<'admin-user'>;
type Context = StepContext<In>;

/** The Identity Center way, as parts the engine walks. */
export async function identityCenterPlan(ctx: Context): Promise<Plan<In>> {
  const region = await identityCenterRegion(ctx);
  const run = { aws: ctx.aws, signal: ctx.signal, region, ic: identityCenterClients(ctx.aws, region), admin: {} };
  const parts = [organizationPart(run), enablePart(run), assignmentPart(run), signInPart(run)];
  ctx.ui.note({
    level: 'info',
    text: `The Identity Center way, in ${parts.length} parts (each is checked first; what is done is kept): ${parts.map((p, i) => `${i + 1}. ${p.title}`).join('; ')}.`,
  });
  return { summary: 'Set up an admin in IAM Identity Center', actions: [], parts };
}

/**
 * The region Identity Center lives in. --identity-center-region, else the partition's main region
 * when Identity Center is already enabled there, else the person's answer (that region by default).
 * Every other call of this program goes to the partition's main region; Identity Center's go here.
 */
async function identityCenterRegion(ctx: Context): Promise<string> {
  const home = await ctx.aws.iam.config.region();
  const inPartition = (region: string) =>
    partitionOf(region) === ctx.identity.partition ? true : `${region} is not a region of this account's partition (${ctx.identity.partition})`;
  const given = ctx.inputs.identityCenterRegion;
  if (given) {
    const problem = inPartition(given);
    if (problem !== true) throw new UsageError(`--identity-center-region ${given}: ${problem}`);
    return given;
  }
  if (!ctx.ui.interactive || (await ownInstance(identityCenterClients(ctx.aws, home), ctx.identity.account))) return home;
  ctx.ui.note({
    level: 'info',
    text:
      'IAM Identity Center lives in one AWS region, chosen when it is enabled; moving it later means deleting it and ' +
      'starting over. Pick one near its users that you keep enabled (any region works for signing in to the account).',
  });
  const checkRule = validatorFor(regionSchema);
  return ctx.ui.text({
    key: 'identity-center-region',
    message: 'Region for IAM Identity Center',
    default: home,
    validate: (value) => {
      const rule = checkRule(value);
      return rule === true ? inPartition(value) : rule;
    },
  });
}
