/**
 * The trusted check as an attacker meets it: the status a merge needs is set only after the default
 * branch's code evaluated the pull request's head itself. A pull request that rewrites its own workflow,
 * an artifact that claims a better outcome, a base other than the default branch and a head that cannot
 * be fetched all end in a failing status, never in a green one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, MAX_FILE_BYTES } from '../../scripts/core/limits.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { TRUSTED_CHECK_CONTEXT } from '../../scripts/github/trusted-check.ts';
import { COMMENT_MARKER } from '../../scripts/pull-request/comment.ts';
import { runCli } from '../support/cli.ts';
import { stepEnvironment, workflowRunEvent } from '../support/github-events.ts';
import { BOT_TOKEN, GitHubStandIn } from '../support/github-stand-in.ts';
import { type Files, Repository, requestText } from '../support/repository.ts';

const HEAD_OWNER = 'dgs-agency';
const LABEL = `${HEAD_OWNER}:request`;
const EVALUATE_STEP = 'Evaluate the pull request and set its status';
const PENDING_STEP = 'Mark the status pending and the comment out of date';
const HOSTILE = join(repoRoot, 'test/support/fixtures/requests/hostile');

interface PullRequestBranch {
  repo: Repository;
  base: string;
  head: string;
}

/** The default branch with one commit, and a pull-request branch that changes `files` on top of it. */
function pullRequest(files: Files, onMain: Files = {}, deleted: string[] = []): PullRequestBranch {
  const repo = new Repository();
  repo.put('README.md', 'x\n').put('.github/workflows/evaluate.yml', 'name: Evaluate exemption requests\n');
  repo.write(onMain);
  const base = repo.commit('base');
  repo.git(['checkout', '--quiet', '-b', 'request']);
  repo.write(files);
  for (const path of deleted) repo.delete(path);
  const head = repo.commit('the pull request');
  repo.git(['checkout', '--quiet', 'main']);
  return { repo, base, head };
}

const READY = { 'requests/calnet/uc-2026-campus.yaml': requestText('uc-2026-campus') };

/** A ready CALNET request with its three supporting documents, as the default branch holds it. */
function withDocuments(): Record<string, string> {
  const source = join(repoRoot, 'examples/requests/calnet');
  const files: Record<string, string> = {
    [`${DWR}.yaml`]: readFileSync(join(source, 'dwr-2026-sd-wan.yaml'), 'utf8'),
  };
  for (const document of ['ipr/ipr-2026-14.md', 'vendor/sierra-fiber-quote.md', 'sla/sierra-fiber-sla.md'])
    files[`${DWR}/${document}`] = readFileSync(join(source, 'dwr-2026-sd-wan', document), 'utf8');
  return files;
}
const DWR = 'requests/calnet/dwr-2026-sd-wan';
const IPR = `${DWR}/ipr/ipr-2026-14.md`;
const INVALID = { 'requests/calnet/dgs-2026-broken.yaml': 'format: 1\nid: dgs-2026-broken\n' };

