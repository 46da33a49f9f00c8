import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArtifact } from '../../scripts/pull-request/artifact.ts';
import { COMMENT_MARKER } from '../../scripts/pull-request/comment.ts';
import { type CliRunOptions, runCli } from '../support/cli.ts';
import { HEAD_SHA } from '../support/evaluations.ts';
import { pullRequestEvent, stepEnvironment } from '../support/github-events.ts';
import { BOT_TOKEN, GitHubStandIn } from '../support/github-stand-in.ts';
import { Repository, requestText } from '../support/repository.ts';

const scratch = mkdtempSync(join(tmpdir(), 'comment-cli-'));

/** The command line in process; the stand-in keeps serving because the run awaits its requests. */
function exemptions(args: string[], options: CliRunOptions = {}) {
  return runCli(args, options);
}

/** A branch that adds one request; `withPolicyChange` also edits a policy (the integrity rule). */
function branchAddingRequest(withPolicyChange: boolean): Repository {
  const repo = new Repository();
  repo.put('policies/exemptions/decision.rego', 'package exemptions\n').put('README.md', 'x\n');
  repo.commit('base');
  repo.git(['checkout', '--quiet', '-b', 'request']);
  repo.put('requests/calnet/uc-2026-campus.yaml', requestText('uc-2026-campus'));
  if (withPolicyChange) repo.put('policies/exemptions/decision.rego', 'package exemptions\n# edited\n');
  repo.commit('add a request');
  return repo;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('exemptions comment --dry-run', () => {
  const plain = branchAddingRequest(false);
  const mixed = branchAddingRequest(true);
  afterAll(() => {
    plain.dispose();
    mixed.dispose();
  });

  it("prints the comment for the branch's changed request with no token", async () => {
    const run = await exemptions(['comment', '--dry-run', '--base', 'main', '--date', '2026-11-22'], {
      cwd: plain.dir,
    });
    expect([0, 1]).toContain(run.status);
    expect(run.stdout.startsWith(COMMENT_MARKER)).toBe(true);
    expect(run.stdout).toMatch(/^- \*\*.+\*\* · CALNET MSA · `requests\/calnet\/uc-2026-campus\.yaml`/m);
    expect(run.stdout).toContain('Preview from the working tree');
    expect(run.stdout).not.toContain('Integrity rule');
  });

  it('flags a branch that changes a request together with a policy, and exits 1', async () => {
    const run = await exemptions(['comment', '--dry-run', '--base', 'main'], { cwd: mixed.dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('**Integrity rule.**');
    expect(run.stdout).toContain('`policies/exemptions/decision.rego` (policies)');
  });

  it('says plainly when the base branch does not exist', async () => {
    const run = await exemptions(['comment', '--dry-run', '--base', 'no-such-branch'], { cwd: plain.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot find where this branch left no-such-branch');
  });
});

describe('exemptions pr-evaluate', () => {
  const repo = branchAddingRequest(true);
  afterAll(() => repo.dispose());

  it('writes a verifiable artifact, the job summary and escaped annotations, and fails on the integrity rule', async () => {
    const artifactFile = join(scratch, 'run/evaluation.json');
    const summary = join(scratch, 'summary.md');
    writeFileSync(summary, '');
    const head = repo.git(['rev-parse', 'HEAD']);
    // The step's inputs come from a pull_request payload GitHub could send, through evaluate.yml's env.
    const event = pullRequestEvent({
      action: 'opened',
      number: 7,
      baseSha: repo.git(['rev-parse', 'main']),
      headSha: head,
    });
    const env = stepEnvironment('evaluate.yml', 'Evaluate the changed requests', event);
    const run = await exemptions(
      [
        'pr-evaluate',
        '--base',
        env.BASE_SHA ?? '',
        '--head',
        env.HEAD_SHA ?? '',
        '--pr',
        env.PR_NUMBER ?? '',
        '--repo-dir',
        repo.dir,
        '--artifact',
        artifactFile,
        '--summary',
        summary,
        '--date',
        '2026-11-22',
        '--repo',
        'ca-cdt/telecom-exemptions',
      ],
      { env: { GITHUB_SERVER_URL: 'https://github.com' } },
    );
    expect(run.status).toBe(1);
    const artifact = readArtifact(artifactFile, head);
    expect(artifact.pull_request.number).toBe(7);
    expect(artifact.results.map((r) => r.file)).toEqual(['requests/calnet/uc-2026-campus.yaml']);
    expect(artifact.integrity.tripped).toBe(true);
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain(
      `(https://github.com/ca-cdt/telecom-exemptions/blob/${head}/requests/calnet/uc-2026-campus.yaml)`,
    );
    expect(text).not.toContain(COMMENT_MARKER);
    const out = run.stdout.trim().split('\n');
    expect(out[0]).toBe(
      '::error file=policies/exemptions/decision.rego,title=integrity rule::This pull request also changes requests; changes to policies go in a separate pull request.',
    );
    expect(out.at(-1)).toContain('evaluation failed: ');
  });
});

describe('exemptions governance', () => {
  let standIn: GitHubStandIn;
  const env = () => ({ GITHUB_TOKEN: BOT_TOKEN, GITHUB_API_URL: standIn.baseUrl });
  beforeEach(async () => {
    standIn = new GitHubStandIn();
    await standIn.start();
  });
  afterEach(async () => {
    await standIn.stop();
  });

  it('no longer posts an artifact: the trusted check alone writes on pull requests', async () => {
    const run = await exemptions(['comment', '--artifact', 'evaluation.json', '--head-sha', HEAD_SHA]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--artifact'");
  });

  it('verifies and applies the governance settings through the API', async () => {
    const args = ['governance', '--repo', 'ca-cdt/telecom-exemptions'];
    const before = await exemptions([...args, '--verify'], { env: env() });
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('differs: no ruleset named "exemption approvals" exists');
    const apply = await exemptions([...args, '--apply'], { env: env() });
    expect(apply).toMatchObject({ status: 0 });
    expect(apply.stdout).toContain('governance settings match docs/governance.md');
  });
});
