/** Renders an evaluation run for people (text, markdown) or tools (JSON). */
import type { EvaluationReport, FileResult } from './pipeline.ts';

export type ReportFormat = 'text' | 'json' | 'markdown';

/** The JSON document of spec section 4: policy digest and one result per file. */
export function reportJson(report: EvaluationReport): string {
  const results = report.results.map(({ file, id, valid, errors, decision }) => ({
    file,
    id,
    valid,
    errors: errors.map(({ path, line, column, message }) => ({ path, line, column, message })),
    decision,
  }));
  return `${JSON.stringify({ policy: report.policy, evaluation_date: report.evaluationDate, results }, null, 2)}\n`;
}

function textFor(result: FileResult): string[] {
  const lines = [`${result.file}: ${result.decision ? result.decision.outcome : 'invalid'}`];
  for (const e of result.errors) lines.push(`  ${e.file}:${e.line}:${e.column} ${e.message}`);
  if (result.decision) {
    const d = result.decision;
    if (d.reasons.length > 0) lines.push(`  reasons: ${d.reasons.join(', ')}`);
    if (d.grounds.length > 0) lines.push(`  grounds: ${d.grounds.join(', ')}`);
    for (const def of d.deficiencies)
      lines.push(`  deficiency ${def.code} at ${def.path}: ${def.message} [${def.citation}]`);
    for (const note of d.notes) lines.push(`  note: ${note.message} [${note.citation}]`);
    if (d.approver) lines.push(`  approver: ${d.approver}`);
  }
  return lines;
}

export function renderReport(report: EvaluationReport, format: ReportFormat): string {
  if (format === 'json') return reportJson(report);
  if (format === 'markdown') {
    const rows = report.results.map((r) => `| ${r.file} | ${r.decision ? r.decision.outcome : 'invalid'} |`);
    return `${['| file | outcome |', '| --- | --- |', ...rows].join('\n')}\n\nPolicy ${report.policy.digest}\n`;
  }
  const lines = report.results.flatMap(textFor);
  lines.push(`policy ${report.policy.digest}, evaluated as of ${report.evaluationDate}`);
  return `${lines.join('\n')}\n`;
}
