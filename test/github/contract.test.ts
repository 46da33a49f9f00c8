/**
 * The stand-in every GitHub test talks to is held to GitHub's own description of its API
 * (`@octokit/openapi`) and of its webhooks (`@octokit/webhooks-schemas`). Every route the product calls
 * exists there with the method the product uses; the stand-in answers each with a status the route
 * declares and a body its schema accepts; and what GitHub would not accept or send is caught.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/core/paths.ts';
import { createGitHubClient, type GitHub } from '../../scripts/github/client.ts';
import { desiredRepositorySettings, desiredRuleset } from '../../scripts/github/governance.ts';
import {
  operations,
  routeOf,
  webhookPathRequired,
  webhookSample,
  webhookViolations,
} from '../support/github-contract.ts';
import { workflowRunEvent } from '../support/github-events.ts';
import { BOT, BOT_TOKEN, GitHubStandIn } from '../support/github-stand-in.ts';

const SHA = 'a'.repeat(40);
const repo = { owner: 'ca-cdt', repo: 'telecom-exemptions' };

/**
 * Every `rest.<namespace>.<method>` the product's runtime code calls, and every route it requests by name
 * (`'GET /repos/...'`, for routes Octokit has no method for), read from its source.
 */
function productRoutes(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(/\brest\.(\w+)\.(\w+)\b/g)) found.add(`${m[1]}.${m[2]}`);
        for (const m of source.matchAll(/\brequest\(\s*'((?:GET|PUT|POST|PATCH|DELETE) \/[^']+)'/g))
          found.add(m[1] ?? '');
      }
    }
  };
  walk(join(repoRoot, 'scripts'));
  return [...found].sort();
}

type Method = { endpoint: { DEFAULTS: { method: string; url: string } } };
function endpointOf(client: GitHub, route: string): { method: string; url: string } {
  const named = /^(GET|PUT|POST|PATCH|DELETE) (\/.+)$/.exec(route);
  if (named) return { method: named[1] ?? '', url: named[2] ?? '' };
  const [namespace = '', name = ''] = route.split('.');
  const method = (client.rest as unknown as Record<string, Record<string, Method>>)[namespace]?.[name];
  if (!method) throw new Error(`Octokit has no method ${route}`);
  return method.endpoint.DEFAULTS;
}

type RulesetParameters = NonNullable<Parameters<GitHub['rest']['repos']['createRepoRuleset']>[0]>;
/** The ruleset governance writes, as the product passes it (plain data; the generated types are narrower). */
const ruleset = () => ({ ...desiredRuleset(), ...repo }) as unknown as RulesetParameters;

/** A request sent as written, without Octokit's parameter types: for requests GitHub would refuse. */
const untyped = (client: GitHub, route: string, parameters: Record<string, unknown>) =>
  client.request(route, parameters);

