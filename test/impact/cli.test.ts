/** `exemptions impact` in process, on the scenario's repository (`scenario.ts`) and its branches. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { PolicyCache } from '../../scripts/policy/versions.ts';
import { computeImpact } from '../../scripts/pull-request/impact.ts';
import { runCli } from '../support/cli.ts';
import { EVALUATION_DATE } from '../support/policy.ts';
import type { Repository } from '../support/repository.ts';
import { CHP, DWR, ruleChangeRepository } from './scenario.ts';

let repo: Repository;

beforeAll(async () => {
  repo = await ruleChangeRepository();
});

afterAll(() => repo.dispose());

const impact = (...args: string[]) =>
  runCli(['impact', '--date', EVALUATION_DATE, '--base', 'main', ...args], { cwd: repo.dir });

interface ImpactDocument {
  changed: {
    file: string;
    id: string;
    program: string;
    before: string;
    after: string;
    appeared: { kind: string; code: string | null; path: string | null; clause: string | null }[];
    went_away: { kind: string; code: string | null; clause: string | null }[];
  }[];
  unchanged: { file: string; id: string; outcome: string }[];
  unreadable: { file: string; message: string }[];
  counts: { changed: number; unchanged: number; unreadable: number };
}

describe('exemptions impact on a branch that raises the IPR savings threshold from 20% to 30%', () => {
  it('names DWR going from ready-for-decision to ground-not-met, with what appeared and went away, and CHP as unchanged', async () => {
    const run = await impact('--head', 'raise-ipr-threshold');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [heading, , request, outcome, ...rest] = run.stdout.split('\n');
    expect(heading).toMatch(
      /^Impact of the rules at raise-ipr-threshold \([0-9a-f]{12}\) .* against main \([0-9a-f]{12}\), as of 2026-11-22$/,
    );
    expect(request).toBe(`${DWR}.yaml (dwr-2026-sd-wan, CALNET MSA)`);
    expect(outcome).toBe('  ready-for-decision -> ground-not-met');
    const text = rest.join('\n');
    expect(text).toMatch(
      /appeared:\n {4}deficiency cost-savings-below-threshold at \/grounds\/cost_ipr\/alternative_cost: .*25\.00%.*30\.00%\n {6}CALNET MSA policy, Exemption Requests, second ground/,
    );
    expect(text).toMatch(
      /went away:\n {4}ground cost-ipr\n {6}CALNET MSA policy, Exemption Requests, second ground/,
    );
    expect(text).toContain(`unchanged:\n  ${CHP}.yaml (chp-2026-remote-sites): ready-for-decision\n`);
    expect(text).toContain('1 request changes, 1 unchanged\n');
  });

  it('prints one JSON document that its schema describes', async () => {
    const run = await impact('--head', 'raise-ipr-threshold', '--format', 'json');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as ImpactDocument;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    formatsPlugin.default(ajv, ['date']);
    ajv.addSchema(JSON.parse(readFileSync(join(repoRoot, 'schemas/decision.schema.json'), 'utf8')) as object);
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(repoRoot, 'schemas/impact.schema.json'), 'utf8')),
    );
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.counts).toEqual({ changed: 1, unchanged: 1, unreadable: 0 });
    const [dwr] = document.changed;
    expect(dwr).toMatchObject({
      id: 'dwr-2026-sd-wan',
      program: 'calnet',
      before: 'ready-for-decision',
      after: 'ground-not-met',
    });
    expect(dwr?.appeared.map((f) => [f.kind, f.code])).toEqual([
      ['deficiency', 'cost-savings-below-threshold'],
    ]);
    expect(dwr?.went_away.map((f) => [f.kind, f.code])).toEqual([['ground', 'cost-ipr']]);
    for (const finding of [...(dwr?.appeared ?? []), ...(dwr?.went_away ?? [])])
      expect(finding.clause).toMatch(/^CALNET MSA policy, /);
    expect(document.unchanged).toEqual([
      { file: `${CHP}.yaml`, id: 'chp-2026-remote-sites', outcome: 'ready-for-decision' },
    ]);
  });

  it('writes Markdown with the outcomes in words and the clauses beside the codes', async () => {
    const run = await impact('--head', 'raise-ipr-threshold', '--format', 'markdown');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^## Impact of the rule change on the requests on file\n/);
    const row = run.stdout.split('\n').find((line) => line.startsWith(`| \`${DWR}.yaml\``));
    expect(row).toContain('(dwr-2026-sd-wan, CALNET MSA) | ✅ ready for decision → ❌ ground not met |');
    expect(row).toContain(
      'deficiency `cost-savings-below-threshold` at `/grounds/cost_ipr/alternative_cost`',
    );
    expect(row).toContain('ground `cost-ipr` (CALNET MSA policy');
    expect(run.stdout).toContain(`- \`${CHP}.yaml\` (chp-2026-remote-sites): ✅ ready for decision`);
  });
});

describe('exemptions impact judges each side with its own rules', () => {
  it("applies the head's request schema to the head and the base's to the base", async () => {
    const run = await impact('--head', 'short-ids', '--format', 'json');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as ImpactDocument;
    // chp-2026-remote-sites has 21 characters, dwr-2026-sd-wan 15: only CHP breaks the new limit.
    expect(document.changed.map((c) => [c.id, c.before, c.after])).toEqual([
      ['chp-2026-remote-sites', 'ready-for-decision', 'invalid'],
    ]);
    expect(document.changed[0]?.appeared.map((f) => [f.kind, f.path])).toEqual([['problem', '/id']]);
    expect(document.changed[0]?.went_away.map((f) => f.code)).toEqual(['functionality']);
    expect(document.unchanged.map((u) => u.id)).toEqual(['dwr-2026-sd-wan']);
  });

  it('reports a request file that does not load, and still judges the others', async () => {
    const run = await impact('--head', 'broken-request', '--format', 'json');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as ImpactDocument;
    expect(document.unreadable).toEqual([
      { file: 'requests/calnet/broken-2026-wan.yaml', message: expect.stringMatching(/^\d+:\d+ /) },
    ]);
    expect(document.changed.map((c) => c.id)).toEqual(['dwr-2026-sd-wan']);
    expect(document.unchanged.map((u) => u.id)).toEqual(['chp-2026-remote-sites']);
    const text = await impact('--head', 'broken-request');
    expect(text.stdout).toMatch(
      /could not be judged:\n {2}requests\/calnet\/broken-2026-wan\.yaml: \d+:\d+ /,
    );
    expect(text.stdout).toContain('1 request changes, 1 unchanged, 1 could not be judged\n');
  });

  it('reports a request the head policy cannot decide, and still judges the others', async () => {
    const run = await impact('--head', 'partial-decision', '--format', 'json');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as ImpactDocument;
    expect(document.unreadable).toEqual([
      {
        file: `${CHP}.yaml`,
        message:
          "the head's policy could not decide: the policy returned no decision (is the decision rule total?)",
      },
    ]);
    expect(document.unchanged.map((u) => u.id)).toEqual(['dwr-2026-sd-wan']);
  });
});

describe("exemptions impact --policy-from committed: each commit's compiled/policy/, with Node alone", () => {
  it('names DWR going to ground-not-met on a branch that committed its rebuilt bundle, compiling nothing', async () => {
    const cache = new PolicyCache({ repoDir: repo.dir, origin: 'committed' });
    const result = await computeImpact({
      repoDir: repo.dir,
      base: 'main',
      head: 'raise-ipr-threshold-built',
      date: EVALUATION_DATE,
      cache,
    });
    expect(cache.compilations).toBe(0);
    expect(result.policyOrigin).toBe('committed');
    expect(result.changed.map((c) => [c.id, c.before, c.after])).toEqual([
      ['dwr-2026-sd-wan', 'ready-for-decision', 'ground-not-met'],
    ]);
    expect(result.unchanged.map((u) => u.id)).toEqual(['chp-2026-remote-sites']);
    // The same as compiling each side's policies/: the bundle was rebuilt.
    const fromSources = await impact('--head', 'raise-ipr-threshold-built', '--format', 'json');
    const document = JSON.parse(fromSources.stdout) as ImpactDocument & { head: { policy_digest: string } };
    expect(document.head.policy_digest).toBe(result.head.policyDigest);
  });

  it('sees no change where the branch left its bundle stale, and says which bundles it judged with', async () => {
    const run = await impact('--head', 'raise-ipr-threshold', '--policy-from', 'committed');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('0 requests change, 2 unchanged\n');
    expect(run.stdout).toMatch(/\(each commit's committed bundle in compiled\/policy\/\)\n$/);
  });

  it('refuses a bundle whose manifest names another digest than its wasm and data have, and exits 2', async () => {
    const run = await impact('--head', 'tampered-bundle', '--policy-from', 'committed');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^exemptions: the head \(tampered-bundle\) cannot judge requests: the committed policy at [0-9a-f]{12} cannot be read: its manifest names the digest sha256:[0-9a-f]{64}, but its wasm and data have sha256:[0-9a-f]{64}\nTo compile each commit's policies\/ with the pinned OPA instead, use --policy-from sources\.\n$/,
    );
  });
});

describe('exemptions impact on an error', () => {
  it('says plainly that a revision does not exist, and exits 2', async () => {
    const run = await impact('--head', 'no-such-branch');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^exemptions: no branch or commit named "no-such-branch" in /);
    expect(run.stderr).not.toContain('internal error');
  });

  it('says which side cannot be built when its Rego does not compile, and exits 2', async () => {
    const run = await impact('--head', 'broken-rego');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /\nTo judge with each commit's committed compiled\/policy\/ instead \(Node alone\), add --policy-from committed\.\n$/,
    );
    expect(run.stderr).toMatch(
      /^exemptions: the head \(broken-rego\) cannot judge requests: the policy at [0-9a-f]{12} could not be built: /,
    );
    expect(run.stderr).not.toContain('internal error');
  });

  it("escapes what OPA quotes of the head's Rego before it reaches the terminal", async () => {
    const run = await impact('--head', 'hostile-rego');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^exemptions: the head \(hostile-rego\) cannot judge requests: /);
    for (const control of ['\u001b', '\u202e']) expect(run.stderr.includes(control)).toBe(false);
    expect(run.stderr).toContain('\\u001b[2J');
  });

  it('refuses a date that is not a calendar date', async () => {
    const run = await runCli(['impact', '--base', 'main', '--date', '2026-02-30'], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--date must be a calendar date written YYYY-MM-DD, not "2026-02-30"');
  });
});
