/**
 * Webhook payloads as GitHub sends them to the workflows, and what a workflow step receives from one.
 * Each payload is sampled from `@octokit/webhooks-schemas`, filled in with the test's values and checked
 * against the same schema, so a test cannot feed the product an event GitHub would never send. A step's
 * environment is computed from the workflow file itself, so the product is driven exactly as the
 * workflow drives it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/core/paths.ts';
import { webhookSample, webhookViolations } from './github-contract.ts';

type Json = Record<string, unknown>;

export interface WorkflowRun {
  action: 'requested' | 'completed';
  headSha: string;
  headBranch: string;
  /** The owner of the repository the pull request's branch lives in (a fork's owner for a fork). */
  headOwner: string;
  /** The event that started the run the trusted check follows. */
  event?: string;
  conclusion?: 'success' | 'failure' | 'cancelled';
}

function checked(definition: string, payload: Json): Json {
  const violations = webhookViolations(definition, payload);
  if (violations.length > 0) throw new Error(`not a payload GitHub sends: ${violations.join('; ')}`);
  return payload;
}

/** A `workflow_run` event for the pull-request run at `headSha`. */
export function workflowRunEvent(run: WorkflowRun): Json {
  const definition = `workflow_run$${run.action}`;
  const payload = webhookSample(definition);
  const workflowRun = payload.workflow_run as Json & { head_repository: Json & { owner: Json } };
  const repository = `${run.headOwner}/exemptions`;
  payload.workflow_run = {
    ...workflowRun,
    head_sha: run.headSha,
    head_branch: run.headBranch,
    event: run.event ?? 'pull_request',
    status: run.action === 'completed' ? 'completed' : 'queued',
    conclusion: run.action === 'completed' ? (run.conclusion ?? 'success') : null,
    head_repository: {
      ...workflowRun.head_repository,
      full_name: repository,
      name: 'exemptions',
      owner: { ...workflowRun.head_repository.owner, login: run.headOwner },
    },
  };
  return checked(definition, payload);
}

export interface PullRequestActivity {
  action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review' | 'edited';
  number: number;
  baseSha: string;
  headSha: string;
}

/** A `pull_request` event for a pull request from `baseSha` to `headSha`. */
export function pullRequestEvent(activity: PullRequestActivity): Json {
  const definition = `pull_request$${activity.action}`;
  const payload = webhookSample(definition);
  const pull = payload.pull_request as Json & { base: Json; head: Json };
  payload.number = activity.number;
  payload.pull_request = {
    ...pull,
    number: activity.number,
    base: { ...pull.base, sha: activity.baseSha },
    head: { ...pull.head, sha: activity.headSha },
  };
  return checked(definition, payload);
}

interface Step {
  name?: string;
  env?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

/** The value of `github.event.a.b` in a payload; what GitHub renders as an empty string when absent. */
function eventValue(payload: Json, path: string): string {
  let value: unknown = payload;
  for (const step of path.split('.')) value = (value as Json | null | undefined)?.[step];
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The `env` a step of a workflow gets for this event: every `${{ github.event.* }}` rendered from the
 * payload. Other expressions (the token, the run id) are the test's to supply, so they are left out.
 */
export function stepEnvironment(
  workflowFile: string,
  stepName: string,
  payload: Json,
): Record<string, string> {
  const workflow = parse(readFileSync(join(repoRoot, '.github/workflows', workflowFile), 'utf8')) as Workflow;
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.name === stepName);
  if (!step) throw new Error(`${workflowFile} has no step named "${stepName}"`);
  const environment: Record<string, string> = {};
  for (const [name, template] of Object.entries(step.env ?? {})) {
    const expressions = [...template.matchAll(/\$\{\{\s*([^}]+?)\s*\}\}/g)];
    if (!expressions.every((m) => m[1]?.startsWith('github.event.'))) continue;
    environment[name] = template.replace(/\$\{\{\s*github\.event\.([^}]+?)\s*\}\}/g, (_m, path: string) =>
      eventValue(payload, path),
    );
  }
  return environment;
}
