import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { createGitHubClient, type GitHub } from '../../scripts/github/client.ts';
import {
  applyGovernance,
  desiredRepositorySettings,
  desiredRuleset,
  GITHUB_ACTIONS_APP_ID,
  RULESET_NAME,
  rulesetDrift,
  verifyGovernance,
} from '../../scripts/github/governance.ts';
import { TRUSTED_CHECK_CONTEXT } from '../../scripts/github/trusted-check.ts';
import { JUDGING_FILES } from '../../scripts/pull-request/changes.ts';
import { BOT_TOKEN, GitHubStandIn } from '../support/github-stand-in.ts';

const where = { owner: 'ca-cdt', repo: 'telecom-exemptions' };
let standIn: GitHubStandIn;
let octokit: GitHub;

beforeEach(async () => {
  standIn = new GitHubStandIn();
  await standIn.start();
  octokit = createGitHubClient({
    token: BOT_TOKEN,
    baseUrl: standIn.baseUrl,
    retryAfterBaseMs: 1,
    writeSpacingMs: 0,
    notificationSpacingMs: 0,
    log: () => {},
  });
});

afterEach(async () => {
  await standIn.stop();
});

describe('applying and verifying the governance settings', () => {
  it('lists every difference on a repository that has none of them', async () => {
    expect(await verifyGovernance(octokit, where)).toEqual([
      `no ruleset named "${RULESET_NAME}" exists`,
      'repository setting allow_squash_merge is true, not false',
      'repository setting allow_rebase_merge is true, not false',
      'Actions setting default_workflow_permissions is "write", not "read"',
      'Actions setting can_approve_pull_request_reviews is true, not false',
      'Actions setting approval_policy (fork pull request workflows) is "first_time_contributors_new_to_github", not "first_time_contributors"',
    ]);
  });

  it('reports a ruleset whose conditions exclude the default branch', async () => {
    expect(await applyGovernance(octokit, where)).toEqual([]);
    const ruleset = standIn.rulesets[0] as unknown as { conditions: { ref_name: { exclude: string[] } } };
    ruleset.conditions.ref_name.exclude = ['~DEFAULT_BRANCH'];
    expect(await verifyGovernance(octokit, where)).toEqual([
      'the ruleset excludes ["~DEFAULT_BRANCH"]; it must exclude nothing, or the default branch may escape it',
    ]);
  });

  it('neither matches nor rewrites an organisation ruleset of the same name', async () => {
    const organisation = { id: 7, name: RULESET_NAME, target: 'branch', enforcement: 'active', rules: [] };
    standIn.parentRulesets.push(organisation);
    expect(await verifyGovernance(octokit, where)).toContain(`no ruleset named "${RULESET_NAME}" exists`);
    expect(await applyGovernance(octokit, where)).toEqual([]);
    expect(standIn.requests('PUT', /\/rulesets\/7$/)).toEqual([]);
    expect(standIn.parentRulesets[0]).toEqual(organisation);
    expect(standIn.rulesets).toHaveLength(1);
  });

  it('reports the errors GitHub finds in CODEOWNERS, escaped for the terminal', async () => {
    expect(await applyGovernance(octokit, where)).toEqual([]);
    standIn.codeownersErrors.push({
      line: 3,
      column: 1,
      kind: 'Unknown owner',
      message: 'Unknown owner on line 3: make sure @ca-cdt/stnd-directr exists\u001b[2J',
      path: '.github/CODEOWNERS',
    });
    expect(await verifyGovernance(octokit, where)).toEqual([
      'CODEOWNERS error at .github/CODEOWNERS:3:1: Unknown owner on line 3: make sure @ca-cdt/stnd-directr exists\\u001b[2J',
    ]);
  });

  it('sets workflow tokens read-only and forbids workflows to approve pull requests', async () => {
    expect(await applyGovernance(octokit, where)).toEqual([]);
    expect(standIn.workflowPermissions).toEqual({
      default_workflow_permissions: 'read',
      can_approve_pull_request_reviews: false,
    });
  });

  it("holds first-time contributors' fork workflows for approval, and notices when that is loosened", async () => {
    expect(await applyGovernance(octokit, where)).toEqual([]);
    expect(standIn.forkApproval).toEqual({ approval_policy: 'first_time_contributors' });
    standIn.forkApproval = { approval_policy: 'first_time_contributors_new_to_github' };
    expect(await verifyGovernance(octokit, where)).toEqual([
      'Actions setting approval_policy (fork pull request workflows) is "first_time_contributors_new_to_github", not "first_time_contributors"',
    ]);
  });

  it('applies them so that verification finds nothing, and updates in place the second time', async () => {
    expect(await applyGovernance(octokit, where)).toEqual([]);
    expect(standIn.rulesets).toHaveLength(1);
    expect(standIn.repository).toMatchObject(desiredRepositorySettings);
    expect(await applyGovernance(octokit, where)).toEqual([]);
    expect(standIn.rulesets).toHaveLength(1);
    expect(standIn.requests('POST', /\/rulesets$/)).toHaveLength(1);
    expect(standIn.requests('PUT', /\/rulesets\/\d+$/)).toHaveLength(1);
  });

  it('notices a weakened ruleset', async () => {
    await applyGovernance(octokit, where);
    const ruleset = standIn.rulesets[0] as unknown as ReturnType<typeof desiredRuleset> & { id: number };
    const pr = ruleset.rules.find((r) => r.type === 'pull_request');
    if (pr?.parameters) {
      pr.parameters.require_code_owner_review = false;
      pr.parameters.allowed_merge_methods = ['merge', 'squash'];
    }
    ruleset.bypass_actors = [{ actor_type: 'RepositoryRole', actor_id: 5 }];
    ruleset.rules = ruleset.rules.filter((r) => r.type !== 'required_status_checks');
    expect(await verifyGovernance(octokit, where)).toEqual([
      'the ruleset has bypass actors; none may bypass it',
      'pull_request.require_code_owner_review is false, not true',
      'pull_request.allowed_merge_methods is ["merge","squash"], not ["merge"]',
      'rule required_status_checks is missing',
    ]);
  });

  it('accepts the required check only from GitHub Actions', () => {
    const ruleset = desiredRuleset();
    const checks = ruleset.rules.find((r) => r.type === 'required_status_checks');
    if (checks?.parameters) checks.parameters.required_status_checks = [{ context: TRUSTED_CHECK_CONTEXT }];
    expect(rulesetDrift(ruleset)).toEqual([
      `required check ${TRUSTED_CHECK_CONTEXT} (from GitHub Actions) is missing`,
    ]);
  });

  it('does not accept the courtesy run as the required check', () => {
    const ruleset = desiredRuleset();
    const checks = ruleset.rules.find((r) => r.type === 'required_status_checks');
    if (checks?.parameters) {
      checks.parameters.required_status_checks = [
        { context: 'exemption-evaluation', integration_id: GITHUB_ACTIONS_APP_ID },
      ];
    }
    expect(rulesetDrift(ruleset)).toEqual([
      `required check ${TRUSTED_CHECK_CONTEXT} (from GitHub Actions) is missing`,
    ]);
  });
});

