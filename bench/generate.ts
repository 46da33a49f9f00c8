/**
 * Synthetic requests for the benchmark: N schema-valid requests written as YAML files in a request tree
 * (`<root>/calnet|cgen/<id>.yaml` with their supporting documents), from a fixed seed, covering both
 * programs and every outcome. Deterministic: the same seed and N give the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Outcome } from '../scripts/policy/decision.ts';
import type { ExemptionRequest, Program } from '../scripts/request/types.ts';

/** A small, fast, seedable PRNG (mulberry32): benchmarks must be repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scenario {
  program: Program;
  outcome: Outcome;
  name: string;
  build(id: string, pick: <T>(items: readonly T[]) => T, amount: () => number): ExemptionRequest;
}

const STREETS = ['707 3rd Street', '1500 Capitol Avenue', '10860 Gold Center Drive', '2415 First Avenue'];
const CITIES = [
  { city: 'West Sacramento', zip: '95605' },
  { city: 'Sacramento', zip: '95814' },
  { city: 'Rancho Cordova', zip: '95670' },
  { city: 'Fresno', zip: '93721' },
];
const EXECUTIVE = ['DGS', 'CDT', 'DMV', 'CDPH', 'CHP', 'DWR'];
const EXEMPT = ['UC', 'CSU', 'SMC', 'CMA', 'SCO', 'SOS', 'SCIF', 'LOTTERY'];

function baseRequest(
  id: string,
  program: Program,
  agency: string,
  service: string,
  pick: <T>(items: readonly T[]) => T,
  amount: () => number,
): ExemptionRequest {
  const place = pick(CITIES);
  const first = amount();
  const second = amount();
  const request: ExemptionRequest = {
    format: 2,
    id,
    program,
    agency: { code: agency },
    submitted: {
      date: '2026-10-01',
      by: { name: 'Alex Rivera', email: 'alex.rivera@example.ca.gov', role: 'aio' },
    },
    services: [
      {
        service,
        type: pick(['Ethernet 1 Gbps', 'MPLS 100 Mbps', 'Dedicated internet 500 Mbps']),
        quantity: 1 + Math.floor(amount() % 40),
        location: { site: 'Headquarters', street: pick(STREETS), city: place.city, zip: place.zip },
      },
    ],
    need: 'Regional offices need low-latency links for case management systems used by field staff.',
    program_shortfall: 'The offered services lack the required diverse routing at these sites.',
    reason: { kind: 'technical', explanation: 'Diverse routing to two data centers is required.' },
    grounds: {
      functionality: {
        lacking: ['features', 'availability'],
        explanation: 'No offered service provides diverse entry at the listed sites.',
      },
    },
    contract: {
      provider: pick(['Acme Networks Inc.', 'Golden State Fiber LLC', 'Sierra Telecom Co.']),
      length_months: pick([12, 24, 36, 60]),
      start_date: '2027-01-01',
      purchase_date: '2026-12-15',
      terms: 'Fixed monthly recurring charges for the term; installation billed once.',
      early_termination: 'Termination for convenience with 60 days notice, no penalty after month 12.',
      optional_extensions: 'Two optional one-year extensions at the same rates.',
      sla: {
        available: true,
        terms: '99.99% availability per circuit.',
        remedies: 'Credits of 10% MRC per hour.',
      },
    },
    cost: {
      currency: 'USD',
      total: Math.round((first + second) * 100) / 100,
      items: [
        { item: 'Monthly recurring charges', amount: first },
        { item: 'Installation', amount: second },
      ],
    },
    attachments: [{ file: 'vendor-quote.txt', kind: 'vendor-documentation', title: 'Vendor quote' }],
  };
  if (program === 'calnet') {
    request.project = { name: 'Regional office network refresh', reference: `ACQ-${id}` };
    request.ramifications = 'Field offices would lose access to case systems during outages.';
    request.contract.renewal = { renews_outside_contract: false };
  } else {
    request.reason.kind = 'business';
    request.approvals = [
      { role: 'aio', name: 'Alex Rivera', date: '2026-09-28' },
      { role: 'cio', name: 'Jordan Lee', date: '2026-09-29' },
    ];
  }
  return request;
}

function withCostGround(request: ExemptionRequest, savingsPercent: number): ExemptionRequest {
  const calnet = 200_000;
  const alternative = (calnet * (100 - savingsPercent)) / 100;
  request.reason = {
    kind: request.program === 'calnet' ? 'financial' : 'business',
    explanation: 'Lower cost.',
  };
  request.grounds = {
    cost_ipr: {
      ipr_document: 'ipr.txt',
      alternative_cost: alternative,
      comparable_calnet_cost: calnet,
      comparison_factors: {
        slas: 'Equal availability commitments.',
        network_support: 'Vendor NOC 24x7, same as the contract.',
        diversity: 'Dual entry at both sites.',
        survivability: 'Battery backup of 8 hours.',
        recoverability: 'Four-hour restoration.',
        scalability: 'Upgrade to 10 Gbps without a new contract.',
      },
      network_interference: {
        unduly_interferes: false,
        explanation: 'Traffic still reaches the state network.',
      },
    },
  };
  request.attachments.push({ file: 'ipr.txt', kind: 'ipr', title: 'IPR documentation' });
  return request;
}

export const SCENARIOS: Scenario[] = [
  ...(['calnet', 'cgen'] as const).flatMap((program): Scenario[] => [
    {
      program,
      outcome: 'ready-for-decision',
      name: 'functionality ground',
      build: (id, pick, amount) => baseRequest(id, program, pick(EXECUTIVE), 'wan-data', pick, amount),
    },
    {
      program,
      outcome: 'not-required',
      name: 'exempt agency',
      build: (id, pick, amount) => baseRequest(id, program, pick(EXEMPT), 'wan-data', pick, amount),
    },
    {
      program,
      outcome: 'incomplete',
      name: 'cost total differs from its items',
      build: (id, pick, amount) => {
        const request = baseRequest(id, program, pick(EXECUTIVE), 'wan-data', pick, amount);
        request.cost.total += 100;
        return request;
      },
    },
    {
      program,
      outcome: 'ground-not-met',
      name: program === 'calnet' ? 'savings well under the IPR threshold' : 'cost ground under CGEN',
      build: (id, pick, amount) =>
        withCostGround(baseRequest(id, program, pick(EXECUTIVE), 'wan-data', pick, amount), 5),
    },
  ]),
  {
    program: 'calnet',
    outcome: 'ready-for-decision',
    name: 'cost ground through IPR',
    build: (id, pick, amount) =>
      withCostGround(baseRequest(id, 'calnet', pick(EXECUTIVE), 'wan-data', pick, amount), 30),
  },
  {
    program: 'calnet',
    outcome: 'ato-bound',
    name: 'local agency during its ATO term',
    build: (id, pick, amount) => baseRequest(id, 'calnet', 'SAC-COUNTY', 'voice-local', pick, amount),
  },
  {
    program: 'calnet',
    outcome: 'not-required',
    name: 'non-mandatory services only',
    build: (id, pick, amount) =>
      baseRequest(id, 'calnet', pick(EXECUTIVE), 'video-conferencing', pick, amount),
  },
];

export interface GeneratedFile {
  path: string;
  scenario: Scenario;
  request: ExemptionRequest;
}

/** Writes `count` requests under `root`, cycling through the scenarios; returns what it wrote. */
export function generateRequests(root: string, count: number, seed = 20261122): GeneratedFile[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const amount = () => Math.round((1_000 + random() * 90_000) * 100) / 100;
  const files: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length] as Scenario;
    const id = `bench-${scenario.program}-${String(i).padStart(6, '0')}`;
    const request = scenario.build(id, pick, amount);
    const folder = join(root, scenario.program);
    const documents = join(folder, id);
    mkdirSync(documents, { recursive: true });
    for (const attachment of request.attachments) {
      writeFileSync(join(documents, attachment.file), `Synthetic ${attachment.kind} document for ${id}.\n`);
    }
    const path = join(folder, `${id}.yaml`);
    writeFileSync(path, stringify(request));
    files.push({ path, scenario, request });
  }
  return files;
}
