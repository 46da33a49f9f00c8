/**
 * Policy inputs for the property tests: the request files the project keeps (fixtures and examples), and
 * variants generated from them with fast-check: fields removed or set to values of any type, and edits
 * aimed at what the policy reads (agency and service codes, amounts near the IPR threshold, dates near
 * the ATO edges), plus a share of inputs that are not requests at all.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../../scripts/core/paths.ts';
import type { PolicyInput } from '../../scripts/policy/decision.ts';
import { loadRequestFile } from '../../scripts/request/load.ts';
import { EVALUATION_DATE } from '../support/policy.ts';
import { yamlFiles } from '../support/requests.ts';

/** Dates around the edges the fixtures sit on: Fresno's term end, Sacramento's term end, notice of 29 days. */
export const DATES = [EVALUATION_DATE, '2026-05-31', '2026-06-01', '2026-11-21', '2027-02-28', '2027-03-01'];

/** Every request file the project keeps for the policy: fixtures and examples. */
export function knownRequests(): Record<string, unknown>[] {
  const files = [
    ...yamlFiles(join(repoRoot, 'test/support/fixtures/policy')),
    ...yamlFiles(join(repoRoot, 'examples/requests')),
  ];
  return files.flatMap((file) => {
    const loaded = loadRequestFile(file);
    return loaded.errors.length === 0 ? [loaded.request as Record<string, unknown>] : [];
  });
}

// ------------------------------------------------------------------------------------- the generator

type Segment = string | number;

/** Every path inside a value, parents before children, in a stable order. */
function pathsOf(value: unknown, prefix: Segment[] = []): Segment[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

function setAt(root: unknown, path: readonly Segment[], value: unknown, remove = false): unknown {
  if (path.length === 0) return remove ? {} : value;
  let parent = root as Record<Segment, unknown>;
  for (const segment of path.slice(0, -1)) {
    const next = parent[segment];
    if (next === null || typeof next !== 'object') parent[segment] = {};
    parent = parent[segment] as Record<Segment, unknown>;
  }
  const last = path[path.length - 1] as Segment;
  if (!remove) parent[last] = value;
  else if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
  return root;
}

const DAY_MS = 86_400_000;
const dateAround = fc
  .integer({ min: -900, max: 900 })
  .map((offset) =>
    new Date(Date.parse(`${EVALUATION_DATE}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10),
  );
const notADate = fc.constantFrom(
  '2026-02-29',
  '2026-13-01',
  '2026-6-1',
  '22/11/2026',
  '',
  'soon',
  '0000-01-01',
);
const amount = fc.integer({ min: 0, max: 50_000_000 }).map((cents) => cents / 100);
const agencyCodes = ['DGS', 'DWR', 'UC', 'LOTTERY', 'LEG-ASM', 'JUD-CC', 'SAC-COUNTY', 'FRESNO-CITY', 'NOPE'];
const serviceIds = [
  'wan-data',
  'internet-access',
  'voice-local',
  'wireless',
  'contact-center',
  'satellite-data',
  'x',
];

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 400_000 }),
  amount,
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
  dateAround,
  notADate,
  fc.constantFrom(
    'calnet',
    'cgen',
    'aio',
    'cio',
    'equivalent',
    'technical',
    'financial',
    'business',
    'none',
    'USD',
  ),
  fc.constantFrom(...agencyCodes, ...serviceIds),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: 0, max: 9 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Edits aimed at what the policy reads, with values near its thresholds and dates. */
const targeted: fc.Arbitrary<[readonly Segment[], unknown]> = fc.oneof(
  fc.tuple(fc.constant(['agency', 'code']), fc.constantFrom(...agencyCodes)),
  fc.tuple(fc.constant(['program']), fc.constantFrom('calnet', 'cgen', 'CALNET')),
  fc.tuple(fc.constant(['services', 0, 'service']), fc.constantFrom(...serviceIds)),
  fc.tuple(fc.constantFrom(['cost', 'total'], ['cost', 'items', 0, 'amount']), amount),
  fc
    .tuple(fc.integer({ min: 1, max: 20_000_000 }), fc.integer({ min: 1700, max: 2100 }))
    .map(([calnet, bp]): [readonly Segment[], unknown] => [
      ['grounds', 'cost_ipr'],
      {
        ipr_document: 'ipr/ipr-2026-14.md',
        alternative_cost: Math.round((calnet * (10_000 - bp)) / 10_000) / 100,
        comparable_calnet_cost: calnet / 100,
        comparison_factors: Object.fromEntries(
          ['slas', 'network_support', 'diversity', 'survivability', 'recoverability', 'scalability'].map(
            (f) => [f, 'Comparable.'],
          ),
        ),
        network_interference: { unduly_interferes: false, explanation: 'Stays on the state network.' },
      },
    ]),
  fc.tuple(
    fc.constantFrom(
      ['submitted', 'on'],
      ['contract', 'start_date'],
      ['contract', 'renewal', 'action_date'],
      ['ato_notice', 'given_on'],
      ['approvals', 0, 'date'],
      ['grounds', 'fsr', 'submitted_to_stnd'],
      ['grounds', 'fsr', 'submitted_to_dof'],
    ),
    fc.oneof(dateAround, notADate),
  ),
  fc.tuple(
    fc.constantFrom(
      ['grounds', 'fsr', 'stnd_review', 'reviewed'],
      ['grounds', 'fsr', 'dof_coordination', 'coordinated'],
      ['contract', 'renewal', 'renews_outside_contract'],
      ['contract', 'sla', 'available'],
      ['grounds', 'cost_ipr', 'network_interference', 'unduly_interferes'],
    ),
    fc.boolean(),
  ),
);

type Edit =
  | { kind: 'remove'; pick: number }
  | { kind: 'set'; pick: number; value: unknown }
  | {
      kind: 'targeted';
      path: readonly Segment[];
      value: unknown;
    };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: anyValue }),
  targeted.map(([path, value]) => ({ kind: 'targeted' as const, path, value })),
  targeted.map(([path, value]) => ({ kind: 'targeted' as const, path, value })),
);

function applyEdits(base: unknown, edits: Edit[]): unknown {
  let request: unknown = structuredClone(base);
  for (const e of edits) {
    if (e.kind === 'targeted') {
      request = setAt(request, e.path, structuredClone(e.value));
      continue;
    }
    const paths = pathsOf(request);
    if (paths.length === 0) continue;
    const path = paths[e.pick % paths.length] as Segment[];
    request = setAt(request, path, structuredClone(e.kind === 'set' ? e.value : null), e.kind === 'remove');
  }
  return request;
}

export function generatedInputs(bases: unknown[], runs: number, seed: number): PolicyInput[] {
  const date = fc.oneof(fc.constantFrom(...DATES), dateAround, notADate);
  const variant = fc
    .tuple(fc.nat({ max: bases.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), date)
    .map(([i, edits, evaluationDate]) => ({
      request: applyEdits(bases[i], edits),
      context: { evaluation_date: evaluationDate },
    }));
  const garbage = fc
    .tuple(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('format: 1', 42, null, [], {})), date)
    .map(([request, evaluationDate]) => ({ request, context: { evaluation_date: evaluationDate } }));
  const input = fc.oneof({ arbitrary: variant, weight: 9 }, { arbitrary: garbage, weight: 1 });
  // JSON round trip: both evaluators receive exactly the same JSON text.
  return fc.sample(input, { seed, numRuns: runs }).map((i) => JSON.parse(JSON.stringify(i)));
}
