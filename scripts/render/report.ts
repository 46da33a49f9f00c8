/**
 * Renders an evaluation run: text for a terminal, JSON for tools (exactly the document of SPEC section 4),
 * Markdown for CI job summaries. Each format escapes only what it must; the pull-request comment has its
 * own renderer (scripts/pull-request/comment.ts); both escape through scripts/render/escape.ts.
 */

import { PROGRAM_NAMES } from '../core/clauses.ts';
import { type Decision, type Deficiency, termWords } from '../policy/decision.ts';
import { deficiencyHeading, FILE_OUTCOMES, type FileOutcome, fileOutcome } from '../policy/outcomes.ts';
import type { EvaluationReport, FileResult } from '../run/pipeline.ts';
import { markdownText, terminalText } from './escape.ts';
import { located } from './position.ts';

export type ReportFormat = 'text' | 'json' | 'markdown';

/** The outcome of a file: the decision's, or `invalid` when the file failed its checks. */
export const outcomeOf = fileOutcome;

/** Outcomes in report order, `invalid` last, with how many files had each. */
export function outcomeCounts(report: EvaluationReport): [FileOutcome, number][] {
  const counts = new Map<FileOutcome, number>();
  for (const result of report.results)
    counts.set(outcomeOf(result), (counts.get(outcomeOf(result)) ?? 0) + 1);
  return FILE_OUTCOMES.filter((o) => counts.has(o)).map((o) => [o, counts.get(o) as number]);
}

/** `file:line:column` of a deficiency, from the positions the pipeline recorded for its JSON Pointer. */
export function deficiencyLocation(result: FileResult, deficiency: Deficiency): string {
  return located(result.file, result.positions[deficiency.path]);
}

