/**
 * The repository settings that make a merge an approval: a ruleset on the default branch (code-owner
 * review, the trusted check's status as a required check, stale approvals dismissed, approval of the latest push,
 * merge commits only, no bypass) and repository merge settings. `applyGovernance` writes them through the
 * REST API; `verifyGovernance` reads them back and lists every difference. docs/governance.md shows the
 * same ruleset; a test keeps the two equal.
 */
import { terminalText } from '../render/escape.ts';
import type { GitHub, Repo } from './client.ts';
import { TRUSTED_CHECK_CONTEXT } from './trusted-check.ts';

export const RULESET_NAME = 'exemption approvals';
/** The GitHub Actions app: only a check from Actions satisfies the rule, not a status anyone posts. */
export const GITHUB_ACTIONS_APP_ID = 15368;

export interface RulesetRule {
  type: string;
  parameters?: Record<string, unknown>;
}

export interface Ruleset {
  name: string;
  target: 'branch';
  enforcement: 'active';
  bypass_actors: unknown[];
  conditions: { ref_name: { include: string[]; exclude: string[] } };
  rules: RulesetRule[];
}

export function desiredRuleset(): Ruleset {
  return {
    name: RULESET_NAME,
    target: 'branch',
    enforcement: 'active',
    bypass_actors: [],
    conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
    rules: [
      { type: 'deletion' },
      { type: 'non_fast_forward' },
      {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: 1,
          require_code_owner_review: true,
          dismiss_stale_reviews_on_push: true,
          require_last_push_approval: true,
          required_review_thread_resolution: false,
          allowed_merge_methods: ['merge'],
        },
      },
      {
        type: 'required_status_checks',
        parameters: {
          strict_required_status_checks_policy: true,
          do_not_enforce_on_create: false,
          required_status_checks: [{ context: TRUSTED_CHECK_CONTEXT, integration_id: GITHUB_ACTIONS_APP_ID }],
        },
      },
    ],
  };
}

/** Merge commits only: the merge commit names who merged, and the merge is the approval. */
export const desiredRepositorySettings = {
  allow_merge_commit: true,
  allow_squash_merge: false,
  allow_rebase_merge: false,
} as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every way `actual` falls short of the desired ruleset, in plain words; empty when it matches. */
export function rulesetDrift(actual: Partial<Ruleset> | undefined): string[] {
  const want = desiredRuleset();
  if (!actual) return [`no ruleset named "${RULESET_NAME}" exists`];
  const drift: string[] = [];
  if (actual.enforcement !== want.enforcement) drift.push(`enforcement is ${actual.enforcement}, not active`);
  if ((actual.bypass_actors ?? []).length > 0)
    drift.push('the ruleset has bypass actors; none may bypass it');
  if (actual.target !== want.target) drift.push(`the ruleset targets ${String(actual.target)}, not branches`);
  if (!actual.conditions?.ref_name?.include?.includes('~DEFAULT_BRANCH'))
    drift.push('the ruleset does not target the default branch');
  const excluded = actual.conditions?.ref_name?.exclude ?? [];
  if (excluded.length > 0)
    drift.push(
      `the ruleset excludes ${terminalText(JSON.stringify(excluded))}; it must exclude nothing, or the default branch may escape it`,
    );
  for (const rule of want.rules) {
    const found = (actual.rules ?? []).find((r) => r.type === rule.type);
    if (!found) {
      drift.push(`rule ${rule.type} is missing`);
      continue;
    }
    for (const [key, value] of Object.entries(rule.parameters ?? {})) {
      const actualValue = found.parameters?.[key];
      if (key === 'required_status_checks') {
        const wanted = value as { context: string; integration_id?: number }[];
        const present = (actualValue ?? []) as { context: string; integration_id?: number }[];
        for (const check of wanted) {
          if (!present.some((p) => p.context === check.context && p.integration_id === check.integration_id))
            drift.push(`required check ${check.context} (from GitHub Actions) is missing`);
        }
      } else if (!same(actualValue, value)) {
        drift.push(`${rule.type}.${key} is ${JSON.stringify(actualValue)}, not ${JSON.stringify(value)}`);
      }
    }
  }
  return drift;
}

export function repositoryDrift(actual: Record<string, unknown>): string[] {
  return Object.entries(desiredRepositorySettings)
    .filter(([key, value]) => actual[key] !== value)
    .map(([key, value]) => `repository setting ${key} is ${JSON.stringify(actual[key])}, not ${value}`);
}

