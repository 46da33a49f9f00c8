/**
 * The impact on a pull request: `pr-evaluate` (the read-only `pull_request` run) adds it to the evaluation
 * it writes as the job summary when the pull request changes the rules, marked as information; the
 * verdict and the exit code are the evaluation's own, whatever the impact says or whether it could be
 * computed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { EVALUATION_DATE } from '../support/policy.ts';
import type { Repository } from '../support/repository.ts';
import { type Branch, DWR, ruleChangeRepository } from './scenario.ts';

let repo: Repository;
let scratch: string;

beforeAll(async () => {
  repo = await ruleChangeRepository();
  scratch = mkdtempSync(join(tmpdir(), 'impact-pr-'));
});

afterAll(() => {
  repo.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** `pr-evaluate` as evaluate.yml runs it, for a pull request from `branch` into main. */
async function evaluate(branch: Branch) {
  const summary = join(scratch, `${branch}.md`);
  const run = await runCli(
    [
      'pr-evaluate',
      ...['--base', repo.git(['rev-parse', 'main']), '--head', repo.git(['rev-parse', branch])],
      ...['--pr', '5', '--repo-dir', repo.dir, '--date', EVALUATION_DATE],
      ...['--artifact', join(scratch, `${branch}.json`), '--summary', summary],
    ],
    { env: { GITHUB_REPOSITORY: 'ca-cdt/telecom-exemptions' } },
  );
  return { ...run, summary: readFileSync(summary, 'utf8') };
}

const HEADING = '### Impact of the rule change on the requests on file';

describe('the impact in the evaluation of a pull request', () => {
  it('is a section of a pull request that raises the threshold, marked as information, naming DWR', async () => {
    const run = await evaluate('raise-ipr-threshold');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('evaluation passed: 0 changed request(s)\n');
    const section = run.summary.slice(run.summary.indexOf(HEADING));
    expect(run.summary).toContain(HEADING);
    expect(section).toContain('> **Information, not the gate.**');
    expect(section).toContain(
      `| \`${DWR}.yaml\` (dwr-2026-sd-wan, CALNET MSA) | ✅ ready for decision → ❌ ground not met |`,
    );
    expect(section).toContain('1 request changes, 1 unchanged');
  });

  it('is absent when the pull request changes only requests', async () => {
    const run = await evaluate('new-request');
    expect(run.summary).not.toContain(HEADING);
  });

  it("says why it could not be computed when the head's Rego does not compile, and leaves the verdict alone", async () => {
    const run = await evaluate('broken-rego');
    expect(run.status).toBe(0);
    expect(run.summary).toContain(HEADING);
    expect(run.summary).toMatch(
      /The impact could not be computed: the head \(.+\) cannot judge requests: the policy at .* could not be built: /,
    );
    expect(run.summary).toContain('No request files change in this pull request.');
  });
});
