import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/core/paths.ts';
import { readToolchain } from '../../scripts/core/toolchain.ts';
import { desiredRuleset } from '../../scripts/github/governance.ts';
import { TRUSTED_CHECK_CONTEXT } from '../../scripts/github/trusted-check.ts';
import { ARTIFACT_FILE, ARTIFACT_NAME } from '../../scripts/pull-request/artifact.ts';
import { checkWorkflows } from '../../scripts/tools/check-workflows.ts';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  name?: string;
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, Job>;
}

/** A GitHub Actions expression as written in a workflow. */
const expr = (inner: string) => `\${{ ${inner} }}`;

const names = ['evaluate.yml', 'comment.yml', 'policy-ci.yml'] as const;
const text = (name: string) => readFileSync(join(repoRoot, '.github/workflows', name), 'utf8');
const workflow = (name: string) => parse(text(name)) as Workflow;
const steps = (name: string) => Object.values(workflow(name).jobs).flatMap((job) => job.steps);

describe.each(names)('%s', (name) => {
  it('pins every action by full commit SHA with a version comment', () => {
    const uses = text(name)
      .split('\n')
      .filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('grants nothing at the top and justifies every per-job grant', () => {
    const wf = workflow(name);
    expect(wf.permissions).toEqual({});
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toBeDefined();
    const grantLines = text(name)
      .split('\n')
      .filter((line) => /^\s{6}[a-z-]+: (read|write)\b/.test(line));
    expect(grantLines.length).toBe(
      Object.values(wf.jobs).flatMap((job) => Object.keys(job.permissions ?? {})).length,
    );
    for (const line of grantLines) expect(line).toMatch(/: (read|write) # \S.{10,}/);
  });

  it('never uses pull_request_target and never keeps checkout credentials', () => {
    expect(text(name)).not.toContain('pull_request_target');
    const checkouts = steps(name).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('keeps expressions out of run scripts (untrusted values go through env)', () => {
    for (const step of steps(name)) if (step.run) expect(step.run).not.toContain('${{');
  });

  it('installs OPA, when it does, at the version toolchain.json pins', () => {
    const opa = steps(name).find((s) => s.uses?.startsWith('open-policy-agent/setup-opa@'));
    expect(opa?.with?.version).toBe(expr('steps.toolchain.outputs.opa'));
    const read = steps(name).find((s) => s.id === 'toolchain');
    expect(read?.run).toBe(
      `echo "opa=$(jq -r '.opa.version | ltrimstr("v")' toolchain.json)" >> "$GITHUB_OUTPUT"`,
    );
    expect(readToolchain().opa.version).toMatch(/^v?\d+\.\d+\.\d+$/);
  });
});

describe('the evaluation workflow', () => {
  const wf = workflow('evaluate.yml');
  const job = wf.jobs.evaluation;

  it('runs on pull requests, read-only, again when the base is retargeted and when a review arrives', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request', 'pull_request_review']);
    const on = wf.on as { pull_request: { types: string[] }; pull_request_review: { types: string[] } };
    expect(on.pull_request.types).toContain('edited');
    expect(on.pull_request_review.types).toEqual(['submitted', 'dismissed']);
    expect(job?.permissions).toEqual({ contents: 'read' });
  });

  it('is not what the ruleset requires: the trusted check is', () => {
    const rule = desiredRuleset().rules.find((r) => r.type === 'required_status_checks');
    const required = rule?.parameters?.required_status_checks as { context: string }[];
    expect(required.map((c) => c.context)).toEqual([TRUSTED_CHECK_CONTEXT]);
    expect(required.map((c) => c.context)).not.toContain(job?.name);
  });

  it('judges with the base commit and fetches the head only as data', () => {
    const [base, head] = (job?.steps ?? []).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(base?.with?.ref).toBe(expr('github.event.pull_request.base.sha'));
    expect(base?.with?.path).toBeUndefined();
    expect(head?.with?.ref).toBe(expr('github.event.pull_request.head.sha'));
    expect(head?.with?.path).toBe('.pr-head');
    expect(head?.with?.['sparse-checkout']).toBe('requests/');
    for (const step of job?.steps ?? []) {
      expect(step).not.toHaveProperty('working-directory');
      if (step.run?.includes('.pr-head')) expect(step.run).toContain('--repo-dir .pr-head');
    }
  });

  it('writes the summary and hands the artifact on even when the check fails', () => {
    const run = job?.steps.find((s) => s.run?.includes('exemptions pr-evaluate'));
    expect(run?.run).toContain('--summary "$GITHUB_STEP_SUMMARY"');
    expect(run?.env).toEqual({
      BASE_SHA: expr('github.event.pull_request.base.sha'),
      HEAD_SHA: expr('github.event.pull_request.head.sha'),
      PR_NUMBER: expr('github.event.pull_request.number'),
    });
    const upload = job?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe(expr('!cancelled()'));
    expect(upload?.with?.name).toBe(ARTIFACT_NAME);
    expect(String(upload?.with?.path).endsWith(`/${ARTIFACT_FILE}`)).toBe(true);
  });
});

describe('the trusted check', () => {
  const wf = workflow('comment.yml');
  const job = wf.jobs.check;

  it('runs on every completed run of the evaluation workflow for pull requests, except cancelled ones', () => {
    expect(wf.on).toEqual({
      workflow_run: { workflows: [workflow('evaluate.yml').name], types: ['requested', 'completed'] },
    });
    expect(job?.if).toContain("github.event.action == 'completed'");
    expect(job?.if).toContain("github.event.workflow_run.event == 'pull_request'");
    expect(job?.if).toContain("github.event.workflow_run.event == 'pull_request_review'");
    expect(job?.if).toContain("github.event.workflow_run.conclusion != 'cancelled'");
    expect(job?.if).not.toContain("conclusion == 'success'");
  });

  it('holds statuses: write and pull-requests: write, and reads only what it must', () => {
    expect(job?.permissions).toEqual({
      contents: 'read',
      'pull-requests': 'write',
      statuses: 'write',
    });
  });

  it('checks out only the default branch and never downloads the pull request run artifact', () => {
    const checkouts = (job?.steps ?? []).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]?.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(job?.steps.some((s) => s.uses?.startsWith('actions/download-artifact@'))).toBe(false);
    for (const step of job?.steps ?? []) {
      const withText = JSON.stringify(step.with ?? {});
      expect(withText).not.toMatch(/head_(sha|branch|repository)|pull_request/);
    }
  });

  it('builds the default branch policy and runs the check with the run head passed through env', () => {
    expect(job?.steps.some((s) => s.run === 'npm run build:policy')).toBe(true);
    const check = job?.steps.find((s) => s.run?.includes('exemptions trusted-check'));
    expect(check?.run).toContain('--head-sha "$RUN_HEAD_SHA"');
    expect(check?.run).toContain('--head-label "$HEAD_LABEL"');
    expect(check?.env?.RUN_HEAD_SHA).toBe(expr('github.event.workflow_run.head_sha'));
  });
});

describe('the pending mark', () => {
  const job = workflow('comment.yml').jobs.evaluating;

  it('runs when a pull request run is requested, with no policy and no pull-request code', () => {
    expect(job?.if).toContain("github.event.action == 'requested'");
    expect(job?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', statuses: 'write' });
    const checkouts = (job?.steps ?? []).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.map((c) => c.with)).toEqual([{ 'persist-credentials': false }]);
    const mark = job?.steps.find((s) => s.run?.includes('exemptions trusted-check --pending'));
    expect(mark?.env?.RUN_HEAD_SHA).toBe(expr('github.event.workflow_run.head_sha'));
  });
});

describe('policy CI', () => {
  it('runs the project tests on changes to policies, schemas, data, scripts and workflows', () => {
    const wf = workflow('policy-ci.yml');
    const on = wf.on as Record<string, { paths: string[] }>;
    for (const trigger of ['push', 'pull_request']) {
      expect(on[trigger]?.paths).toEqual(
        expect.arrayContaining(['policies/**', 'schemas/**', 'scripts/**', '.github/**', 'toolchain.json']),
      );
    }
    expect(wf.jobs.test?.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.test?.steps.at(-1)?.run).toBe('./.ci/run');
  });
});

describe('workflow linters', () => {
  it('actionlint and zizmor (pinned, offline) report nothing', () => {
    const results = checkWorkflows();
    for (const result of results) {
      expect({
        tool: result.tool,
        status: result.status,
        output: result.status === 0 ? '' : result.output,
      }).toEqual({
        tool: result.tool,
        status: 0,
        output: '',
      });
    }
    expect(results.find((r) => r.tool === 'zizmor')?.output).toContain('No findings to report');
  }, 300_000);
});
