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

  it('writes the register site for Pages in the read-only job, as of the same day as the register', () => {
    const site = audit?.steps.find((s) => s.run?.includes('exemptions audit --format html'));
    expect(site?.run).toContain('--out "$RUNNER_TEMP/_site/register"');
    expect(site?.run).toContain('--as-of "$AS_OF"');
    expect(site?.env?.AS_OF).toBe(expression('steps.day.outputs.as-of'));
    expect(audit?.steps.find((s) => s.id === 'audit')?.run).toContain('--as-of "$AS_OF"');
    const upload = audit?.steps.find((s) => s.with?.name === 'register-site');
    expect(upload?.uses).toMatch(/^actions\/upload-artifact@[0-9a-f]{40}$/);
    expect(upload?.with?.path).toBe(`${expression('runner.temp')}/_site/`);
    expect(audit?.steps.indexOf(upload as Step)).toBeGreaterThan(audit?.steps.indexOf(site as Step) ?? 99);
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
