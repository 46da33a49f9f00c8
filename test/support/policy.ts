/** What the policy suites share: the policy fixtures, one compiled policy, and edits to a request. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledPolicyDir, repoRoot } from '../../scripts/core/paths.ts';
import type { PolicyManifest } from '../../scripts/policy/compile.ts';
import type { Decision } from '../../scripts/policy/decision.ts';
import { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { loadRequestFile } from '../../scripts/request/load.ts';
import type { Program } from '../../scripts/request/types.ts';

/** The policy fixtures: complete requests laid out like `requests/`, each named for what it shows. */
export const fixturesRoot = join(repoRoot, 'test/support/fixtures/policy/requests');
export const EVALUATION_DATE = '2026-11-22';

export function fixtureFile(program: Program, name: string): string {
  return join(fixturesRoot, program, `${name}.yaml`);
}

/** A fixture request as loaded from its YAML file (fails the test when the file does not load). */
export function fixture(program: Program, name: string): Record<string, unknown> {
  const loaded = loadRequestFile(fixtureFile(program, name));
  if (loaded.errors.length > 0) throw new Error(`${name}: ${loaded.errors[0]?.message}`);
  return loaded.request as Record<string, unknown>;
}

let shared: Promise<PolicyEvaluator> | undefined;

/** The compiled policy (built by the global setup), instantiated once per test file. */
export function policy(): Promise<PolicyEvaluator> {
  shared ??= PolicyEvaluator.load();
  return shared;
}

/**
 * The compiled policy with entries added to its agency registry, for a registry status the reference
 * schema would refuse: the policy must still fail closed on it.
 */
export async function policyWithAgencies(agencies: Record<string, unknown>): Promise<PolicyEvaluator> {
  const data = JSON.parse(readFileSync(join(compiledPolicyDir, 'data.json'), 'utf8')) as {
    reference: { agencies: Record<string, unknown> };
  };
  data.reference.agencies = { ...data.reference.agencies, ...agencies };
  const manifest = JSON.parse(
    readFileSync(join(compiledPolicyDir, 'manifest.json'), 'utf8'),
  ) as PolicyManifest;
  return PolicyEvaluator.fromBuild(
    readFileSync(join(compiledPolicyDir, 'policy.wasm')),
    JSON.stringify(data),
    manifest,
  );
}

/** Marks a field to remove in `edited`. */
export const REMOVE = Symbol('remove');

/** A deep copy of a request with the value at each JSON Pointer set (or removed with REMOVE). */
export function edited(request: unknown, edits: Record<string, unknown>): unknown {
  const copy = structuredClone(request) as Record<string, unknown>;
  for (const [pointer, value] of Object.entries(edits)) {
    const segments = pointer.split('/').slice(1);
    const last = segments.pop() as string;
    let parent: Record<string, unknown> = copy;
    for (const segment of segments) {
      if (parent[segment] === null || typeof parent[segment] !== 'object') parent[segment] = {};
      parent = parent[segment] as Record<string, unknown>;
    }
    if (value === REMOVE) {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else parent[last] = value;
  }
  return copy;
}

export function deficiencyCodes(decision: Decision): string[] {
  return decision.deficiencies.map((d) => d.code);
}

export function noteCodes(decision: Decision): string[] {
  return decision.notes.map((n) => n.code);
}
