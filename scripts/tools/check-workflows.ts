/**
 * Lints the GitHub Actions workflows with the pinned actionlint (a Go module) and zizmor (from PyPI), both
 * installed by `scripts/toolchain.ts` at the versions in `toolchain.json`. zizmor runs offline: the checks
 * need no GitHub access, so they run the same on a laptop, in CI and in the tests. zizmor uses its
 * pedantic persona; a finding is suppressed only by an inline `zizmor: ignore[...]` comment that says why.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../core/paths.ts';
import { runTool, type ToolName } from '../core/toolchain.ts';

export interface WorkflowCheck {
  tool: ToolName;
  status: number;
  output: string;
}

export function checkWorkflows(root: string = repoRoot): WorkflowCheck[] {
  const runs: [ToolName, string[]][] = [
    ['actionlint', ['-no-color']],
    [
      'zizmor',
      ['--offline', '--persona', 'pedantic', '--no-progress', '--color', 'never', '.github/workflows'],
    ],
  ];
  return runs.map(([tool, args]) => {
    const { status, stdout, stderr } = runTool(tool, args, { cwd: root, allowFailure: true });
    return { tool, status, output: `${stdout}${stderr}`.trim() };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const checks = checkWorkflows();
    for (const check of checks) {
      console.log(`${check.tool}: ${check.status === 0 ? 'clean' : `exit ${check.status}`}`);
      const lines = check.output.split('\n').filter((line) => !/^\s*INFO /.test(line));
      if (check.status !== 0 || check.tool === 'zizmor') console.log(lines.join('\n'));
    }
    process.exitCode = checks.every((c) => c.status === 0) ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}
