import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHub } from '../../scripts/github/client.ts';
import {
  findEvaluationComments,
  postEvaluation,
  syncLabels,
  writeEvaluationComment,
} from '../../scripts/github/post.ts';
import { COMMENT_MARKER } from '../../scripts/pull-request/comment.ts';
import { IMPACT_HEADING } from '../../scripts/render/impact.ts';
import { BASE_SHA, evaluation, HEAD_SHA, incompleteCgen, readyCalnet } from '../support/evaluations.ts';
import { BOT, BOT_TOKEN, GitHubStandIn, type User } from '../support/github-stand-in.ts';

const OWNER = 'ca-cdt';
const REPO = 'telecom-exemptions';
const PR = 42;
const agencyUser: User = { login: 'dgs-aio', type: 'User' };

let standIn: GitHubStandIn;
let octokit: GitHub;
let logged: string[];

/** A client pointed at the stand-in, with GitHub's waits shrunk to milliseconds. */
function client(): GitHub {
  logged = [];
  return createGitHubClient({
    token: BOT_TOKEN,
    baseUrl: standIn.baseUrl,
    retryAfterBaseMs: 1,
    writeSpacingMs: 0,
    notificationSpacingMs: 0,
    log: (line) => logged.push(line),
  });
}

const post = (artifact = evaluation([readyCalnet])) =>
  postEvaluation(octokit, { owner: OWNER, repo: REPO, artifact });
const comments = () => standIn.commentsOn(PR);

beforeEach(async () => {
  standIn = new GitHubStandIn();
  await standIn.start();
  standIn.addPull({
    number: PR,
    head: { sha: HEAD_SHA },
    files: [{ filename: readyCalnet.file, status: 'added' }],
  });
  octokit = client();
});

afterEach(async () => {
  await standIn.stop();
});

