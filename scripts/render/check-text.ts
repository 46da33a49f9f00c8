/**
 * What `exemptions check` prints for a person filling in a request: per file, every finding in the order
 * of the file (format errors and policy findings together, each at `file:line:column`, with its clause),
 * then the one next step; at the end, whether everything is ready or how much is left. Colour only
 * marks what the words already say, so the text reads the same without it.
 */
import { programNameOf } from '../core/clauses.ts';
import { groundWords, termWords } from '../policy/decision.ts';
import { outcomeWords } from '../policy/outcomes.ts';
import type { EvaluationReport, FileResult } from '../run/pipeline.ts';
import { type Colours, plainColours } from './colours.ts';
import { terminalText } from './escape.ts';
import { type Finding, findingsOf, judgedDecision } from './findings.ts';
import { type NextStep, nextStep } from './next-step.ts';
import { located } from './position.ts';
import { countText, outcomeOf } from './report.ts';

export interface CheckTextOptions {
  colours?: Colours;
  /** Only what must be fixed and the last line: no notes, no lines for files with nothing left. */
  quiet?: boolean;
}

function findingLines(f: Finding, c: Colours): string[] {
  const where = c.bold(terminalText(located(f.file, f)));
  const mark = f.level === 'error' ? c.red('✗') : c.yellow('!');
  const code = f.code ? `${c.cyan(f.code)}: ` : '';
  const lines = [`  ${mark} ${where} ${code}${terminalText(f.message)}`];
  if (f.citation) lines.push(`      ${c.dim(terminalText(f.citation))}`);
  return lines;
}

function statusLine(result: FileResult, step: NextStep, c: Colours): string {
  const decision = result.decision;
  const program = programNameOf(result.file, judgedDecision(result)?.program);
  const parts: string[] = [];
  if (decision) {
    const words = outcomeWords(decision.outcome)?.words ?? decision.outcome;
    parts.push(step.done ? c.green(words) : c.red(words));
  } else {
    const format = countText(result.errors.length, 'problem');
    const policy = result.provisional?.deficiencies.length ?? 0;
    parts.push(
      c.red(
        policy > 0
          ? `invalid: ${format} with the format, and ${policy} more the policy finds in the rest`
          : `invalid: ${format} with the format`,
      ),
    );
  }
  if (program) parts.push(program);
  // A ready request's next step names who decides; the others say it here.
  const approver = judgedDecision(result)?.approver;
  if (approver && !step.done) parts.push(`decided by the ${terminalText(approver)}`);
  return `  ${parts.join(' · ')}`;
}

function fileLines(
  result: FileResult,
  step: NextStep,
  c: Colours,
  quiet: boolean,
  single: boolean,
): string[] {
  if (quiet && step.done) return [];
  const id = result.id ? ` (${terminalText(result.id)})` : '';
  const lines = [`${c.bold(terminalText(result.file))}${id}`];
  if (!quiet) lines.push(statusLine(result, step, c));
  const decision = result.decision;
  if (decision && !quiet) {
    if (decision.grounds.length > 0)
      lines.push(`  grounds shown: ${decision.grounds.map(groundWords).join('; ')}`);
    if (decision.term) lines.push(`  term the exemption would cover: ${termWords(decision.term)}`);
  }
  const findings = findingsOf(result).filter((f) => !quiet || f.level !== 'note');
  for (const f of findings.filter((f) => f.level !== 'note')) lines.push(...findingLines(f, c));
  const notes = findings.filter((f) => f.level === 'note');
  if (notes.length > 0) {
    lines.push(`  ${c.dim('for the reviewers:')}`);
    for (const n of notes) lines.push(`    ${c.dim(`- ${terminalText(n.message)}`)}`);
  }
  // With one file, the last line of the run is its next step.
  if (!single) {
    const next = step.done ? c.green(terminalText(step.words)) : terminalText(step.words);
    lines.push(`  ${c.bold('next:')} ${next}`);
  }
  return lines;
}

/** The last line: the one file's next step when nothing is left, else what is ready and what is left. */
export function checkSummary(
  report: EvaluationReport,
  steps: readonly NextStep[] = report.results.map((r) => nextStep(r)),
): string {
  const only = steps[0];
  if (report.results.length === 1 && only) {
    return only.done || only.left === 0
      ? only.words
      : `${countText(only.left, 'problem')} left to fix, listed above`;
  }
  const ready = report.results.filter((r) => outcomeOf(r) === 'ready-for-decision').length;
  const notRequired = report.results.filter((r) => outcomeOf(r) === 'not-required').length;
  const open = steps.filter((s) => !s.done);
  const left = open.reduce((sum, s) => sum + s.left, 0);
  const parts = [`${ready} ready for decision`];
  if (notRequired > 0) parts.push(`${notRequired} need no exemption`);
  const files = countText(report.results.length, 'request');
  if (open.length === 0) return `${files}: ${parts.join(', ')}`;
  const bound = open.filter((s) => s.left === 0).length;
  const rest: string[] = [];
  if (left > 0)
    rest.push(`${countText(left, 'problem')} left to fix in ${countText(open.length - bound, 'request')}`);
  if (bound > 0) rest.push(`${bound} bound by an ATO`);
  return `${files}: ${parts.join(', ')}; ${rest.join(', ')}`;
}

export function checkText(report: EvaluationReport, options: CheckTextOptions = {}): string {
  const c = options.colours ?? plainColours;
  const quiet = options.quiet ?? false;
  const single = report.results.length === 1;
  // Each file's next step is judged once: its block and the last line both read it.
  const steps = report.results.map((r) => nextStep(r));
  const blocks = report.results
    .map((r, i) => fileLines(r, steps[i] as NextStep, c, quiet, single))
    .filter((b) => b.length > 0);
  const lines = blocks.flatMap((b) => [...b, '']);
  const summary = checkSummary(report, steps);
  const done = steps.every((s) => s.done);
  lines.push(done ? c.green(c.bold(terminalText(summary))) : c.bold(terminalText(summary)));
  if (!quiet) lines.push(c.dim(`policy ${report.policy.digest}, evaluated as of ${report.evaluationDate}`));
  return `${lines.join('\n')}\n`;
}
