import { UsageError } from '../../errors.js';
import { readSmallFile, writePrivateFile } from '../../files.js';
import { describeScenarioIssue, newAccountScenario, scenarioSchema, type Scenario } from './scenario.js';

/**
 * A scenario from a file, or a brand-new account when the file does not exist yet. Never writes.
 * `described` names the file in an error (the flag that gave it, or the kept practice account).
 */
export function loadScenario(path: string | undefined, described = `--practice-state ${path}`): Scenario {
  const text = path === undefined ? undefined : readSmallFile(path);
  if (path === undefined || text === undefined) return newAccountScenario();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${described}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${described}: ${describeScenarioIssue(parsed.error)}`);
  return parsed.data;
}

/** Written whole, privately, and renamed into place (src/files.ts): a run stopped mid-write leaves the last good scenario. */
export function saveScenario(path: string, scenario: Scenario) {
  writePrivateFile(path, `${JSON.stringify(scenario, null, 2)}\n`);
}
