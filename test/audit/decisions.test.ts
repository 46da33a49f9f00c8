/**
 * The decision log: exemption requests that were not granted. A pull request that changed requests and
 * was closed without a merge is a denial (by an approver who owned the requests that day, or not), a
 * withdrawal by its author, or a close with no recorded decision. Git has none of this; the API has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, runAudit } from '../../scripts/audit/audit.ts';
import { DENIAL_LABEL } from '../../scripts/audit/decisions.ts';
import { renderDecisions } from '../../scripts/audit/render.ts';
import { runCli } from '../support/cli.ts';
import { csvRecords } from '../support/csv.ts';
import { auditSource, GitHubStandIn, type StoredEvent } from '../support/github-stand-in.ts';
import { Repository } from '../support/repository.ts';
import { ADMIN, foundationFiles } from './scenario.ts';

const REQUEST = 'requests/calnet/dgs-denied.yaml';
const labelled = (actor: string, at: string): StoredEvent => ({
  event: 'labeled',
  actor,
  created_at: at,
  label: DENIAL_LABEL,
});
const closedBy = (actor: string, at: string): StoredEvent => ({ event: 'closed', actor, created_at: at });

describe('the decision log', () => {
  const repo = new Repository();
  const github = new GitHubStandIn();
  let result: AuditResult;
  beforeAll(async () => {
    repo.commit('Start the repository', foundationFiles(), ADMIN);
    await github.start();
    const closed = (number: number, files: string[], events: StoredEvent[], extra = {}) =>
      github.addPull({
        number,
        head: { sha: `${number}`.padStart(40, 'a') },
        state: 'closed',
        closed_at: '2026-03-02T10:00:00Z',
        files: files.map((filename) => ({ filename, status: 'added' })),
        events,
        ...extra,
      });
    closed(
      20,
      [REQUEST],
      [labelled('alice', '2026-03-01T09:00:00Z'), closedBy('alice', '2026-03-02T10:00:00Z')],
    );
    closed(
      21,
      [REQUEST],
      [labelled('carol', '2026-03-01T09:00:00Z'), closedBy('carol', '2026-03-02T10:00:00Z')],
      {
        title: '@ca-cdt/stnd-director <b>urgent</b> see #1',
      },
    );
    closed(
      22,
      [REQUEST, `${REQUEST.replace('.yaml', '')}/quote.pdf`],
      [closedBy('agency-author', '2026-03-02T10:00:00Z')],
    );
    closed(23, [REQUEST], [closedBy('dana', '2026-03-02T10:00:00Z')]);
    closed(24, ['docs/notes.md'], [closedBy('dana', '2026-03-02T10:00:00Z')]);
    closed(25, [REQUEST], [], { merged_by: 'alice', merge_commit_sha: 'f'.repeat(40) });
    closed(26, [REQUEST], [closedBy('dana', '2027-03-02T10:00:00Z')], { closed_at: '2027-03-02T10:00:00Z' });
    result = await runAudit({
      repoDir: repo.dir,
      branch: 'main',
      asOf: '2027-01-15',
      expiringWithinDays: 90,
      decisions: true,
      github: auditSource(github),
    });
  });
  afterAll(async () => {
    repo.dispose();
    await github.stop();
  });

  it('lists every request closed without a merge by the audit date, with who decided and when', () => {
    expect(
      result.decisions?.map((d) => [d.pr, d.decision, d.decided_by, d.decided_at, d.authorized]),
    ).toEqual([
      [20, 'denied', 'alice', '2026-03-01T09:00:00Z', true],
      [21, 'denied', 'carol', '2026-03-01T09:00:00Z', false],
      [22, 'withdrawn', 'agency-author', '2026-03-02T10:00:00Z', null],
      [23, 'closed', 'dana', '2026-03-02T10:00:00Z', null],
    ]);
    expect(result.decisions?.[2]?.requests).toEqual([REQUEST]);
  });

  it('renders in every format, the title a user wrote escaped', () => {
    const markdown = renderDecisions(result, 'markdown') ?? '';
    expect(markdown).toContain('| #21 |');
    expect(markdown).not.toContain('<b>');
    expect(markdown).not.toMatch(/@ca-cdt/);
    const records = csvRecords(renderDecisions(result, 'csv') ?? '');
    expect(records[0]).toEqual([
      'pr',
      'title',
      'requests',
      'decision',
      'decided_by',
      'decided_at',
      'authorized',
    ]);
    expect(records).toHaveLength(5);
    const json = JSON.parse(renderDecisions(result, 'json') ?? '{}') as { decisions: unknown[] };
    expect(json.decisions).toHaveLength(4);
  });

  it('says plainly that it needs the API when there is no token', async () => {
    const run = await runCli(['audit', '--decisions', '--as-of', '2027-01-15'], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the decision log needs the GitHub API');
  });
});
