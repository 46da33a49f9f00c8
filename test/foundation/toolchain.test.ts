import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readToolchain, repoRoot, resolveTool } from '../../scripts/toolchain.ts';

const scratch = mkdtempSync(join(tmpdir(), 'toolchain-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runToolchainScript(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/toolchain.ts'), 'opa'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { HOME: process.env.HOME ?? '/tmp', ...env },
  });
}

describe('pinned toolchain', () => {
  it('pins OPA to one exact version', () => {
    expect(readToolchain().opa.version).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('resolves an OPA that reports the pinned version', () => {
    const opa = resolveTool('opa');
    const out = spawnSync(opa, ['version'], { encoding: 'utf8' });
    expect(out.stdout).toContain(`Version: ${readToolchain().opa.version.replace(/^v/, '')}`);
  });

  it('uses $OPA when it is set', () => {
    const opa = resolveTool('opa');
    const result = runToolchainScript({ PATH: '', OPA: opa, EXEMPTIONS_TOOLS_DIR: scratch });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`opa\t${opa}`);
  });

  it('rejects an $OPA that is not an executable file', () => {
    const result = runToolchainScript({
      PATH: '',
      OPA: join(scratch, 'missing-opa'),
      EXEMPTIONS_TOOLS_DIR: scratch,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is not an executable file');
  });

  it('names both ways to get OPA when neither OPA nor Go is on the machine', () => {
    const result = runToolchainScript({ PATH: '', EXEMPTIONS_TOOLS_DIR: scratch });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('neither it nor Go is on this machine');
    expect(result.stderr).toContain('put it on PATH');
    expect(result.stderr).toContain('go install github.com/open-policy-agent/opa@');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
