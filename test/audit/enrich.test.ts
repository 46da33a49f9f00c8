import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, runAudit } from '../../scripts/audit/audit.ts';
import { PolicyCache } from '../../scripts/policy/versions.ts';
import { auditSource, GitHubStandIn } from '../support/github-stand-in.ts';
import { buildScenario, type Scenario } from './scenario.ts';

/** The audit cross-checked with a GitHub that knows some of the scenario's pull requests. */
describe('cross-checking with GitHub when a token is present', () => {
  let scenario: Scenario;
  let github: GitHubStandIn;
  let result: AuditResult;
  const parents = (commit: string | undefined): string[] =>
    scenario.repo
      .git(['rev-list', '--parents', '-n', '1', commit ?? ''])
      .split(' ')
      .slice(1);

  beforeAll(async () => {
    scenario = await buildScenario();
    const { c } = scenario;
    github = new GitHubStandIn();
    await github.start();
    const head1 = parents(c.pr1)[1] ?? '';
    github.addPull({
      number: 1,
      head: { sha: head1 },
      merged_by: 'erin',
      merge_commit_sha: c.pr1 ?? '',
      reviews: [
        { login: 'alice', state: 'APPROVED', commit_id: head1 },
        { login: 'carol', state: 'APPROVED', commit_id: 'a'.repeat(40) },
        { login: 'bob', state: 'COMMENTED', commit_id: head1 },
      ],
    });
    // GitHub says Mallory merged #2, while git's author maps to Carol.
    github.addPull({
      number: 2,
      head: { sha: parents(c.pr2)[1] ?? '' },
      merged_by: 'mallory',
      merge_commit_sha: c.pr2 ?? '',
    });
    // Closed, unmerged pull requests GitHub also associates with the squash commit fill its first page.
    for (let number = 100; number < 135; number++) {
      github.addPull({ number, head: { sha: 'e'.repeat(40) }, state: 'closed', commits: [c.squash8 ?? ''] });
    }
    // The squash merge #8 was merged by Bob, a CGEN approver; GitHub lists it after the other 35.
    github.addPull({
      number: 8,
      head: { sha: 'f'.repeat(40) },
      merged_by: 'bob',
      merge_commit_sha: c.squash8 ?? '',
      commits: [c.squash8 ?? ''],
    });
    // GitHub says #5 was merged as another commit: the signed merge on main is not its merge.
    github.addPull({
      number: 5,
      head: { sha: parents(c.pr5)[1] ?? '' },
      merged_by: 'carol',
      merge_commit_sha: 'd'.repeat(40),
    });
    github.fail({ method: 'GET', path: /\/pulls\/3$/, status: 500, times: Number.POSITIVE_INFINITY });
    result = await runAudit({
      repoDir: scenario.repo.dir,
      branch: 'main',
      asOf: '2027-01-15',
      expiringWithinDays: 90,
      policyCache: new PolicyCache({
        repoDir: scenario.repo.dir,
        requestSchema: 'schemas/request.schema.json',
      }),
      github: auditSource(github),
    });
  });
  afterAll(async () => {
    await github.stop();
    scenario.repo.dispose();
  });

  const row = (commit: string | undefined) => result.rows.find((r) => r.commit === commit);
  const kinds = (commit: string | undefined) =>
    result.violations.filter((v) => v.commit === commit).map((v) => v.kind);

  it("takes the approver from GitHub's merged_by and lists approving reviews with the commit each approved", () => {
    const first = row(scenario.c.pr1);
    expect([first?.merger_handle, first?.handle_source, first?.merger_is_owner]).toEqual([
      '@erin',
      'github',
      true,
    ]);
    expect(first?.reviews.map((r) => [r.login, r.current])).toEqual([
      ['alice', true],
      ['carol', false],
    ]);
    expect(kinds(scenario.c.pr1)).toEqual([]);
    expect(result.enriched).toBe(true);
  });

  it('reports a merger GitHub names differently from the identity mapping', () => {
    expect(kinds(scenario.c.pr2)).toEqual(['merger-identity-mismatch', 'merger-not-owner']);
    const mismatch = result.violations.find((v) => v.kind === 'merger-identity-mismatch');
    expect(mismatch?.detail).toBe(
      'git author carol@cdt.example.gov maps to @carol, GitHub says @mallory merged',
    );
  });

  it('recovers the approver of a squash merge from the pull request GitHub associates with it', () => {
    const squash = row(scenario.c.squash8);
    expect([squash?.pr, squash?.merger_handle, squash?.merger_is_owner]).toEqual([8, '@bob', true]);
    expect(kinds(scenario.c.squash8)).toEqual([]);
  });

  it('keeps the git-only verdict where GitHub cannot tell, and says why', () => {
    expect(kinds(scenario.c.rebase9)).toEqual(['approver-unrecoverable']);
    expect(kinds(scenario.c.pr3)).toEqual(['merger-not-owner']);
    const problems = result.problems.filter((p) => p.file === 'GitHub');
    expect(problems.find((p) => p.commit === scenario.c.pr3)?.message).toContain('500');
    expect(problems.find((p) => p.commit === scenario.c.rebase9)?.message).toContain(
      'no merged pull request',
    );
    expect(problems.find((p) => p.commit === scenario.c.pr4)?.message).toContain('404');
  });

  it("credits GitHub's merged_by only to the commit GitHub says the pull request was merged as", () => {
    expect(
      result.violations.filter((v) => v.commit === scenario.c.pr5).map((v) => [v.kind, v.detail]),
    ).toEqual([
      [
        'merge-not-confirmed',
        `GitHub says pull request #5 was merged as ${'d'.repeat(12)}: this commit is not its merge`,
      ],
    ]);
    const row = (commit: string | undefined) => result.rows.find((r) => r.commit === commit);
    expect(row(scenario.c.pr5)?.api_confirmed).toBe(false);
    expect(row(scenario.c.pr5)?.handle_source).toBe('mapping');
    expect(row(scenario.c.pr1)?.api_confirmed).toBe(true);
    // #3 could not be asked (GitHub answered 500): neither confirmed nor refuted.
    expect(row(scenario.c.pr3)?.api_confirmed).toBeNull();
  });

  it('asks about every merge after the baseline, and only reads', () => {
    const asked = new Set(github.log.map((r) => r.path.split('/').slice(4, 6).join('/')));
    // #10 changes only the policy: it is accounted for like every other merge.
    expect(asked.has('pulls/10')).toBe(true);
    expect(asked.has('pulls/1')).toBe(true);
    expect(github.log.every((r) => r.method === 'GET')).toBe(true);
  });
});