/** One call per route, with the parameters the product passes, against a stand-in holding enough state. */
const CALLS: Record<string, (client: GitHub, standIn: GitHubStandIn) => Promise<unknown>> = {
  'actions.getGithubActionsDefaultWorkflowPermissionsRepository': (c) =>
    c.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(repo),
  'actions.setGithubActionsDefaultWorkflowPermissionsRepository': (c) =>
    c.rest.actions.setGithubActionsDefaultWorkflowPermissionsRepository({
      ...repo,
      default_workflow_permissions: 'read',
      can_approve_pull_request_reviews: false,
    }),
  'GET /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval': (c) =>
    c.request('GET /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval', repo),
  'PUT /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval': (c) =>
    c.request('PUT /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval', {
      ...repo,
      approval_policy: 'first_time_contributors',
    }),
  'issues.addLabels': (c) =>
    c.rest.issues.addLabels({ ...repo, issue_number: 7, labels: ['exemption: ready'] }),
  'issues.create': (c) =>
    c.rest.issues.create({ ...repo, title: 'Exemption register audit', body: 'findings' }),
  'issues.createComment': (c) =>
    c.rest.issues.createComment({ ...repo, issue_number: 7, body: 'evaluation' }),
  'issues.deleteComment': (c, s) =>
    c.rest.issues.deleteComment({ ...repo, comment_id: s.addComment(7, BOT, 'duplicate').id }),
  'issues.listComments': (c, s) => {
    s.addComment(7, BOT, 'evaluation');
    return c.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 100 });
  },
  'issues.listForRepo': (c, s) => {
    s.addIssue({ title: 'Exemption register audit', body: 'findings', state: 'open', user: BOT });
    return c.rest.issues.listForRepo({ ...repo, state: 'all', creator: BOT.login, per_page: 100 });
  },
  'issues.listEvents': (c, s) => {
    const pull = s.pulls.get(7);
    pull?.events.push(
      { event: 'labeled', actor: 'alice', created_at: '2026-03-01T09:00:00Z', label: 'decision: denied' },
      { event: 'closed', actor: 'alice', created_at: '2026-03-01T09:05:00Z' },
    );
    return c.rest.issues.listEvents({ ...repo, issue_number: 7, per_page: 100 });
  },
  'issues.listLabelsOnIssue': (c) =>
    c.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 7, per_page: 100 }),
  'issues.removeLabel': (c, s) => {
    s.labels.set(7, ['exemption: incomplete']);
    return c.rest.issues.removeLabel({ ...repo, issue_number: 7, name: 'exemption: incomplete' });
  },
  'issues.update': (c, s) => {
    const issue = s.addIssue({ title: 'audit', body: 'old', state: 'open', user: BOT });
    return c.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'completed',
    });
  },
  'issues.updateComment': (c, s) =>
    c.rest.issues.updateComment({ ...repo, comment_id: s.addComment(7, BOT, 'old').id, body: 'new' }),
  'pulls.get': (c) => c.rest.pulls.get({ ...repo, pull_number: 7 }),
  'pulls.list': (c) =>
    c.rest.pulls.list({ ...repo, state: 'open', head: 'dgs-agency:request', per_page: 100 }),
  'pulls.listFiles': (c) => c.rest.pulls.listFiles({ ...repo, pull_number: 7, per_page: 100 }),
  'pulls.listReviews': (c) => c.rest.pulls.listReviews({ ...repo, pull_number: 7, per_page: 100 }),
  'repos.codeownersErrors': (c) => c.rest.repos.codeownersErrors(repo),
  'repos.createCommitStatus': (c) =>
    c.rest.repos.createCommitStatus({
      ...repo,
      sha: SHA,
      state: 'success',
      context: 'exemptions / trusted evaluation',
      description: 'passed',
      target_url: 'https://github.com/ca-cdt/telecom-exemptions/actions/runs/1',
    }),
  'repos.createRepoRuleset': (c) => c.rest.repos.createRepoRuleset(ruleset()),
  'repos.get': (c) => c.rest.repos.get(repo),
  'repos.getCombinedStatusForRef': (c) => c.rest.repos.getCombinedStatusForRef({ ...repo, ref: SHA }),
  'repos.getRepoRuleset': (c, s) => {
    s.rulesets.push({ ...desiredRuleset(), id: 5 });
    return c.rest.repos.getRepoRuleset({ ...repo, ruleset_id: 5 });
  },
  'repos.getRepoRulesets': (c, s) => {
    s.rulesets.push({ ...desiredRuleset(), id: 5 });
    return c.rest.repos.getRepoRulesets({ ...repo, includes_parents: false, per_page: 100 });
  },
  'repos.listPullRequestsAssociatedWithCommit': (c) =>
    c.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: SHA, per_page: 100 }),
  'repos.update': (c) => c.rest.repos.update({ ...repo, ...desiredRepositorySettings }),
  'repos.updateRepoRuleset': (c, s) => {
    s.rulesets.push({ ...desiredRuleset(), id: 5 });
    return c.rest.repos.updateRepoRuleset({ ...ruleset(), ruleset_id: 5 });
  },
};

