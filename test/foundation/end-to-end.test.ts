import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPolicyDir, repoRoot } from '../../scripts/core/paths.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { evaluateFiles } from '../../scripts/run/pipeline.ts';

const fixture = join(repoRoot, 'test/support/fixtures/foundation/university-request.yaml');
const manifest = JSON.parse(readFileSync(join(compiledPolicyDir, 'manifest.json'), 'utf8')) as {
  digest: string;
};

describe('a YAML request reaches a decision through the compiled wasm', () => {
  let evaluator: PolicyEvaluator;
  beforeAll(async () => {
    evaluator = await PolicyEvaluator.load();
  });

  it('decides that an exempt agency needs no exemption, reporting the policy digest', () => {
    const report = evaluateFiles([fixture], evaluator, '2026-11-22', repoRoot);
    expect(report.policy.digest).toBe(manifest.digest);
    expect(report.results).toHaveLength(1);
    expect(report.results[0]?.decision?.outcome).toBe('not-required');
    expect(report.results[0]?.decision?.reasons).toContain('exempt-agency');
  });

  it('evaluates many inputs with one instance', () => {
    const request = { format: 1, id: 'x', program: 'calnet', agency: { code: 'UC' } };
    const outcomes = Array.from({ length: 50 }, () => evaluator.evaluate(request, '2026-11-22').outcome);
    expect(new Set(outcomes)).toEqual(new Set(['not-required']));
  });
});
