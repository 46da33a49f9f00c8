import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/core/paths.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  needs?: string;
  outputs?: Record<string, string>;
  steps: Step[];
}

const folder = join(repoRoot, '.github/workflows');
/** A GitHub Actions expression as the workflow writes it. */
const expression = (inner: string): string => `\${{ ${inner} }}`;
const text = readFileSync(join(folder, 'audit.yml'), 'utf8');
const workflow = parse(text) as {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, Job>;
};
const audit = workflow.jobs.audit;
const issue = workflow.jobs.issue;
const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);

describe('the weekly audit workflow', () => {
  it('runs weekly and on demand only', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \* \* [0-6]$/) }]);
  });

  it('grants nothing at the top; reads in the audit job, writes issues only in the issue job', () => {
    expect(workflow.permissions).toEqual({});
    expect(audit?.permissions).toEqual({ contents: 'read', 'pull-requests': 'read', issues: 'read' });
    expect(issue?.permissions).toEqual({ contents: 'read', issues: 'write' });
    const grants = text.split('\n').filter((l) => /^\s{6}[a-z-]+: (read|write)\b/.test(l));
    expect(grants).toHaveLength(5);
    for (const line of grants) expect(line).toMatch(/: (read|write) # \S.{10,}/);
  });

  it('pins every action by commit SHA, the same SHA the other workflows use', () => {
    const pins = new Map<string, Set<string>>();
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.yml'))) {
      for (const line of readFileSync(join(folder, name), 'utf8').split('\n')) {
        const match = /uses: ([\w.-]+\/[\w./-]+)@(\S+)/.exec(line);
        if (match?.[1] && match[2]) pins.set(match[1], (pins.get(match[1]) ?? new Set()).add(match[2]));
      }
    }
    const uses = text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(uses.length).toBeGreaterThan(5);
    for (const line of uses) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      const action = /uses: ([^@]+)@/.exec(line)?.[1] ?? '';
      expect([action, pins.get(action)?.size]).toEqual([action, 1]);
    }
  });

  it('keeps checkout credentials out and reads the whole history for the audit', () => {
    const checkouts = allSteps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts).toHaveLength(2);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
    expect(audit?.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
  });

  it('installs OPA at the version toolchain.json pins', () => {
    const opa = audit?.steps.find((s) => s.uses?.startsWith('open-policy-agent/setup-opa@'));
    expect(opa?.with?.version).toBe(expression('steps.toolchain.outputs.opa'));
    expect(audit?.steps.find((s) => s.id === 'toolchain')?.run).toBe(
      `echo "opa=$(jq -r '.opa.version | ltrimstr("v")' toolchain.json)" >> "$GITHUB_OUTPUT"`,
    );
  });

  it('keeps expressions out of run scripts and passes the dispatch input through env', () => {
    for (const step of allSteps) if (step.run) expect(step.run).not.toContain(expression('').slice(0, 3));
    const run = audit?.steps.find((s) => s.id === 'audit');
    expect(run?.env?.EXPIRING_WITHIN).toBe(expression('inputs.expiring-within'));
    expect(run?.run).toContain('exemptions audit --format json --verify');
    // An empty input leaves the window to the reference data's expiry notices.
    expect(run?.run).toContain(
      'if [ -n "$EXPIRING_WITHIN" ]; then window=(--expiring-within "$EXPIRING_WITHIN"); fi',
    );
  });

  it('counts the register and the issue to the same day', () => {
    expect(audit?.steps.find((s) => s.id === 'audit')?.run).toContain('--as-of "$AS_OF"');
    expect(audit?.steps.find((s) => s.id === 'audit')?.env?.AS_OF).toBe(
      expression('steps.day.outputs.as-of'),
    );
  });

  it('writes the issue from the audit job’s JSON, never re-running the audit with a write token', () => {
    expect(issue?.needs).toBe('audit');
    const runs = (issue?.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('exemptions audit-issue --from "$RUNNER_TEMP/audit/audit.json"');
    expect(runs).not.toMatch(/exemptions audit\s/);
    const fail = issue?.steps.at(-1);
    expect(fail?.if).toBe("needs.audit.outputs.clean != 'true'");
    expect(audit?.outputs?.clean).toBe(expression('steps.audit.outputs.clean'));
  });
});

describe('the Pages workflow', () => {
  const pagesText = readFileSync(join(folder, 'pages.yml'), 'utf8');
  const pages = parse(pagesText) as {
    on: Record<string, unknown>;
    permissions: unknown;
    jobs: Record<string, Job & { environment?: unknown }>;
  };
  const build = pages.jobs.build;
  const deploy = pages.jobs.deploy;

  it('publishes on a push to the default branch, weekly after the audit, and by hand', () => {
    expect(Object.keys(pages.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
    expect((pages.on.push as { branches: string[]; paths: string[] }).branches).toEqual(['main']);
    expect((pages.on.push as { paths: string[] }).paths).toEqual(
      expect.arrayContaining(['web/**', 'requests/**']),
    );
    const auditCron = (workflow.on.schedule as { cron: string }[])[0]?.cron.split(' ') ?? [];
    const pagesCron = (pages.on.schedule as { cron: string }[])[0]?.cron.split(' ') ?? [];
    expect(pagesCron[4]).toBe(auditCron[4]);
    expect(Number(pagesCron[1])).toBeGreaterThan(Number(auditCron[1]));
  });

  it('builds with a read-only token and writes Pages only in the deploy job, which runs nothing of the repository', () => {
    expect(pages.permissions).toEqual({});
    expect(build?.permissions).toEqual({ contents: 'read', 'pull-requests': 'read', issues: 'read' });
    expect(deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy?.steps.every((s) => s.run === undefined)).toBe(true);
    for (const step of [...(build?.steps ?? []), ...(deploy?.steps ?? [])].filter((s) => s.uses))
      expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('puts the request builder at the root and the register, rebuilt from the whole history, below it', () => {
    const checkout = build?.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    const runs = (build?.steps ?? []).map((s) => s.run ?? '');
    const builder = runs.findIndex((r) => r.includes('npm run build:web -- --out _site '));
    const register = runs.findIndex(
      (r) => r.includes('exemptions audit --format html') && r.includes('--out _site/register'),
    );
    expect(builder).toBeGreaterThan(-1);
    expect(register).toBeGreaterThan(-1);
    const upload = build?.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe('_site');
  });
});