describe("the GitHub stand-in, held to GitHub's API description", () => {
  let standIn: GitHubStandIn;
  let client: GitHub;
  beforeEach(async () => {
    standIn = new GitHubStandIn();
    client = createGitHubClient({ token: BOT_TOKEN, baseUrl: await standIn.start(), retries: 0 });
    standIn.addPull({
      number: 7,
      head: { sha: SHA, ref: 'request', label: 'dgs-agency:request' },
      files: [{ filename: 'requests/calnet/uc-2026-campus.yaml', status: 'added' }],
      reviews: [{ login: 'director', state: 'APPROVED', commit_id: SHA }],
      commits: [SHA],
    });
  });
  afterEach(async () => {
    await standIn.stop();
  });

  it('has a contract call for exactly the routes the product calls', () => {
    expect(Object.keys(CALLS).sort()).toEqual(productRoutes());
  });

  it.each(productRoutes())('%s exists in the description with the method the product uses', (route) => {
    const { method, url } = endpointOf(client, route);
    const declared = operations().find((op) => op.method === method && op.template === url);
    expect(declared, `${method} ${url}`).toBeDefined();
  });

  it.each(
    Object.keys(CALLS),
  )('%s is answered with a declared status and a body its schema accepts', async (route) => {
    const call = CALLS[route];
    if (!call) throw new Error(route);
    const { method, url } = endpointOf(client, route);
    const response = (await call(client, standIn)) as { status: number };
    expect(response.status).toBeLessThan(300);
    const answered = standIn.log.at(-1);
    expect(answered?.operation).toBe(routeOf(method, answered?.path ?? '')?.operation.id);
    expect(operations().find((op) => op.id === answered?.operation)?.template).toBe(url);
    expect(standIn.takeViolations()).toEqual([]);
  });

  describe('catches what GitHub would not accept or send', () => {
    it('a route GitHub does not have', async () => {
      await expect(client.request('GET /repos/{owner}/{repo}/exemptions', repo)).rejects.toMatchObject({
        status: 404,
      });
      expect(standIn.takeViolations()).toEqual([
        'GET /repos/ca-cdt/telecom-exemptions/exemptions: GitHub declares no such route',
      ]);
    });

    it('a query parameter the route does not declare, and one of the wrong type', async () => {
      await expect(
        untyped(client, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
          ...repo,
          pull_number: 7,
          per_page: 'many',
          order: 'name',
        }),
      ).rejects.toMatchObject({ status: 422 });
      const violations = standIn.takeViolations().join('\n');
      expect(violations).toContain('per_page=many');
      expect(violations).toContain('GitHub declares no query parameter order');
    });

    it('a request body the route would refuse', async () => {
      await expect(
        untyped(client, 'POST /repos/{owner}/{repo}/statuses/{sha}', { ...repo, sha: SHA, state: 'green' }),
      ).rejects.toMatchObject({ status: 422 });
      expect(standIn.takeViolations().join('\n')).toContain(
        'request body: /state must be equal to one of the allowed values',
      );
    });

    it('a status the route does not declare', async () => {
      standIn.fail({ method: 'GET', path: /\/pulls\/7\/reviews$/, status: 404, times: 1 });
      await expect(client.rest.pulls.listReviews({ ...repo, pull_number: 7 })).rejects.toMatchObject({
        status: 404,
      });
      expect(standIn.takeViolations()).toEqual([
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews 404: GitHub does not declare this status for the route',
      ]);
    });

    it('a body GitHub would never send', async () => {
      standIn.rulesets.push({ ...desiredRuleset(), enforcement: 'sometimes', id: 9 });
      await client.rest.repos.getRepoRuleset({ ...repo, ruleset_id: 9 });
      expect(standIn.takeViolations().join('\n')).toContain(
        '/enforcement must be equal to one of the allowed values',
      );
    });

    it('stop() fails the test that left a violation behind', async () => {
      await expect(client.request('GET /repos/{owner}/{repo}/exemptions', repo)).rejects.toMatchObject({
        status: 404,
      });
      await expect(standIn.stop()).rejects.toThrow("GitHub's API description was not followed");
      standIn = new GitHubStandIn();
      await standIn.start();
    });
  });
});

interface Workflow {
  on: Record<string, { types?: string[] } | null>;
  jobs: Record<string, { steps: { env?: Record<string, string> }[] }>;
}

/** Webhook definitions of the events and activity types a workflow is triggered by. */
function triggersOf(workflow: Workflow): string[] {
  return Object.entries(workflow.on).flatMap(([event, filter]) =>
    (filter?.types ?? []).map((type) => `${event}$${type}`),
  );
}

describe("the workflows' use of event payloads, held to GitHub's webhook schemas", () => {
  const files = ['evaluate.yml', 'comment.yml'];
  const workflowOf = (file: string) =>
    parse(readFileSync(join(repoRoot, '.github/workflows', file), 'utf8')) as Workflow;

  it.each(files)('%s hands each step only event fields that every triggering payload carries', (file) => {
    const workflow = workflowOf(file);
    const definitions = triggersOf(workflow);
    expect(definitions.length).toBeGreaterThan(0);
    const handed = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .flatMap((step) => Object.values(step.env ?? {}))
      .flatMap((value) => [...value.matchAll(/github\.event\.([\w.]+)/g)].map((m) => m[1] ?? ''));
    expect(handed.length).toBeGreaterThan(0);
    for (const path of handed)
      for (const definition of definitions)
        expect(webhookPathRequired(definition, path), `${definition}: ${path}`).toBe(true);
  });

  it('accepts the workflow_run payloads the trusted-check tests send, and refuses a forged one', () => {
    for (const action of ['requested', 'completed'] as const) {
      const event = workflowRunEvent({
        action,
        headSha: SHA,
        headBranch: 'request',
        headOwner: 'dgs-agency',
      });
      expect(webhookViolations(`workflow_run$${action}`, event)).toEqual([]);
    }
    const forged = webhookSample('workflow_run$completed');
    delete (forged.workflow_run as Record<string, unknown>).head_sha;
    expect(webhookViolations('workflow_run$completed', forged).join('\n')).toContain('head_sha');
    expect(() =>
      workflowRunEvent({
        action: 'completed',
        headSha: SHA,
        headBranch: 'request',
        headOwner: 'dgs-agency',
        conclusion: 'green' as 'success',
      }),
    ).toThrow('not a payload GitHub sends');
  });

  it('knows a field that can be null is not always carried', () => {
    expect(webhookPathRequired('workflow_run$requested', 'workflow_run.conclusion')).toBe(false);
    expect(webhookPathRequired('workflow_run$completed', 'workflow_run.conclusion')).toBe(true);
  });
});
