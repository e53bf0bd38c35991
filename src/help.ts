import { MANIFEST } from '../steps/manifest.js';
import { STEP_FLAGS } from './args.js';
import { kindOf, ON_RERUN } from './engine/row.js';
import { SCENARIO_NAMES, SCENARIO_SUMMARIES } from './practice/scenarios/names.js';
import { helpLayout } from './ui/help-layout.js';
import { lines, paragraph } from './ui/layout.js';

// Apart from argument parsing (src/args.ts), so that a command that does not print help loads
// no text layout: string-width, which wrap-ansi measures with, takes tens of milliseconds to load
// (its emoji pattern and Intl.Segmenter are built as it loads).

/**
 * --help laid out for `width` columns (80 at most, so it reads the same in a pipe), with the usage
 * lines naming the program as `program` (how this run was started: `npm start --`, `npx …`).
 */
export function helpText(width: number, program = 'aws-root-lockdown'): string {
  const { width: w, usage, option: optionLine, heading } = helpLayout(width, program);
  const stepLines = MANIFEST.map((row) => paragraph(w, `  ${row.id.padEnd(25)} `, `${row.title}${row.required ? '' : ` (${kindOf(row)})`}`));
  const scenarioLines = SCENARIO_NAMES.map((name) => optionLine(`  ${name}`, SCENARIO_SUMMARIES[name]));
  const stepFlagLines = STEP_FLAGS.map(({ step, flag }) =>
    optionLine(`--${flag.name}${flag.arg ? ` ${flag.arg}` : ''}`, `${flag.help} (${step}${flag.underYes === 'needed' ? '; --yes needs it' : ''})`),
  );
  return `${lines(
    heading('aws-root-lockdown: lock the AWS root user away and set up an admin for daily work.'),
    '',
    'Usage',
    usage('[options]', 'walk through the steps (interactive)'),
    usage('status [--json]', 'report what is done and what is open (read-only)'),
    usage('practice console', 'serve the practice console alone, to look around'),
    usage('org [status]', 'every member account of an AWS Organization (see org --help)'),
    '',
    heading("Steps, in order (a step's id names it to --skip and in status --json)"),
    ...stepLines,
    paragraph(
      w,
      '  ',
      `A run stays open until every required step is done. Optional steps are ${ON_RERUN.optional} (no, or --skip, leaves the run complete); advisory checks only report, and are ${ON_RERUN.advisory} on every run.`,
    ),
    '',
    'Options',
    optionLine('--profile NAME', 'use this profile from ~/.aws/config (SSO and "aws login" profiles work)'),
    optionLine('--region REGION', 'picks the partition (aws, aws-cn, aws-us-gov) by one of its regions; IAM, STS, Budgets and Account are called in its main region (us-east-1 for aws)'),
    optionLine('-y, --yes', 'no questions: accept every confirmation (give the answers as flags, below)'),
    optionLine('--skip STEP', 'leave a step out this run, its check too (repeatable); a required one stays open'),
    optionLine('--dry-run', 'show the plan and the equivalent AWS CLI commands; change nothing'),
    optionLine('--wait SECONDS', 'how long to wait for each console step (default 900)'),
    optionLine('--poll-interval SECONDS', 'how often to check while waiting (default 5)'),
    optionLine('--json', 'with status: print one JSON object on stdout'),
    optionLine(
      '--practice',
      'practise on a simulated account on this computer (no AWS account needed); it is kept in $XDG_STATE_HOME/aws-root-lockdown (~/.local/state/...) and resumed next time',
    ),
    optionLine('--practice-reset', 'start the kept practice account over as a new account'),
    optionLine('--practice-scenario NAME', 'start the practice account over from a built-in scenario:'),
    ...scenarioLines,
    optionLine('--practice-state FILE', 'use the practice account in FILE (a scenario) instead, and save it back there'),
    optionLine('--debug', 'show stack traces'),
    optionLine('-h, --help', 'this text'),
    optionLine('-V, --version', 'the version'),
    '',
    heading("Answers to the steps' questions (a terminal asks for any not given; with --yes, give them here)"),
    ...stepFlagLines,
    '',
    'Exit codes',
    paragraph(w, '  ', '0 all done / all checks pass · 1 something is still open · 2 bad usage · 3 AWS could not be read or changed · 4 no AWS credentials · 130 stopped (Ctrl-C)'),
  ).value}\n`;
}