async function findRuleset(octokit: GitHub, where: Repo): Promise<Partial<Ruleset> & { id?: number }> {
  // Only this repository's own rulesets: an organisation ruleset of the same name must be neither
  // matched nor written through the repository's endpoint.
  const list = await octokit.paginate(octokit.rest.repos.getRepoRulesets, {
    owner: where.owner,
    repo: where.repo,
    per_page: 100,
    includes_parents: false,
  });
  const summary = list.find(
    (r) => r.name === RULESET_NAME && (r.source_type === undefined || r.source_type === 'Repository'),
  );
  if (!summary) return {};
  const full = await octokit.rest.repos.getRepoRuleset({ ...where, ruleset_id: summary.id });
  return full.data as unknown as Partial<Ruleset> & { id: number };
}

/**
 * Workflows get a read-only token unless a job asks for more, and cannot approve pull requests: a pull
 * request's own workflow then cannot write a status or approve itself.
 */
export const desiredWorkflowPermissions = {
  default_workflow_permissions: 'read',
  can_approve_pull_request_reviews: false,
} as const;

export function workflowPermissionsDrift(actual: Record<string, unknown>): string[] {
  return Object.entries(desiredWorkflowPermissions)
    .filter(([key, value]) => actual[key] !== value)
    .map(
      ([key, value]) =>
        `Actions setting ${key} is ${JSON.stringify(actual[key])}, not ${JSON.stringify(value)}`,
    );
}

/**
 * Workflows of a fork pull request from someone who has not contributed here before wait for a
 * maintainer's approval before they run (GitHub's default waits only for accounts new to GitHub).
 */
export const desiredForkApproval = { approval_policy: 'first_time_contributors' } as const;

async function forkApprovalDrift(octokit: GitHub, where: Repo): Promise<string[]> {
  // Octokit's generated methods do not have this route yet; the request is the same REST call.
  const found = await octokit.request(
    'GET /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval',
    { ...where },
  );
  const actual = (found.data as { approval_policy?: unknown }).approval_policy;
  return actual === desiredForkApproval.approval_policy
    ? []
    : [
        `Actions setting approval_policy (fork pull request workflows) is ${terminalText(JSON.stringify(actual))}, not "${desiredForkApproval.approval_policy}"`,
      ];
}

/** What GitHub reports wrong in CODEOWNERS: a line it cannot read assigns no owner, silently. */
async function codeownersDrift(octokit: GitHub, where: Repo): Promise<string[]> {
  const found = await octokit.rest.repos.codeownersErrors({ ...where });
  return found.data.errors.map(
    (e) =>
      `CODEOWNERS error at ${terminalText(`${e.path}:${e.line}:${e.column}`)}: ${terminalText(e.message)}`,
  );
}

/** Reads the settings back and lists every difference from the desired ones. */
export async function verifyGovernance(octokit: GitHub, where: Repo): Promise<string[]> {
  const ruleset = await findRuleset(octokit, where);
  const repository = await octokit.rest.repos.get({ ...where });
  const workflow = await octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({
    ...where,
  });
  return [
    ...rulesetDrift(ruleset.id === undefined ? undefined : ruleset),
    ...repositoryDrift(repository.data as unknown as Record<string, unknown>),
    ...workflowPermissionsDrift(workflow.data as unknown as Record<string, unknown>),
    ...(await forkApprovalDrift(octokit, where)),
    ...(await codeownersDrift(octokit, where)),
  ];
}

type CreateRulesetParameters = NonNullable<Parameters<GitHub['rest']['repos']['createRepoRuleset']>[0]>;

/** Creates or replaces the ruleset and sets the merge settings, then verifies them. */
export async function applyGovernance(octokit: GitHub, where: Repo): Promise<string[]> {
  const existing = await findRuleset(octokit, where);
  // The desired ruleset is plain data checked against the docs; the generated parameter types are narrower.
  const ruleset = { ...desiredRuleset(), ...where } as unknown as CreateRulesetParameters;
  if (existing.id === undefined) {
    await octokit.rest.repos.createRepoRuleset(ruleset);
  } else {
    await octokit.rest.repos.updateRepoRuleset({ ...ruleset, ruleset_id: existing.id });
  }
  await octokit.rest.repos.update({ ...where, ...desiredRepositorySettings });
  await octokit.rest.actions.setGithubActionsDefaultWorkflowPermissionsRepository({
    ...where,
    ...desiredWorkflowPermissions,
  });
  await octokit.request('PUT /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval', {
    ...where,
    ...desiredForkApproval,
  });
  return verifyGovernance(octokit, where);
}