describe('the trusted check', () => {
  let standIn: GitHubStandIn;
  const repos: Repository[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'trusted-check-'));
  afterAll(() => {
    for (const repo of repos) repo.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });
  beforeEach(async () => {
    standIn = new GitHubStandIn();
    await standIn.start();
  });
  afterEach(async () => {
    await standIn.stop();
  });

  function open(branch: PullRequestBranch, baseRef = 'main') {
    repos.push(branch.repo);
    standIn.addPull({
      number: 7,
      head: { sha: branch.head, ref: 'request', label: LABEL },
      base: { sha: branch.base, ref: baseRef },
    });
  }

  /**
   * `exemptions trusted-check` as the workflow step runs it: its head commit and head label come from a
   * `workflow_run` payload GitHub could send, through the step's own `env` in comment.yml.
   */
  const checkCommand = (action: 'requested' | 'completed', headSha: string, args: string[]) => {
    const event = workflowRunEvent({ action, headSha, headBranch: 'request', headOwner: HEAD_OWNER });
    const env = stepEnvironment('comment.yml', action === 'completed' ? EVALUATE_STEP : PENDING_STEP, event);
    const head = ['--head-sha', env.RUN_HEAD_SHA ?? '', '--head-label', env.HEAD_LABEL ?? ''];
    return runCli(['trusted-check', '--repo', 'ca-cdt/telecom-exemptions', ...head, ...args], {
      env: { GITHUB_TOKEN: BOT_TOKEN, GITHUB_API_URL: standIn.baseUrl },
    });
  };

  /** The job that runs once a pull request's run completes. */
  const check = (branch: PullRequestBranch, repoDir = branch.repo.dir, headSha = branch.head) =>
    checkCommand('completed', headSha, ['--repo-dir', repoDir, '--date', '2026-11-22', '--run-id', '123']);

  /** The job that runs the moment a pull request's run is requested. */
  const markPending = (headSha: string) => checkCommand('requested', headSha, ['--pending']);

  /** The statuses of the check's context on a commit, in the order they were set. */
  const statusesOn = (sha: string) =>
    standIn.statuses.filter((s) => s.sha === sha && s.context === TRUSTED_CHECK_CONTEXT);

  it('passes a ready request, naming the base and the policy, after a pending status', async () => {
    const branch = pullRequest(READY);
    open(branch);
    const run = await check(branch);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const states = statusesOn(branch.head).map((s) => s.state);
    expect(states).toEqual(['pending', 'success']);
    const final = statusesOn(branch.head).at(-1);
    expect(final?.description).toMatch(
      new RegExp(`^passed: 1 changed request · base ${branch.base.slice(0, 7)} · policy [0-9a-f]{12}$`),
    );
    expect(final?.target_url).toBe('https://github.com/ca-cdt/telecom-exemptions/actions/runs/123');
    expect(standIn.commentsOn(7)[0]?.body.startsWith(COMMENT_MARKER)).toBe(true);
  });

  it('fails a pull request that rewrites its own workflow to pass and adds an invalid request', async () => {
    const branch = pullRequest({
      '.github/workflows/evaluate.yml':
        'name: Evaluate exemption requests\njobs: { pass: { steps: [run: exit 0] } }\n',
      ...INVALID,
    });
    open(branch);
    const run = await check(branch);
    expect(run.status).toBe(1);
    const final = statusesOn(branch.head).at(-1);
    expect(final?.state).toBe('failure');
    expect(final?.description).toContain('failed: 1 of 1 changed request is not ready for decision');
    expect(standIn.commentsOn(7)[0]?.body).toContain('**Integrity rule.**');
  });

  it("judges the head itself: an incomplete request fails whatever the pull request's own run claimed", async () => {
    const branch = pullRequest(INVALID);
    open(branch);
    const run = await check(branch);
    expect(run.status).toBe(1);
    expect(statusesOn(branch.head).at(-1)?.state).toBe('failure');
    expect(standIn.requests('GET', /\/actions\/artifacts/)).toEqual([]);
  });

  it('fails a pull request whose base is not the default branch', async () => {
    const branch = pullRequest(READY);
    open(branch, 'release');
    const run = await check(branch);
    expect(run.status).toBe(1);
    const final = statusesOn(branch.head).at(-1);
    expect(final?.state).toBe('failure');
    expect(final?.description).toBe('not evaluated: the base is not main; retarget it to main');
  });

  it('fails a pull request retargeted while it was being evaluated', async () => {
    const branch = pullRequest(READY);
    open(branch);
    standIn.onAnswered = (answered) => {
      // The comment is written, so the evaluation is done; the base moves before the status is set.
      if (answered.operation === 'issues/create-comment') {
        const pull = standIn.pulls.get(7);
        if (pull) pull.base = { sha: 'c'.repeat(40), ref: 'release' };
      }
    };
    const run = await check(branch);
    expect(run.status).toBe(1);
    const final = statusesOn(branch.head).at(-1);
    expect(final?.state).toBe('failure');
    expect(final?.description).toBe(
      `not evaluated: the base changed to release ${'c'.repeat(7)} during the evaluation; the new run evaluates again`,
    );
  });

  it('fetches the head through refs/pull/N/head when the clone does not have it', async () => {
    const branch = pullRequest(READY);
    open(branch);
    branch.repo.git(['update-ref', 'refs/pull/7/head', branch.head]);
    branch.repo.git(['branch', '--quiet', '-D', 'request']);
    const clone = join(scratch, 'clone');
    execFileSync('git', ['clone', '--quiet', '--no-local', '--single-branch', branch.repo.dir, clone]);
    expect(() =>
      execFileSync('git', ['-C', clone, 'cat-file', '-e', branch.head], { stdio: 'ignore' }),
    ).toThrow();
    const run = await check(branch, clone);
    expect(run.status).toBe(0);
    expect(statusesOn(branch.head).at(-1)?.state).toBe('success');
  });

  it('fails closed when the head cannot be fetched', async () => {
    const branch = pullRequest(READY);
    open(branch);
    const lonely = new Repository();
    repos.push(lonely);
    lonely.put('README.md', 'x\n').commit('unrelated');
    const run = await check(branch, lonely.dir);
    expect(run.status).toBe(2);
    const final = statusesOn(branch.head).at(-1);
    expect(final?.state).toBe('failure');
    expect(final?.description).toBe('failed: the evaluation could not be completed; see the run log');
  });

  it('sets nothing when no open pull request is at that head any more', async () => {
    const branch = pullRequest(READY);
    open(branch);
    const run = await check(branch, branch.repo.dir, 'c'.repeat(40));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no open pull request from dgs-agency:request is at ccccccc');
    expect(standIn.statuses).toEqual([]);
  });

  describe('a change to the workflows needs a code owner of them to approve its head', () => {
    const IDENTITIES = `${JSON.stringify({
      format: 1,
      director_team: '@ca-cdt/stnd-director',
      teams: {
        '@ca-cdt/stnd-director': { description: "The Director's team." },
        '@ca-cdt/calnet-approvers': { description: 'CALNET approvers.' },
      },
      people: [
        {
          github: '@dana-director',
          name: 'Dana',
          emails: ['dana@cdt.ca.gov'],
          teams: [{ team: '@ca-cdt/stnd-director', from: '2026-01-01' }],
        },
        {
          github: '@alice-calnet',
          name: 'Alice',
          emails: ['alice@cdt.ca.gov'],
          teams: [{ team: '@ca-cdt/calnet-approvers', from: '2026-01-01' }],
        },
      ],
    })}\n`;
    const GOVERNANCE = {
      '.github/CODEOWNERS': readFileSync(join(repoRoot, '.github/CODEOWNERS'), 'utf8'),
      'governance/identities.json': IDENTITIES,
    };
    /** A pull request that changes only a workflow: no request at all. */
    const workflowOnly = () =>
      pullRequest(
        { '.github/workflows/evaluate.yml': 'name: Evaluate exemption requests\njobs: {}\n' },
        GOVERNANCE,
      );
    const review = (login: string, commit: string, state: 'APPROVED' | 'CHANGES_REQUESTED' = 'APPROVED') => ({
      login,
      state,
      commit_id: commit,
    });

    it('fails it with no approval, and says who must approve which commit', async () => {
      const branch = workflowOnly();
      open(branch);
      const run = await check(branch);
      expect(run.status).toBe(1);
      const final = statusesOn(branch.head).at(-1);
      expect(final?.state).toBe('failure');
      expect(final?.description).toContain(
        'workflow files change without a code owner approving this commit',
      );
      const body = standIn.commentsOn(7)[0]?.body ?? '';
      expect(body).toContain('**Workflow change.**');
      // Named, but as text that mentions nobody: the comment must not notify a team on every push.
      expect(body).toContain('(@&#8203;ca-cdt/stnd-director) approves commit');
      expect(body).toContain(branch.head.slice(0, 12));
    });

    it.each([
      ['the author approving their own change', 'agency-author', 'head'],
      ['someone who is not a code owner of .github/', 'alice-calnet', 'head'],
      ['a code owner approving an earlier commit', 'dana-director', 'base'],
    ] as const)('is not satisfied by %s', async (_what, login, commit) => {
      const branch = workflowOnly();
      open(branch);
      const pull = standIn.pulls.get(7);
      pull?.reviews.push(review(login, commit === 'head' ? branch.head : branch.base));
      await check(branch);
      expect(statusesOn(branch.head).at(-1)?.state).toBe('failure');
    });

    it('passes once a code owner approves the head, and the comment names them', async () => {
      const branch = workflowOnly();
      open(branch);
      await check(branch);
      expect(statusesOn(branch.head).at(-1)?.state).toBe('failure');
      // The review runs the pull request's workflow again, and with it the trusted check.
      standIn.pulls.get(7)?.reviews.push(review('dana-director', branch.head));
      const run = await check(branch);
      expect(run.status).toBe(0);
      expect(statusesOn(branch.head).at(-1)?.state).toBe('success');
      const body = standIn.commentsOn(7)[0]?.body ?? '';
      expect(body).toContain('by @&#8203;dana-director, a code owner of these files');
      expect(body).not.toContain('[!IMPORTANT]');
    });

    it('fails again when that owner then requests changes', async () => {
      const branch = workflowOnly();
      open(branch);
      standIn.pulls
        .get(7)
        ?.reviews.push(
          review('dana-director', branch.head),
          review('dana-director', branch.head, 'CHANGES_REQUESTED'),
        );
      await check(branch);
      expect(statusesOn(branch.head).at(-1)?.state).toBe('failure');
    });

    it('credits nobody when the identities on the default branch are broken', async () => {
      const branch = pullRequest(
        { '.github/workflows/evaluate.yml': 'name: Evaluate exemption requests\njobs: {}\n' },
        { ...GOVERNANCE, 'governance/identities.json': '{ "format": 1 }\n' },
      );
      open(branch);
      standIn.pulls.get(7)?.reviews.push(review('dana-director', branch.head));
      await check(branch);
      expect(statusesOn(branch.head).at(-1)?.state).toBe('failure');
    });
  });

  describe('a supporting document is part of its request', () => {
    it('passes the request as it stands on the default branch', async () => {
      const branch = pullRequest(
        { [`${DWR}/vendor/sierra-fiber-quote.md`]: 'A newer quote.\n' },
        withDocuments(),
      );
      open(branch);
      const run = await check(branch);
      expect(run.status).toBe(0);
      expect(statusesOn(branch.head).at(-1)?.description).toMatch(/^passed: 1 changed request/);
    });

    it('fails a pull request that only deletes the IPR document the request names', async () => {
      const branch = pullRequest({}, withDocuments(), [IPR]);
      open(branch);
      const run = await check(branch);
      expect(run.status).toBe(1);
      expect(statusesOn(branch.head).at(-1)?.state).toBe('failure');
      const comment = standIn.commentsOn(7)[0]?.body ?? '';
      expect(comment).toContain('dwr-2026-sd-wan.yaml');
      expect(comment).toContain('ipr/ipr-2026-14.md does not exist');
    });

    it('fails a pull request that empties it', async () => {
      const branch = pullRequest({ [IPR]: '' }, withDocuments());
      open(branch);
      expect((await check(branch)).status).toBe(1);
      expect(standIn.commentsOn(7)[0]?.body).toContain('ipr/ipr-2026-14.md is empty');
    });

    it('fails one too large, without reading it, and still evaluates the other requests', async () => {
      const branch = pullRequest({ [IPR]: 'x'.repeat(MAX_DOCUMENT_BYTES + 1), ...READY }, withDocuments());
      open(branch);
      const run = await check(branch);
      expect(run.status).toBe(1);
      const comment = standIn.commentsOn(7)[0]?.body ?? '';
      expect(comment).toContain(`is ${(MAX_DOCUMENT_BYTES + 1).toLocaleString('en-US')} bytes`);
      expect(comment).toContain('uc-2026-campus.yaml');
      expect(statusesOn(branch.head).at(-1)?.description).toContain('1 of 2 changed requests');
    });
  });

  it('marks the comment out of date at once when a new push arrives, then replaces it', async () => {
    const branch = pullRequest(READY);
    open(branch);
    expect((await check(branch)).status).toBe(0);
    branch.repo.git(['checkout', '--quiet', 'request']);
    const next = branch.repo
      .put('requests/calnet/uc-2026-campus.yaml', `${requestText('uc-2026-campus')}\n`)
      .commit('a new push');
    branch.repo.git(['checkout', '--quiet', 'main']);
    const pull = standIn.pulls.get(7);
    if (pull) pull.head = { ...pull.head, sha: next };
    const pushed = { ...branch, head: next };

    const marked = await markPending(next);
    expect(marked).toMatchObject({ status: 0, stdout: `status pending on ${next}\n` });
    expect(statusesOn(next).map((s) => s.state)).toEqual(['pending']);
    const outdated = standIn.commentsOn(7)[0]?.body ?? '';
    expect(outdated.startsWith(`${COMMENT_MARKER}\n<!-- out-of-date -->`)).toBe(true);
    expect(outdated).toContain(`**Out of date.** Commit \`${next.slice(0, 12)}\` is being evaluated`);
    expect(outdated).toContain(`head \`${branch.head.slice(0, 12)}\``);

    expect((await check(pushed)).status).toBe(0);
    const comments = standIn.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).not.toContain('Out of date');
    expect(comments[0]?.body).toContain(`head \`${next.slice(0, 12)}\``);
  });

  it('fails closed when GitHub cuts the file list of a pull request at 3,000 files', async () => {
    const many: Record<string, string> = { ...READY };
    for (let i = 0; i < 3001; i++) many[`docs/notes/note-${i}.md`] = `${i}\n`;
    const branch = pullRequest(many);
    open(branch);
    const pull = standIn.pulls.get(7);
    if (pull) pull.files = Object.keys(many).map((filename) => ({ filename, status: 'added' }));
    const run = await check(branch);
    expect(run.status).toBe(1);
    expect(statusesOn(branch.head).at(-1)?.description).toContain(
      'GitHub lists only the first 3,000 changed files',
    );
    expect(standIn.commentsOn(7)[0]?.body).toContain(
      '**GitHub lists only the first 3,000 files of a pull request**',
    );
  });

  it('gives every hostile request file its own located failure and still evaluates the rest', async () => {
    const files: Files = { ...READY };
    for (const name of readdirSync(HOSTILE)) {
      files[`requests/calnet/hostile-${name}`] = readFileSync(join(HOSTILE, name));
    }
    files['requests/calnet/nul-byte.yaml'] = Buffer.from('format: 1\nid: nul\u0000byte\n');
    files['requests/calnet/not-utf8.yaml'] = Buffer.from([0x66, 0x3a, 0x20, 0xc3, 0x28, 0x0a]);
    files['requests/calnet/deep.yaml'] = `format: 1\nneed: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    files['requests/calnet/too-big.yaml'] = `format: 1\nneed: ${'x'.repeat(MAX_FILE_BYTES)}\n`;
    files['requests/calnet/large-but-allowed.yaml'] = `format: 1\nneed: ${'x'.repeat(600_000)}\n`;
    const branch = pullRequest(files);
    open(branch);
    const run = await check(branch);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const comment = standIn.commentsOn(7)[0]?.body ?? '';
    const hostile = Object.keys(files).filter((f) => f !== 'requests/calnet/uc-2026-campus.yaml');
    expect(hostile.length).toBeGreaterThan(20);
    for (const file of hostile) expect(comment, file).toContain(file);
    expect(comment).toContain('uc-2026-campus.yaml');
    expect(statusesOn(branch.head).at(-1)?.description).toContain(
      `${hostile.length} of ${hostile.length + 1} changed requests are not ready for decision`,
    );
  });

  it('does not undo a finished evaluation when the pending mark comes late', async () => {
    const branch = pullRequest(READY);
    open(branch);
    expect((await check(branch)).status).toBe(0);
    const late = await markPending(branch.head);
    expect(late.status).toBe(0);
    expect(late.stdout).toContain('is already evaluated (success); nothing to mark');
    expect(statusesOn(branch.head).at(-1)?.state).toBe('success');
    expect(standIn.commentsOn(7)[0]?.body).not.toContain('Out of date');
  });
});
