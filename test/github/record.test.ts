/**
 * A renewal is checked against the record of granted exemptions: on a pull request, the requests on its
 * base; in a working copy, the default branch's; with no clone at all, nothing, and the policy says the
 * renewal was not checked rather than calling it unknown.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../scripts/policy/decision.ts';
import type { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { evaluatePullRequest } from '../../scripts/pull-request/evaluate.ts';
import { recordAt, recordOf } from '../../scripts/pull-request/record.ts';
import { runCli } from '../support/cli.ts';
import { fixtureFile, policy } from '../support/policy.ts';
import { Repository } from '../support/repository.ts';

const RENEWAL = readFileSync(fixtureFile('calnet', 'renewal-of-exemption'), 'utf8');
const GRANTED = readFileSync(fixtureFile('calnet', 'functionality-ready'), 'utf8').replace(
  /^id: .*$/m,
  'id: dgs-2024-sd-wan',
);

function renewing(id: string, renews: string): string {
  return RENEWAL.replace(/^id: .*$/m, `id: ${id}`).replace(/^renews: .*$/m, `renews: ${renews}`);
}

type Coded = { deficiencies: { code: string }[]; notes: { code: string }[] };

const codes = (d: Coded | null | undefined) => ({
  deficiencies: d?.deficiencies.map((x) => x.code) ?? [],
  notes: d?.notes.map((x) => x.code) ?? [],
});

describe('the record of granted exemptions', () => {
  let repo: Repository;
  let evaluator: PolicyEvaluator;
  let base: string;
  beforeAll(async () => {
    evaluator = await policy();
    repo = new Repository();
    base = repo.commit('grant', { 'requests/calnet/dgs-2024-sd-wan.yaml': GRANTED });
  });
  afterAll(() => repo.dispose());

  it('is every request on a commit, with its agency and program', () => {
    expect(recordAt(repo.dir, base)).toEqual({ 'dgs-2024-sd-wan': { agency: 'DGS', program: 'calnet' } });
  });

  it('leaves out what names no id, agency or program', () => {
    expect(
      recordOf([{ id: 'a-1', agency: { code: 'DGS' }, program: 'calnet' }, { id: 'b-2' }, 'text', null]),
    ).toEqual({ 'a-1': { agency: 'DGS', program: 'calnet' } });
  });

  /** The decision on a pull request from `branch` that adds a request renewing `renews`. */
  function pullRequestRenewing(branch: string, renews: string) {
    repo.git(['checkout', '--quiet', '-b', branch, base]);
    const head = repo.commit('renew', {
      'requests/calnet/dgs-2027-sd-wan.yaml': renewing('dgs-2027-sd-wan', renews),
    });
    const artifact = evaluatePullRequest({
      repoDir: repo.dir,
      base,
      head,
      number: 1,
      evaluator,
      date: '2026-11-22',
    });
    return artifact.results[0]?.decision;
  }

  it('lets a pull request renew an exemption on its base', () => {
    const decision = pullRequestRenewing('renew', 'dgs-2024-sd-wan');
    expect(decision?.outcome).toBe('ready-for-decision');
    expect(codes(decision).notes).not.toContain('renewal-unchecked');
  });

  it('refuses a pull request that renews an exemption its base does not hold', () => {
    const decision = pullRequestRenewing('unknown', 'dgs-2019-voice');
    expect(decision?.outcome).toBe('incomplete');
    expect(codes(decision).deficiencies).toEqual(['renewed-exemption-unknown']);
  });

  it('is read by evaluate from the default branch of a clone', async () => {
    repo.git(['checkout', '--quiet', 'main']);
    writeFileSync(
      join(repo.dir, 'requests/calnet/dgs-2027-sd-wan.yaml'),
      renewing('dgs-2027-sd-wan', 'dgs-2019-voice'),
    );
    const run = await runCli(
      ['evaluate', '--format', 'json', '--date', '2026-11-22', 'requests/calnet/dgs-2027-sd-wan.yaml'],
      {
        cwd: repo.dir,
      },
    );
    const [result] = (JSON.parse(run.stdout) as { results: { decision: Decision }[] }).results;
    expect(codes(result?.decision).deficiencies).toEqual(['renewed-exemption-unknown']);
  });

  it('is absent outside a clone, and the renewal is noted as unchecked', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'no-clone-'));
    try {
      writeFileSync(join(folder, 'dgs-2027-sd-wan.yaml'), renewing('dgs-2027-sd-wan', 'dgs-2024-sd-wan'));
      const run = await runCli(
        ['evaluate', '--format', 'json', '--date', '2026-11-22', 'dgs-2027-sd-wan.yaml'],
        {
          cwd: folder,
        },
      );
      const [result] = (JSON.parse(run.stdout) as { results: { decision: Decision }[] }).results;
      expect(codes(result?.decision).notes).toContain('renewal-unchecked');
      expect(codes(result?.decision).deficiencies).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