/** "1 file", "2 files": a count with its noun in the right number. */
export function countText(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function summaryText(report: EvaluationReport): string {
  const counts = outcomeCounts(report)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(', ');
  const files = countText(report.results.length, 'file');
  return `${files}${counts ? `: ${counts}` : ''}`;
}

// ---------------------------------------------------------------------------------------------- JSON

/** One file's entry in the JSON document: what SPEC section 4 lists, nothing else. */
function documentResult({ file, id, valid, errors, decision }: FileResult) {
  return {
    file,
    id,
    valid,
    errors: errors.map(({ path, line, column, message }) => ({ path, line, column, message })),
    decision,
  };
}

/** The document of SPEC section 4 (the policy digest and one result per file) as a value, for documents that add to it. */
export function reportDocument(report: EvaluationReport) {
  return { policy: { digest: report.policy.digest }, results: report.results.map(documentResult) };
}

export function reportJson(report: EvaluationReport): string {
  return [...jsonPieces(report)].join('');
}

/**
 * The JSON document in pieces, byte for byte what `JSON.stringify(document, null, 2)` writes: the frame
 * around the results, then each result indented to its place in the list.
 */
function* jsonPieces(report: EvaluationReport): Generator<string> {
  const marker = JSON.stringify('\u0000results\u0000');
  const frame = JSON.stringify(
    { policy: { digest: report.policy.digest }, results: JSON.parse(marker) },
    null,
    2,
  );
  const at = frame.indexOf(marker);
  yield frame.slice(0, at);
  if (report.results.length === 0) yield '[]';
  else {
    yield '[\n';
    const last = report.results.length - 1;
    for (const [i, result] of report.results.entries()) {
      // JSON text holds no raw line break inside a string, so every line break is the layout's own.
      const item = JSON.stringify(documentResult(result), null, 2).replaceAll('\n', '\n    ');
      yield `    ${item}${i < last ? ',' : ''}\n`;
    }
    yield '  ]';
  }
  yield `${frame.slice(at + marker.length)}\n`;
}

// ---------------------------------------------------------------------------------------------- text

function decisionText(result: FileResult, d: Decision): string[] {
  const lines: string[] = [];
  const program = d.program ? ` (${PROGRAM_NAMES[d.program]})` : '';
  lines.push(`  outcome: ${d.outcome}${program}`);
  if (d.reasons.length > 0) lines.push(`  reasons: ${d.reasons.join(', ')}`);
  if (d.grounds.length > 0) lines.push(`  grounds: ${d.grounds.join(', ')}`);
  if (d.available_from) lines.push(`  earliest purchase the ATO allows: ${d.available_from}`);
  if (d.term) lines.push(`  term the exemption would cover: ${termWords(d.term)}`);
  if (d.deficiencies.length > 0) {
    const heading = deficiencyHeading(d.outcome);
    lines.push(`  ${heading.charAt(0).toLowerCase()}${heading.slice(1)}:`);
    for (const def of d.deficiencies) {
      lines.push(
        `    ${terminalText(deficiencyLocation(result, def))} ${def.code}: ${terminalText(def.message)}`,
      );
      lines.push(`      ${def.citation}`);
    }
  }
  if (d.notes.length > 0) {
    lines.push('  notes:');
    for (const note of d.notes) {
      lines.push(`    - ${terminalText(note.message)}`);
      lines.push(`      ${note.citation}`);
    }
  }
  if (d.approver) lines.push(`  approver: ${d.approver}`);
  return lines;
}

function resultText(result: FileResult): string[] {
  const id = result.id ? ` (${terminalText(result.id)})` : '';
  const lines = [`${terminalText(result.file)}${id}`];
  if (result.decision) lines.push(...decisionText(result, result.decision));
  else {
    lines.push('  outcome: invalid');
    for (const e of result.errors)
      lines.push(`    ${terminalText(located(e.file, e))} ${terminalText(e.message)}`);
  }
  for (const w of result.warnings ?? [])
    lines.push(`  warning: ${terminalText(located(w.file, w))} ${terminalText(w.message)}`);
  return lines;
}

export function reportText(report: EvaluationReport): string {
  return [...textPieces(report)].join('');
}

/** The text report in pieces: each file's block and the blank line after it, then the summary. */
function* textPieces(report: EvaluationReport): Generator<string> {
  for (const result of report.results) yield `${resultText(result).join('\n')}\n\n`;
  yield `${summaryText(report)}\npolicy ${report.policy.digest}, evaluated as of ${report.evaluationDate}\n`;
}

// ------------------------------------------------------------------------------------------ Markdown

function markdownDecision(result: FileResult, d: Decision): string[] {
  const lines: string[] = [];
  if (d.reasons.length > 0) lines.push(`- **Reasons:** ${d.reasons.join(', ')}`);
  if (d.grounds.length > 0) lines.push(`- **Grounds:** ${d.grounds.join(', ')}`);
  if (d.available_from) lines.push(`- **Earliest purchase the ATO allows:** ${d.available_from}`);
  if (d.term) lines.push(`- **Term the exemption would cover:** ${termWords(d.term)}`);
  if (d.approver) lines.push(`- **Approver:** ${markdownText(d.approver)}`);
  if (d.deficiencies.length > 0) {
    const heading = deficiencyHeading(d.outcome);
    lines.push('', `**${heading}**`, '', '| where | code | problem | clause |', '| --- | --- | --- | --- |');
    for (const def of d.deficiencies) {
      const where = markdownText(deficiencyLocation(result, def));
      lines.push(`| ${where} | ${def.code} | ${markdownText(def.message)} | ${markdownText(def.citation)} |`);
    }
  }
  if (d.notes.length > 0) {
    lines.push('', '**Notes**', '');
    for (const note of d.notes)
      lines.push(`- ${markdownText(note.message)} (${markdownText(note.citation)})`);
  }
  return lines;
}

function markdownResult(result: FileResult): string[] {
  const lines = ['', `### ${markdownText(result.file)}: ${outcomeOf(result)}`, ''];
  if (result.decision) lines.push(...markdownDecision(result, result.decision));
  else {
    lines.push('| where | problem |', '| --- | --- |');
    for (const e of result.errors)
      lines.push(`| ${markdownText(located(e.file, e))} | ${markdownText(e.message)} |`);
  }
  for (const w of result.warnings ?? [])
    lines.push('', `> Warning: ${markdownText(located(w.file, w))} ${markdownText(w.message)}`);
  return lines;
}

export function reportMarkdown(report: EvaluationReport): string {
  const rows = report.results.map((r) => {
    const d = r.decision;
    const detail = d ? [...d.reasons, ...d.grounds].join(', ') : `${countText(r.errors.length, 'error')}`;
    return `| ${markdownText(r.file)} | ${r.id ? markdownText(r.id) : ''} | ${outcomeOf(r)} | ${detail} |`;
  });
  const lines = [
    '## Exemption request evaluation',
    '',
    `${summaryText(report)}. Policy \`${report.policy.digest}\`, evaluated as of ${report.evaluationDate}.`,
    '',
    '| file | id | outcome | reasons or grounds |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...report.results.flatMap(markdownResult),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderReport(report: EvaluationReport, format: ReportFormat): string {
  return [...reportPieces(report, format)].join('');
}

/**
 * The report in pieces, in order, for a long run to write as it goes: the report of 10,000 files is
 * tens of megabytes as one string, and several times that while its lines are being joined.
 */
export function* reportPieces(report: EvaluationReport, format: ReportFormat): Generator<string> {
  if (format === 'json') yield* jsonPieces(report);
  else if (format === 'markdown') yield reportMarkdown(report);
  else yield* textPieces(report);
}
