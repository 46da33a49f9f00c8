import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { readToolchain, refusedVersionList, resolveTool, toolNames } from '../../scripts/core/toolchain.ts';

const scratch = mkdtempSync(join(tmpdir(), 'toolchain-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runToolchainScript(env: Record<string, string>, tool = 'opa') {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'scripts/tools/toolchain.ts'), tool],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { HOME: process.env.HOME ?? '/tmp', ...env },
    },
  );
}

/** A stand-in `regal` on an otherwise empty PATH that prints `output` for `regal version`. */
function fakeRegal(folder: string, output: string): string {
  const bin = join(scratch, folder);
  mkdirSync(bin, { recursive: true });
  const path = join(bin, 'regal');
  writeFileSync(path, `#!/bin/sh\n[ "$1" = version ] && printf '%s' '${output}'\n`);
  chmodSync(path, 0o755);
  return bin;
}

describe('pinned toolchain', () => {
  it('pins every tool to one exact version', () => {
    const pins = readToolchain();
    for (const name of toolNames) {
      // A Go module version starts with "v" (go install needs it); a PyPI version does not.
      const exact = pins[name].kind === 'go' ? /^v\d+\.\d+\.\d+$/ : /^\d+\.\d+\.\d+$/;
      expect(pins[name].version, name).toMatch(exact);
    }
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

  it('takes a Regal from PATH when its version line names the pinned version', () => {
    const version = readToolchain().regal.version.replace(/^v/, '');
    const bin = fakeRegal(
      'release',
      `Version:       ${version}\nGo Version:    go1.26.0\nOPA Version:   1.14.0\n`,
    );
    const result = runToolchainScript({ PATH: bin, EXEMPTIONS_TOOLS_DIR: scratch }, 'regal');
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`regal\t${join(bin, 'regal')}`);
  });

  it('does not take a Regal whose version is unknown, even when another line names the pin', () => {
    // `go install` builds of Regal print "Version: unknown"; only the first line counts.
    const version = readToolchain().regal.version.replace(/^v/, '');
    const bin = fakeRegal(
      'unknown',
      `Version:       unknown\nGo Version:    go${version}\nOPA Version:   ${version}\n`,
    );
    const result = runToolchainScript({ PATH: bin, EXEMPTIONS_TOOLS_DIR: scratch }, 'regal');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('go install github.com/open-policy-agent/regal@');
  });

  it('builds from the module only when go install failed for want of a version list', () => {
    // What the go command prints when the proxy serves exact versions but refuses to list them.
    const refused =
      'go: github.com/open-policy-agent/regal@v0.39.0: loading deprecation for github.com/open-policy-agent/regal: ' +
      'module github.com/open-policy-agent/regal: reading https://proxy.golang.org/github.com/open-policy-agent/regal/@v/list: 403 Forbidden';
    expect(refusedVersionList(refused)).toBe(true);
    expect(refusedVersionList('go: github.com/x/y@v9.9.9: invalid version: unknown revision v9.9.9')).toBe(
      false,
    );
    expect(refusedVersionList('# github.com/x/y\n./main.go:3:1: syntax error')).toBe(false);
  });
});
