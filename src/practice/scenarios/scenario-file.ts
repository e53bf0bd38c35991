import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { describeScenarioIssue, newAccountScenario, scenarioSchema, type Scenario } from './scenario.js';

/** A scenario from a file, or a brand-new account when the file does not exist yet. */
export function loadScenario(path: string | undefined): Scenario {
  if (!path || !existsSync(path)) return newAccountScenario();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--practice-state ${path}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`--practice-state ${path}: ${describeScenarioIssue(parsed.error)}`);
  return parsed.data;
}

/** Written whole and renamed into place, so a run stopped mid-write leaves the last good scenario. */
export function saveScenario(path: string, scenario: Scenario) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(scenario, null, 2)}\n`);
  renameSync(temporary, path);
}
