/**
 * Decisions match schemas/decision.schema.json: those `exemptions evaluate --format json` prints for the
 * fixtures and examples, and those the policy returns for generated inputs of any shape, including
 * inputs that are not requests at all (the decision rule is total).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import type { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { runCli } from '../support/cli.ts';
import { EVALUATION_DATE, policy } from '../support/policy.ts';
import { generatedInputs, knownRequests } from './generators.ts';

function decisionValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  formatsPlugin.default(ajv, ['date']);
  return ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'schemas/decision.schema.json'), 'utf8')));
}

interface EvaluateJson {
  policy: { digest: string };
  results: { file: string; id: string | null; valid: boolean; errors: unknown[]; decision: unknown }[];
}

describe('the decision schema', () => {
  let validate: ValidateFunction;
  let evaluator: PolicyEvaluator;
  beforeAll(async () => {
    validate = decisionValidator();
    evaluator = await policy();
  });

  it('holds for every decision evaluate --format json prints for the fixtures and examples', async () => {
    const cli = await runCli([
      'evaluate',
      '--format',
      'json',
      '--date',
      EVALUATION_DATE,
      'test/support/fixtures/policy/requests',
      'examples/requests',
    ]);
    const out = JSON.parse(cli.stdout) as EvaluateJson;
    expect(Object.keys(out)).toEqual(['policy', 'results']);
    expect(out.results.length).toBeGreaterThan(30);
    for (const result of out.results) {
      expect(Object.keys(result)).toEqual(['file', 'id', 'valid', 'errors', 'decision']);
      expect(result.valid, result.file).toBe(true);
      expect(validate(result.decision), `${result.file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // Some requests are incomplete or ground-not-met, so the run as a whole is not acceptable.
    expect(cli.status).toBe(1);
  });

  it('holds for every decision on 300 generated inputs of any shape', () => {
    for (const input of generatedInputs(knownRequests(), 300, 4401)) {
      const decision = evaluator.evaluate(input.request, input.context.evaluation_date);
      expect(validate(decision), `${JSON.stringify(input)}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects a decision that breaks the contract', () => {
    const ready = {
      outcome: 'ready-for-decision',
      program: 'calnet',
      reasons: [],
      grounds: [],
      deficiencies: [],
      notes: [],
      approver: 'Director',
      available_from: null,
      term: { from: '2027-01-01', months: 36, extension_months: 0, through: '2029-12-31' },
      citations: [],
    };
    expect(validate({ ...ready, grounds: ['functionality'] })).toBe(true);
    expect(validate({ ...ready, grounds: ['functionality'], term: null })).toBe(false);
    expect(validate({ ...ready, outcome: 'ato-bound', approver: null, available_from: '2027-03-01' })).toBe(
      false,
    );
    expect(validate(ready)).toBe(false);
    expect(validate({ ...ready, grounds: ['functionality'], outcome: 'approved' })).toBe(false);
    expect(validate({ ...ready, grounds: ['functionality'], extra: 1 })).toBe(false);
  });
});
