import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli-path.js';

const ORACLE = join(ROOT, 'test', 'support', 'JavaRegexOracle.java');
const hex = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).padStart(4, '0')).join('');

/**
 * Whether java.util.regex's Pattern.matches(pattern, value) holds, for each case, from one run of
 * Java (the machines carry OpenJDK 17; `java File.java` compiles and runs it in one go).
 */
export function javaMatches(cases: { pattern: string; value: string }[]): boolean[] {
  const patterns = [...new Set(cases.map((c) => c.pattern))];
  const input = [
    ...patterns.map((p) => `P ${hex(p)}`),
    ...cases.map((c) => `S ${patterns.indexOf(c.pattern)} ${hex(c.value)}`),
  ].join('\n');
  const run = spawnSync('java', [ORACLE], { input: `${input}\n`, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`java could not run (${run.error.message}): the tests compare against java.util.regex`);
  if (run.status !== 0) throw new Error(`java failed: ${run.stderr}`);
  const answers = run.stdout.trim().split('\n');
  if (answers.length !== cases.length) throw new Error(`java answered ${answers.length} of ${cases.length} cases: ${run.stderr}`);
  return answers.map((a) => a === '1');
}
