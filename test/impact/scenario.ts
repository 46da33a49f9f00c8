/**
 * The repository the impact tests run on: the project's own policy, schemas and reference data with two
 * example requests under requests/ (the DWR cost-ground request and the CHP CGEN request) on main, and
 * one branch off main for each kind of change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/core/paths.ts';
import { buildPolicy, builtPolicyFiles } from '../../scripts/policy/compile.ts';
import { type Files, projectFiles, Repository, requestText } from '../support/repository.ts';

export const DWR = 'requests/calnet/dwr-2026-sd-wan';
export const CHP = 'requests/cgen/chp-2026-remote-sites';
const THRESHOLDS = 'policies/reference/thresholds.json';
const REQUEST_SCHEMA = 'schemas/request.schema.json';

/** The reference thresholds with the IPR savings threshold at `basisPoints` (2000, 20%, in the project). */
function thresholdsAt(basisPoints: number): string {
  const text = readFileSync(join(repoRoot, THRESHOLDS), 'utf8');
  const changed = text.replace(/("ipr_savings_threshold_basis_points":\s*)2000\b/, `$1${basisPoints}`);
  if (changed === text) throw new Error('the IPR savings threshold is no longer 2000 in the reference data');
  return changed;
}

/** The request schema with request ids limited to `max` characters. */
function schemaWithIdsOf(max: number): string {
  const schema = JSON.parse(readFileSync(join(repoRoot, REQUEST_SCHEMA), 'utf8')) as {
    properties: { id: { maxLength: number } };
  };
  schema.properties.id.maxLength = max;
  return `${JSON.stringify(schema, null, 2)}\n`;
}

const example = (path: string): Files => ({
  ...projectFiles(`examples/${path}.yaml`, `${path}.yaml`),
  ...projectFiles(`examples/${path}`, path),
});

/** The project's decision rule, left undefined for CGEN requests: a policy that is not total. */
function decisionOnlyForCalnet(): string {
  const text = readFileSync(join(repoRoot, 'policies/exemptions/decision.rego'), 'utf8');
  const partial = text.replace(
    '\t"term": shown_term,\n}\n',
    '\t"term": shown_term,\n} if input.request.program != "cgen"\n',
  );
  if (partial === text) throw new Error('the decision rule no longer ends with its term');
  return partial;
}

/** The branches of the scenario, each one commit off main. */
const BRANCHES = {
  'raise-ipr-threshold': { [THRESHOLDS]: thresholdsAt(3000) },
  'short-ids': { [REQUEST_SCHEMA]: schemaWithIdsOf(16) },
  'broken-request': {
    [THRESHOLDS]: thresholdsAt(3000),
    'requests/calnet/broken-2026-wan.yaml': 'id: broken-2026-wan\nprogram: [calnet\n',
  },
  'broken-rego': { 'policies/exemptions/broken.rego': 'package exemptions.broken\n\nallow if {\n' },
  'partial-decision': { 'policies/exemptions/decision.rego': decisionOnlyForCalnet() },
  // A Rego line OPA quotes when it refuses it, holding a terminal escape and a bidi override.
  'hostile-rego': {
    'policies/exemptions/hostile.rego': 'package exemptions.hostile\n\n\u001b[2J \u202e allow if {\n',
  },
  'new-request': { 'requests/calnet/uc-2026-campus.yaml': requestText('uc-2026-campus') },
} satisfies Record<string, Files>;

/** The project's policy with `files` changed, built as `npm run build:policy` writes it into compiled/policy/. */
async function committedPolicy(files: Files): Promise<Files> {
  const copy = new Repository();
  try {
    copy.write({ ...projectFiles('policies'), ...files });
    const built = builtPolicyFiles(await buildPolicy(join(copy.dir, 'policies')));
    return Object.fromEntries(
      Object.entries(built).map(([name, bytes]) => [`compiled/policy/${name}`, bytes]),
    );
  } finally {
    copy.dispose();
  }
}

export type Branch = keyof typeof BRANCHES | 'raise-ipr-threshold-built' | 'tampered-bundle';

/**
 * The scenario. Main commits the project's compiled policy too; `raise-ipr-threshold-built` raises the
 * threshold and commits the rebuilt bundle, `tampered-bundle` commits a bundle whose data was edited after
 * the build (its manifest names the digest of another).
 */
export async function ruleChangeRepository(): Promise<Repository> {
  const repo = new Repository();
  repo.commit('The project with two requests on file', {
    ...projectFiles('policies'),
    ...projectFiles('schemas'),
    ...projectFiles('compiled/policy'),
    ...example(DWR),
    ...example(CHP),
  });
  const raised = BRANCHES['raise-ipr-threshold'];
  const data = JSON.parse(readFileSync(join(repoRoot, 'compiled/policy/data.json'), 'utf8')) as {
    reference: { thresholds: { ipr_savings_threshold_basis_points: number } };
  };
  data.reference.thresholds.ipr_savings_threshold_basis_points = 3000;
  const branches: Record<Branch, Files> = {
    ...BRANCHES,
    'raise-ipr-threshold-built': { ...raised, ...(await committedPolicy(raised)) },
    'tampered-bundle': { 'compiled/policy/data.json': JSON.stringify(data) },
  };
  for (const [name, files] of Object.entries(branches)) {
    repo.git(['checkout', '--quiet', '-b', name, 'main']);
    repo.commit(`Change on ${name}`, files);
    repo.git(['checkout', '--quiet', 'main']);
  }
  return repo;
}
