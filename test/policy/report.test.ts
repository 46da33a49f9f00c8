/**
 * The three renderings of an evaluation run: text for a terminal (each deficiency at file:line:column,
 * with its citation), the JSON document of SPEC section 4, and Markdown for CI job summaries.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { markdownText } from '../../scripts/render/escape.ts';
import { outcomeCounts, renderReport, reportDocument, reportPieces } from '../../scripts/render/report.ts';
import { type EvaluationReport, evaluateFiles } from '../../scripts/run/pipeline.ts';
import { EVALUATION_DATE, fixtureFile, policy } from '../support/policy.ts';

const scratch = mkdtempSync(join(tmpdir(), 'report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mismatch = fixtureFile('calnet', 'cost-total-mismatch');

/** Line and column (1-based) of the first occurrence of `text` in a file. */
function positionOf(file: string, text: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  return `${index + 1}:${(lines[index] as string).indexOf(text) + 1}`;
}

describe('evaluation reports', () => {
  let report: EvaluationReport;
  beforeAll(async () => {
    const broken = join(scratch, 'broken.yaml');
    writeFileSync(broken, 'format: 1\nid: [unclosed\n');
    const files = [
      mismatch,
      fixtureFile('calnet', 'local-ato-bound'),
      fixtureFile('cgen', 'functionality-ready'),
      broken,
    ];
    report = evaluateFiles(files, await policy(), EVALUATION_DATE, repoRoot);
  });

  it('text: each deficiency at file:line:column with its code, message and citation', () => {
    const text = renderReport(report, 'text');
    const where = `test/support/fixtures/policy/requests/calnet/cost-total-mismatch.yaml:${positionOf(mismatch, '125000.00')}`;
    expect(text).toContain(
      `    ${where} cost-total-mismatch: cost.total ($125,000.00) is not the sum of the contract items ($120,000.00)\n`,
    );
    expect(text).toContain(
      '      CALNET MSA policy, Procedures, fourth item (cost in total and by contract item)\n',
    );
  });

  it('text: outcome, notes, approver and the ATO date per file', () => {
    const text = renderReport(report, 'text');
    expect(text).toContain('  outcome: incomplete (CALNET MSA)\n');
    expect(text).toContain(
      '  outcome: ato-bound (CALNET MSA)\n  earliest purchase the ATO allows: 2027-03-01\n',
    );
    expect(text).toContain('  what binds the agency to the CALNET MSA:\n');
    expect(text).toContain(
      "  approver: CDT Chief Technology Officer, Office of Technology Services, on CDT's recommendation\n",
    );
    expect(text).toMatch(/ {2}notes:\n {4}- if granted, the agency keeps the exemption/);
  });

  it('text: an invalid file shows its located errors, and the summary names the policy digest', () => {
    const text = renderReport(report, 'text');
    expect(text).toMatch(/broken\.yaml\n {2}outcome: invalid\n {4}\S*broken\.yaml:\d+:\d+ \S/);
    expect(text).toContain('4 files: 1 ready-for-decision, 1 ato-bound, 1 incomplete, 1 invalid\n');
    expect(text.trimEnd().split('\n').pop()).toBe(
      `policy ${report.policy.digest}, evaluated as of ${EVALUATION_DATE}`,
    );
  });

  it('text: control characters from a request cannot reach the terminal', () => {
    const result = report.results[0];
    if (!result?.decision) throw new Error('expected a decision');
    const hostile = {
      ...report,
      results: [{ ...result, id: 'x\u001b[2Jy', decision: { ...result.decision, deficiencies: [] } }],
    };
    expect(renderReport(hostile, 'text')).toContain('(x\\u001b[2Jy)');
  });

  it('json: exactly the document of SPEC section 4', () => {
    const doc = JSON.parse(renderReport(report, 'json'));
    expect(Object.keys(doc)).toEqual(['policy', 'results']);
    expect(doc.policy).toEqual({ digest: report.policy.digest });
    expect(
      doc.results.map((r: { decision: { outcome: string } | null }) => r.decision?.outcome ?? null),
    ).toEqual(['incomplete', 'ato-bound', 'ready-for-decision', null]);
    const invalid = doc.results[3];
    expect(Object.keys(invalid)).toEqual(['file', 'id', 'valid', 'errors', 'decision']);
    expect(invalid.valid).toBe(false);
    expect(Object.keys(invalid.errors[0])).toEqual(['path', 'line', 'column', 'message']);
  });

  it('markdown: a table of files, then each file with its deficiencies and notes', () => {
    const md = renderReport(report, 'markdown');
    expect(md).toContain('| file | id | outcome | reasons or grounds |');
    expect(md).toContain(
      '| test/support/fixtures/policy/requests/cgen/functionality-ready.yaml | functionality-ready |',
    );
    expect(md).toContain('| where | code | problem | clause |');
    expect(md).toContain(`:${positionOf(mismatch, '125000.00')} | cost-total-mismatch |`);
    expect(md).toContain(`Policy \`${report.policy.digest}\``);
  });

  it('markdown: request text cannot break a table or inject HTML', () => {
    expect(markdownText('a | b <img src=x> [link](y) *bold*\nnext')).toBe(
      'a \\| b &lt;img src=x&gt; \\[link\\](y) \\*bold\\* next',
    );
  });

  it('counts outcomes in the order of the contract', () => {
    expect(outcomeCounts(report)).toEqual([
      ['ready-for-decision', 1],
      ['ato-bound', 1],
      ['incomplete', 1],
      ['invalid', 1],
    ]);
  });

  it('json: written in pieces, exactly the document JSON.stringify would write whole', () => {
    for (const results of [report.results, report.results.slice(0, 1), []]) {
      const part = { ...report, results };
      const pieces = [...reportPieces(part, 'json')];
      expect(pieces.join('')).toBe(`${JSON.stringify(reportDocument(part), null, 2)}\n`);
      expect(pieces.length).toBe(results.length === 0 ? 3 : results.length + 4);
    }
  });

  it('text: written one file at a time, each block followed by a blank line, then the summary', () => {
    const pieces = [...reportPieces(report, 'text')];
    expect(pieces).toHaveLength(report.results.length + 1);
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/[^\n]\n\n$/);
    expect(pieces.at(-1)).toMatch(/^4 files: .*\npolicy sha256:[0-9a-f]{64}, evaluated as of 2026-11-22\n$/);
    expect([...reportPieces({ ...report, results: [] }, 'text')].join('')).toMatch(/^0 files\npolicy /);
  });
});