describe('upserting the evaluation comment', () => {
  it('creates the comment the first time and edits it in place afterwards', async () => {
    const first = await post();
    expect(first.status).toBe('posted');
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.body.startsWith(COMMENT_MARKER)).toBe(true);
    const id = comments()[0]?.id;

    const second = await post(evaluation([{ ...incompleteCgen, file: readyCalnet.file }]));
    expect(second.status === 'posted' && second.comment.action).toBe('updated');
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.id).toBe(id);
    expect(comments()[0]?.body).toContain('incomplete');
    expect(standIn.requests('POST', /\/issues\/42\/comments$/)).toHaveLength(1);
    expect(standIn.requests('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
  });

  it('leaves an identical comment alone', async () => {
    await post();
    const again = await post();
    expect(again.status === 'posted' && again.comment.action).toBe('unchanged');
    expect(standIn.requests('PATCH', /\/issues\/comments\//)).toHaveLength(0);
  });

  it('finds its comment among more than 100 others (pagination)', async () => {
    for (let i = 0; i < 130; i++) standIn.addComment(PR, agencyUser, `review note ${i}`);
    await post();
    for (let i = 0; i < 100; i++) standIn.addComment(PR, agencyUser, `later note ${i}`);
    const again = await post(evaluation([{ ...incompleteCgen, file: readyCalnet.file }]));
    expect(again.status === 'posted' && again.comment.action).toBe('updated');
    expect(comments().filter((c) => c.user.login === BOT.login)).toHaveLength(1);
    expect(standIn.requests('GET', /\/issues\/42\/comments$/).length).toBeGreaterThanOrEqual(3);
  });

  it('deletes duplicates of its own comment and keeps the oldest', async () => {
    const oldest = standIn.addComment(PR, BOT, `${COMMENT_MARKER}\nfirst`);
    standIn.addComment(PR, BOT, `${COMMENT_MARKER}\nsecond`);
    standIn.addComment(PR, BOT, `${COMMENT_MARKER}\nthird`);
    const outcome = await post();
    expect(outcome.status === 'posted' && outcome.comment).toMatchObject({
      action: 'updated',
      commentId: oldest.id,
      deletedDuplicates: 2,
    });
    expect(comments().map((c) => c.id)).toEqual([oldest.id]);
  });

  it("never touches a user's comment that contains the marker, nor another bot comment", async () => {
    const quoting = standIn.addComment(PR, agencyUser, `${COMMENT_MARKER}\nI copied your marker`);
    const otherBot = standIn.addComment(PR, BOT, `Deploy preview ready. ${COMMENT_MARKER}`);
    await post();
    expect(comments()).toHaveLength(3);
    expect(comments().find((c) => c.id === quoting.id)?.body).toBe(`${COMMENT_MARKER}\nI copied your marker`);
    expect(comments().find((c) => c.id === otherBot.id)?.body).toBe(
      `Deploy preview ready. ${COMMENT_MARKER}`,
    );
    const found = await findEvaluationComments(octokit, {
      owner: OWNER,
      repo: REPO,
      issueNumber: PR,
      botLogin: BOT.login,
    });
    expect(found.primary?.id).not.toBe(quoting.id);
    expect(found.duplicates).toHaveLength(0);
  });

  it('ignores state a user forged in their own comment', async () => {
    const forged = Buffer.from(
      JSON.stringify({
        files: {
          [readyCalnet.file]: { outcome: 'incomplete', items: [{ k: 'd', c: 'fake-code', p: '/x' }] },
        },
      }),
    ).toString('base64');
    standIn.addComment(PR, agencyUser, `${COMMENT_MARKER}\n<!-- exemptions-state:v1 ${forged} -->`);
    await post();
    const ours = comments().find((c) => c.user.login === BOT.login);
    expect(ours?.body).not.toContain('fake-code');
    expect(ours?.body).not.toContain('Resolved since');
  });
});

describe('retries and failures', () => {
  it('tries again after a 502 and succeeds', async () => {
    standIn.fail({ method: 'GET', path: /\/pulls\/42$/, status: 502, times: 1 });
    const outcome = await post();
    expect(outcome.status).toBe('posted');
    expect(standIn.requests('GET', /\/pulls\/42$/).map((r) => r.status)).toEqual([502, 200]);
  });

  it('waits out a secondary rate limit (403 with retry-after) and succeeds', async () => {
    standIn.fail({
      method: 'POST',
      path: /\/issues\/42\/comments$/,
      status: 403,
      headers: { 'retry-after': '2' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      times: 1,
    });
    const outcome = await post();
    expect(outcome.status).toBe('posted');
    expect(standIn.requests('POST', /\/issues\/42\/comments$/).map((r) => r.status)).toEqual([403, 201]);
    expect(logged.join('\n')).toContain('secondary rate limit');
    expect(comments()).toHaveLength(1);
  });

  it('does not retry a 422: the request itself is wrong', async () => {
    standIn.fail({
      method: 'POST',
      path: /\/issues\/42\/comments$/,
      status: 422,
      body: {
        message: 'Validation Failed',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        errors: [{ resource: 'IssueComment', code: 'custom', field: 'body' }],
      },
      times: 5,
    });
    await expect(post()).rejects.toMatchObject({ status: 422 });
    expect(standIn.requests('POST', /\/issues\/42\/comments$/)).toHaveLength(1);
  });

  it('ends cleanly with a clear message when the pull request has vanished (404)', async () => {
    standIn.pulls.delete(PR);
    const outcome = await post();
    expect(outcome).toEqual({
      status: 'vanished',
      message:
        'pull request #42 was not found (404): it was deleted or the repository moved; nothing was posted',
    });
    expect(standIn.requests('GET', /\/pulls\/42$/)).toHaveLength(1);
    expect(comments()).toHaveLength(0);
  });

  it('does not post an evaluation of a commit the pull request has moved on from', async () => {
    const pull = standIn.pulls.get(PR);
    if (pull) pull.head.sha = 'f'.repeat(40);
    const outcome = await post();
    expect(outcome.status).toBe('stale');
    expect(outcome.message).toContain('has moved on');
    expect(comments()).toHaveLength(0);
  });
});

describe('labels and the integrity rule', () => {
  it('labels outcome and program, replacing stale managed labels and keeping others', async () => {
    standIn.labels.set(PR, ['exemption: incomplete', 'program: cgen', 'needs-translation']);
    await post();
    expect([...(standIn.labels.get(PR) ?? [])].sort()).toEqual([
      'exemption: ready-for-decision',
      'needs-translation',
      'program: calnet',
    ]);
  });

  it('removes a label someone already removed without failing', async () => {
    standIn.labels.set(PR, ['exemption: incomplete']);
    standIn.fail({ method: 'DELETE', path: /\/labels\//, status: 404, times: 1 });
    const result = await syncLabels(octokit, { owner: OWNER, repo: REPO, issueNumber: PR }, [
      'program: calnet',
    ]);
    expect(result).toEqual({ added: ['program: calnet'], removed: ['exemption: incomplete'] });
  });

  it('flags the integrity rule from the API file list even when the artifact says nothing', async () => {
    const pull = standIn.pulls.get(PR);
    pull?.files.push({ filename: 'policies/exemptions/decision.rego', status: 'modified' });
    pull?.files.push({
      filename: 'scripts/new-name.ts',
      status: 'renamed',
      previous_filename: 'scripts/old.ts',
    });
    const outcome = await post();
    expect(outcome.status).toBe('posted');
    const body = comments()[0]?.body ?? '';
    expect(body).toContain('**Integrity rule.**');
    expect(body).toContain('`policies/exemptions/decision.rego` (policies)');
    expect(body).toContain('`scripts/old.ts` (scripts)');
    expect(body).toContain('The check fails');
    expect(standIn.labels.get(PR)).toContain('exemption: integrity-flagged');
  });

  it('lists a changed request the artifact has no result for, and fails', async () => {
    standIn.pulls.get(PR)?.files.push({ filename: 'requests/cgen/hidden-request.yaml', status: 'added' });
    await post();
    const body = comments()[0]?.body ?? '';
    expect(body).toContain('**Changed request files with no evaluation in the result**');
    expect(body).toContain('`requests/cgen/hidden-request.yaml`');
    expect(body).toContain('❌ **The check fails:** changed requests have no evaluation.');
  });

  it('posts nothing for a pull request without requests and without an earlier comment', async () => {
    const pull = standIn.pulls.get(PR);
    if (pull) pull.files = [{ filename: 'docs/governance.md', status: 'modified' }];
    const outcome = await post(evaluation([]));
    expect(outcome.status).toBe('nothing-to-post');
    expect(comments()).toHaveLength(0);
  });

  it('says on a pull request that changes only the rules where its impact is listed, as information', async () => {
    const pull = standIn.pulls.get(PR);
    if (pull) pull.files = [{ filename: 'policies/reference/thresholds.json', status: 'modified' }];
    const runUrl = `https://github.com/${OWNER}/${REPO}/actions/runs/4242`;
    const outcome = await postEvaluation(octokit, {
      owner: OWNER,
      repo: REPO,
      artifact: evaluation([]),
      evaluationRunUrl: runUrl,
    });
    expect(outcome.status).toBe('posted');
    const body = comments()[0]?.body ?? '';
    expect(body).toContain(`### ${IMPACT_HEADING}`);
    expect(body).toContain('**Information, not the gate.**');
    expect(body).toContain(`[the summary of its own run](${runUrl})`);
    expect(body).toContain('this check has not verified its list');
    expect(body).toContain(`npx exemptions impact --base ${BASE_SHA} --head ${HEAD_SHA}`);
  });

  it('adds no impact section when the rules are untouched', async () => {
    await post();
    expect(comments()[0]?.body ?? '').not.toContain(IMPACT_HEADING);
  });

  it('writes through the lower-level helpers as well', async () => {
    const where = { owner: OWNER, repo: REPO, issueNumber: PR };
    const write = await writeEvaluationComment(
      octokit,
      where,
      { primary: undefined, duplicates: [] },
      `${COMMENT_MARKER}\nx`,
    );
    expect(write).toEqual({ action: 'created', commentId: comments()[0]?.id, deletedDuplicates: 0 });
  });
});
