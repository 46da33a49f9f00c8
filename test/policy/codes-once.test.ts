/**
 * A deficiency code is written once, in the METADATA of the rule that reports it: renaming it there is
 * all it takes for the compiled decision, its citation and the generated policy reference to follow.
 * A clause is worded once, in the clause catalog: rewording it there is all it takes for both to follow.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { policiesDir } from '../../scripts/core/paths.ts';
import { buildPolicy } from '../../scripts/policy/compile.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { type GeneratedFiles, generate } from '../../scripts/tools/reference-doc.ts';
import { EVALUATION_DATE, fixture } from '../support/policy.ts';

const copy = mkdtempSync(join(tmpdir(), 'renamed-code-'));
const reworded = mkdtempSync(join(tmpdir(), 'reworded-clause-'));
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
  rmSync(reworded, { recursive: true, force: true });
});

function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return regoFiles(path);
    return name.endsWith('.rego') && !name.endsWith('_test.rego') ? [path] : [];
  });
}

/** What `npm run docs:policy` would write for a changed copy of the policies, written into it. */
function regenerate(policyDir: string): GeneratedFiles {
  const generated = generate(policyDir);
  writeFileSync(join(policyDir, 'exemptions', 'catalog', 'citations.json'), generated.citations);
  return generated;
}

/** The decision a changed copy of the policies gives a request whose cost total is wrong. */
async function decideCostMismatch(policyDir: string) {
  const built = await buildPolicy(policyDir);
  const evaluator = await PolicyEvaluator.fromBuild(built.wasm, built.dataJson, built.manifest);
  return evaluator.evaluate(fixture('calnet', 'cost-total-mismatch'), EVALUATION_DATE);
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
    const generated = regenerate(copy);
    expect(generated.doc).toContain('cost-sum-differs');
    expect(generated.doc).not.toContain('cost-total-mismatch');

    const decision = await decideCostMismatch(copy);
    const codes = decision.deficiencies.map((d) => d.code);
    expect(codes).toContain('cost-sum-differs');
    expect(codes).not.toContain('cost-total-mismatch');
    const deficiency = decision.deficiencies.find((d) => d.code === 'cost-sum-differs');
    expect(deficiency?.citation).toContain('Procedures, fourth item');
  });
});

describe('a clause reworded in the clause catalog', () => {
  it('is what the decision cites and what the reference shows', async () => {
    cpSync(policiesDir, reworded, { recursive: true });
    const catalogPath = join(reworded, 'reference', 'clauses.json');
    const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
    catalog.clauses['calnet.procedures.cost'].paraphrase = 'what the services cost, item by item';
    writeFileSync(catalogPath, JSON.stringify(catalog));
    const generated = regenerate(reworded);
    expect(generated.doc).toContain('what the services cost, item by item');
    expect(generated.doc).not.toContain('CALNET MSA policy, Procedures, fourth item (cost in total');

    const decision = await decideCostMismatch(reworded);
    const deficiency = decision.deficiencies.find((d) => d.code === 'cost-total-mismatch');
    expect(deficiency?.citation).toBe(
      'CALNET MSA policy, Procedures, fourth item (what the services cost, item by item)',
    );
  });
});
