/**
 * A deficiency code is written once, in the METADATA of the rule that reports it: renaming it there is
 * all it takes for the compiled decision, its citation and the generated policy reference to follow.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { policiesDir } from '../../scripts/core/paths.ts';
import { buildPolicy } from '../../scripts/policy/compile.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { generate } from '../../scripts/tools/reference-doc.ts';
import { EVALUATION_DATE, fixture } from '../support/policy.ts';

const copy = mkdtempSync(join(tmpdir(), 'renamed-code-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return regoFiles(path);
    return name.endsWith('.rego') && !name.endsWith('_test.rego') ? [path] : [];
  });
}

describe('a deficiency code renamed in its METADATA', () => {
  it('is what the decision reports, with its citation, and what the reference lists', async () => {
    cpSync(policiesDir, copy, { recursive: true });
    let renamed = 0;
    for (const file of regoFiles(join(copy, 'exemptions'))) {
      const text = readFileSync(file, 'utf8');
      // Only the METADATA line: the rule bodies must not need an edit.
      const next = text.replaceAll('#   code: cost-total-mismatch\n', '#   code: cost-sum-differs\n');
      if (next !== text) {
        renamed++;
        writeFileSync(file, next);
      }
    }
    expect(renamed).toBeGreaterThan(0);
    const generated = generate(copy);
    writeFileSync(join(copy, 'exemptions', 'catalog', 'citations.json'), generated.citations);
    expect(generated.doc).toContain('cost-sum-differs');
    expect(generated.doc).not.toContain('cost-total-mismatch');

    const built = await buildPolicy(copy);
    const evaluator = await PolicyEvaluator.fromBuild(built.wasm, built.dataJson, built.manifest);
    const decision = evaluator.evaluate(fixture('calnet', 'cost-total-mismatch'), EVALUATION_DATE);
    const codes = decision.deficiencies.map((d) => d.code);
    expect(codes).toContain('cost-sum-differs');
    expect(codes).not.toContain('cost-total-mismatch');
    const deficiency = decision.deficiencies.find((d) => d.code === 'cost-sum-differs');
    expect(deficiency?.citation).toContain('Procedures, fourth item');
  });
});
