/**
 * The compiled wasm and OPA's own evaluator give the same decision. Every fixture and example request
 * (on dates around the ATO edges) and 1,000 generated variants (fast-check, fixed seed) are evaluated
 * by `PolicyEvaluator` and by one `opa eval` process over the same Rego and reference data: the inputs
 * go into a data file and a comprehension evaluates the decision `with input as` each of them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policiesDir, repoRoot } from '../../scripts/core/paths.ts';
import { runTool } from '../../scripts/core/toolchain.ts';
import { CitationCatalog, citeDecision, type PolicyDecision } from '../../scripts/policy/citations.ts';
import type { Decision, PolicyInput } from '../../scripts/policy/decision.ts';
import type { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { policy } from '../support/policy.ts';
import { DATES, generatedInputs, knownRequests } from './generators.ts';

const SEED = 20261122;
const GENERATED = 1000;

const scratch = mkdtempSync(join(tmpdir(), 'differential-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// ------------------------------------------------------------------------------------ the comparison

/**
 * One `opa eval` process over the policy source and reference data, deciding every input; each decision
 * cited from the same catalog the policy bundle carries, as the evaluator cites the wasm's.
 */
function opaDecisions(inputs: PolicyInput[]): Decision[] {
  const casesFile = join(scratch, 'cases.json');
  writeFileSync(casesFile, JSON.stringify({ differential: { inputs } }));
  const out = runTool(
    'opa',
    [
      'eval',
      '--format',
      'json',
      '--data',
      relative(repoRoot, policiesDir),
      '--ignore',
      'capabilities.json',
      '--ignore',
      '*_test.rego',
      '--data',
      casesFile,
      '[decision | some case in data.differential.inputs; decision := data.exemptions.decision with input as case]',
    ],
    { cwd: repoRoot },
  );
  const parsed = JSON.parse(out.stdout) as { result: { expressions: { value: PolicyDecision[] }[] }[] };
  const file = JSON.parse(readFileSync(join(policiesDir, 'exemptions/catalog/citations.json'), 'utf8'));
  const catalog = CitationCatalog.fromJson((file as { citations: unknown }).citations);
  return (parsed.result[0]?.expressions[0]?.value ?? []).map((decision) => citeDecision(decision, catalog));
}

describe('the compiled wasm and opa eval give the same decisions', () => {
  let evaluator: PolicyEvaluator;
  let inputs: PolicyInput[];
  let generatedCount: number;

  beforeAll(async () => {
    evaluator = await policy();
    const known = knownRequests();
    const fromFiles = known.flatMap((request) =>
      DATES.map((date) => ({ request, context: { evaluation_date: date } })),
    );
    const generated = generatedInputs(known, GENERATED, SEED);
    generatedCount = generated.length;
    inputs = [...fromFiles, ...generated];
  });

  it(`for every fixture and ${GENERATED} generated variants (seed ${SEED})`, () => {
    const started = performance.now();
    const wasm = inputs.map((input) => evaluator.evaluate(input.request, input.context.evaluation_date));
    const wasmMs = performance.now() - started;
    const opaStarted = performance.now();
    const opa = opaDecisions(inputs);
    const opaMs = performance.now() - opaStarted;
    console.log(
      `differential: ${inputs.length} inputs (${generatedCount} generated); wasm ${wasmMs.toFixed(0)} ms, one opa eval ${opaMs.toFixed(0)} ms`,
    );

    expect(opa).toHaveLength(inputs.length);
    const differences = inputs
      .map((input, i) => ({ input, wasm: wasm[i], opa: opa[i] }))
      .filter((c) => JSON.stringify(canonical(c.wasm)) !== JSON.stringify(canonical(c.opa)));
    expect(differences.slice(0, 3), `${differences.length} inputs decided differently`).toEqual([]);
  });

  it('reaches every outcome among the generated variants, so the comparison is not trivial', () => {
    const outcomes = new Set(
      inputs
        .slice(-generatedCount)
        .map((i) => evaluator.evaluate(i.request, i.context.evaluation_date).outcome),
    );
    expect(outcomes).toEqual(
      new Set(['not-required', 'ato-bound', 'incomplete', 'ground-not-met', 'ready-for-decision']),
    );
  });
});

/** The same JSON value with object keys sorted, so that key order never counts as a difference. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}