describe('docs/governance.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs/governance.md'), 'utf8');

  it('shows exactly the ruleset the command applies', () => {
    const block = /<!-- ruleset -->\n```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(JSON.parse(block ?? 'null')).toEqual(desiredRuleset());
  });

  it('shows exactly the repository merge settings', () => {
    expect(doc).toContain(`\`\`\`json\n${JSON.stringify(desiredRepositorySettings, null, 2)}\n\`\`\``);
  });
});

describe('CODEOWNERS', () => {
  const lines = readFileSync(join(repoRoot, '.github/CODEOWNERS'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [pattern = '', ...owners] = line.split(/\s+/);
      // The subset of CODEOWNERS syntax used here: `*`, anchored files, anchored folders ending in `/`.
      const glob = pattern === '*' ? '**' : pattern.replace(/^\//, '').replace(/\/$/, '/**');
      return { match: picomatch(glob, { dot: true }), owners };
    });
  const ownersOf = (path: string) => lines.filter((l) => l.match(path)).at(-1)?.owners;

  it.each([
    ['requests/calnet/dgs-2026-sd-wan.yaml', '@ca-cdt/calnet-approvers'],
    ['requests/calnet/dgs-2026-sd-wan/vendor/quote.pdf', '@ca-cdt/calnet-approvers'],
    ['requests/cgen/chp-2026-remote-sites.yaml', '@ca-cdt/cgen-approvers'],
    ['policies/exemptions/decision.rego', '@ca-cdt/stnd-director'],
    ['policies/reference/agencies.json', '@ca-cdt/stnd-director'],
    ['schemas/request.schema.json', '@ca-cdt/stnd-director'],
    ['scripts/comment.ts', '@ca-cdt/stnd-director'],
    ['.github/workflows/evaluate.yml', '@ca-cdt/stnd-director'],
    ['.github/CODEOWNERS', '@ca-cdt/stnd-director'],
    ['docs/governance.md', '@ca-cdt/stnd-director'],
  ])('routes %s to %s', (path, owner) => {
    expect(ownersOf(path)).toEqual([owner]);
  });

  it("gives every file the integrity rule protects to the Director's team", () => {
    const samples = JUDGING_FILES.flatMap(({ globs }) => globs.map((g) => g.replace('**', 'sample.txt')));
    for (const path of samples) expect([path, ownersOf(path)]).toEqual([path, ['@ca-cdt/stnd-director']]);
  });

  it('names the same teams as governance/identities.json, the one other place they are configured', () => {
    const identities = join(repoRoot, 'governance/identities.json');
    expect(existsSync(identities)).toBe(true);
    const teams = Object.keys(
      (JSON.parse(readFileSync(identities, 'utf8')) as { teams: object }).teams,
    ).sort();
    const handles = [...new Set(lines.flatMap((l) => l.owners))].sort();
    expect(handles).toEqual(teams);
  });
});
