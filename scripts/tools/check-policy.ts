/**
 * The policy's own checks, run by `npm test`: `opa fmt` (no diff), `opa check --strict` against the pinned
 * capabilities, `opa test` with coverage, printing the coverage figure (fails below the floor), and
 * `regal lint` (Regal configured by `.regal/config.yaml`; fails on any violation).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { policiesDir, repoRoot } from '../core/paths.ts';
import { runTool } from '../core/toolchain.ts';
import { readCodedRules } from './reference-doc.ts';

/**
 * Codes (outcomes, reasons, grounds, deficiencies, notes, approvers) that no `_test.rego` names as a
 * string: each code the policy can return must be pinned by a policy test.
 */
function codesWithoutTest(dir: string = policiesDir): string[] {
  const tests = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('_test.rego'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
  const codes = new Set(readCodedRules(dir).map((rule) => `${rule.kind} ${rule.code}`));
  return [...codes].filter((entry) => !tests.includes(`"${entry.split(' ')[1]}"`)).sort();
}

/** Line coverage of the Rego by `opa test`, in percent, below which the checks fail. */
export const COVERAGE_FLOOR_PERCENT = 95;

interface CoverageReport {
  coverage?: number;
  files?: Record<string, { coverage?: number; not_covered?: { start: { row: number } }[] }>;
}

interface RegalReport {
  violations?: {
    title: string;
    category: string;
    description: string;
    location: { file: string; row: number; col: number };
    related_resources?: { ref: string }[];
  }[];
  summary?: { files_scanned: number };
  errors?: string[];
}

/**
 * `regal lint` over the policy directory, tests included. It runs from the repository root, where Regal
 * finds `.regal/config.yaml` and the capabilities file that config names. Any violation fails, warnings too.
 */
function regalLint(dir: string): boolean {
  const args = ['lint', '--format', 'json', '--fail-level', 'warning', relative(repoRoot, dir)];
  const lint = runTool('regal', args, { cwd: repoRoot, allowFailure: true });
  let report: RegalReport | undefined;
  try {
    report = JSON.parse(lint.stdout) as RegalReport;
  } catch {
    report = undefined;
  }
  const violations = report?.violations ?? [];
  if (report && violations.length === 0 && lint.status === 0) {
    console.log(`regal lint: ${report.summary?.files_scanned ?? 0} files, no violations`);
    return true;
  }
  if (violations.length === 0) {
    const errors = report?.errors?.join('\n') ?? lint.stdout;
    console.error(`regal lint failed (exit ${lint.status}):\n${errors}${lint.stderr}`);
    return false;
  }
  console.error(`regal lint: ${violations.length} violation(s):`);
  violations.sort(
    ({ location: a }, { location: b }) => a.file.localeCompare(b.file) || a.row - b.row || a.col - b.col,
  );
  for (const v of violations) {
    const docs = v.related_resources?.[0]?.ref;
    console.error(
      `  ${v.location.file}:${v.location.row}:${v.location.col} ${v.category}/${v.title}: ${v.description}` +
        (docs ? ` (${docs})` : ''),
    );
  }
  return false;
}

function main(): number {
  const dir = policiesDir;
  let failed = false;

  const fmt = runTool('opa', ['fmt', '--list', '--fail', '.'], { cwd: dir, allowFailure: true });
  if (fmt.status !== 0) {
    console.error(
      `opa fmt: these files are not formatted (run: opa fmt --write policies):\n${fmt.stdout}${fmt.stderr}`,
    );
    failed = true;
  } else {
    console.log('opa fmt: all Rego files formatted');
  }

  const check = runTool(
    'opa',
    [
      'check',
      '--strict',
      '--capabilities',
      join(dir, 'capabilities.json'),
      '--ignore',
      'capabilities.json',
      '.',
    ],
    { cwd: dir, allowFailure: true },
  );
  if (check.status !== 0) {
    console.error(`opa check --strict failed:\n${check.stdout}${check.stderr}`);
    failed = true;
  } else {
    console.log('opa check --strict: no errors');
  }

  const test = runTool(
    'opa',
    ['test', '--ignore', 'capabilities.json', '--coverage', '--format', 'json', '.'],
    {
      cwd: dir,
      allowFailure: true,
    },
  );
  if (test.status !== 0) {
    // Re-run verbosely so the failing test names are printed in plain text.
    const verbose = runTool('opa', ['test', '--ignore', 'capabilities.json', '-v', '.'], {
      cwd: dir,
      allowFailure: true,
    });
    console.error(`opa test failed:\n${verbose.stdout}${verbose.stderr}`);
    return 1;
  }
  const report = JSON.parse(test.stdout) as CoverageReport;
  const coverage = report.coverage ?? 0;
  const counted = runTool('opa', ['test', '--ignore', 'capabilities.json', '.'], { cwd: dir });
  console.log(`opa test: ${counted.stdout.trim().split('\n').pop()}; coverage ${coverage.toFixed(2)}%`);
  const untested = codesWithoutTest(dir);
  if (untested.length > 0) {
    console.error(`opa test: no policy test names these codes: ${untested.join(', ')}`);
    failed = true;
  } else {
    console.log(
      'opa test: every outcome, reason, ground, deficiency code, note and approver is named in a test',
    );
  }
  if (coverage < COVERAGE_FLOOR_PERCENT) {
    for (const [file, info] of Object.entries(report.files ?? {})) {
      const rows = (info.not_covered ?? []).map((r) => r.start.row);
      if (rows.length > 0) console.error(`  ${file}: not covered at lines ${rows.join(', ')}`);
    }
    console.error(
      `opa test: coverage ${coverage.toFixed(2)}% is below the floor of ${COVERAGE_FLOOR_PERCENT}%`,
    );
    failed = true;
  }
  if (!regalLint(dir)) failed = true;
  return failed ? 1 : 0;
}

process.exit(main());
