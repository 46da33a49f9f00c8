/**
 * Pinned external tools (OPA, Regal, actionlint, zizmor, and conftest for the benchmark): find them, or install the pinned version
 * into the git-ignored `.tools/` folder. The versions live only in `toolchain.json`.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UserError } from './errors.ts';
import { repoRoot } from './paths.ts';

/** Where pinned tools are installed; `EXEMPTIONS_TOOLS_DIR` moves it (tests use a scratch folder). */
export const toolsDir = process.env.EXEMPTIONS_TOOLS_DIR ?? join(repoRoot, '.tools');

export interface GoTool {
  kind: 'go';
  module: string;
  version: string;
}
export interface PypiTool {
  kind: 'pypi';
  package: string;
  version: string;
}
export type ToolPin = GoTool | PypiTool;
/** Every pinned tool, each with an entry in `toolchain.json`. */
export const toolNames = ['opa', 'regal', 'actionlint', 'zizmor', 'conftest'] as const;
export type ToolName = (typeof toolNames)[number];

/** The arguments that make each tool print its version (OPA and Regal take a subcommand). */
const versionArgs: Record<ToolName, string[]> = {
  opa: ['version'],
  regal: ['version'],
  actionlint: ['--version'],
  zizmor: ['--version'],
  conftest: ['--version'],
};

export class ToolUnavailableError extends UserError {}

export function readToolchain(root: string = repoRoot): Record<ToolName, ToolPin> {
  const raw = JSON.parse(readFileSync(join(root, 'toolchain.json'), 'utf8')) as Record<string, unknown>;
  const pins = {} as Record<ToolName, ToolPin>;
  for (const name of toolNames) {
    const pin = raw[name] as ToolPin | undefined;
    if (!pin || typeof pin.version !== 'string')
      throw new Error(`toolchain.json: no pinned version for ${name}`);
    pins[name] = pin;
  }
  return pins;
}

/** The bare version number ("1.22.2") of a pin written as "v1.22.2" or "1.22.2". */
export function bareVersion(pin: ToolPin): string {
  return pin.version.replace(/^v/, '');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Whether the first line of the tool's version output (`opa version`, `actionlint --version`, ...) names
 * the pinned version. Only the first line: the lines after it name other versions (Go's, and OPA's inside
 * Regal). A Regal built by `go install` reports "Version: unknown", so only a release binary matches.
 */
function reportsVersion(binary: string, name: ToolName, version: string): boolean {
  const out = spawnSync(binary, versionArgs[name], { encoding: 'utf8', timeout: 30_000 });
  if (out.status !== 0) return false;
  const firstLine = `${out.stdout}${out.stderr}`.trim().split('\n')[0] ?? '';
  return new RegExp(`(^|[^0-9.])${version.replace(/\./g, '\\.')}([^0-9.]|$)`).test(firstLine);
}

function binaryName(name: ToolName, pin: ToolPin): string {
  return pin.kind === 'go' ? (pin.module.split('/').pop() ?? name) : name;
}

/** Where the project installs a pinned tool: one folder per tool and version, so a pin change reinstalls. */
export function installedPath(name: ToolName, pin: ToolPin): string {
  const folder = join(toolsDir, `${name}-${bareVersion(pin)}`);
  return pin.kind === 'go' ? join(folder, binaryName(name, pin)) : join(folder, 'bin', name);
}

/** Whether `go install` failed only because the module proxy would not list the module's versions. */
export function refusedVersionList(stderr: string): boolean {
  return /loading deprecation for|@v\/list: (403|404|410)/.test(stderr);
}

/**
 * The same build `go install module@version` makes, without asking the proxy for a version list: the
 * exact version of the module that holds the package is downloaded (`go mod download` needs no list), and
 * the package is built inside it with the module's own go.mod and go.sum.
 */
function buildFromModule(pin: GoTool, output: string): void {
  const segments = pin.module.split('/');
  // The module is the longest prefix of the package path that the proxy serves at this version.
  for (let length = segments.length; length >= Math.min(3, segments.length); length--) {
    const modulePath = segments.slice(0, length).join('/');
    const download = spawnSync('go', ['mod', 'download', '-json', `${modulePath}@${pin.version}`], {
      encoding: 'utf8',
    });
    if (download.status !== 0) continue;
    const { Dir: dir } = JSON.parse(download.stdout) as { Dir?: string };
    if (!dir) continue;
    const packageDir = `./${segments.slice(length).join('/')}`;
    const build = spawnSync('go', ['build', '-trimpath', '-o', output, packageDir], {
      cwd: dir,
      env: { ...process.env, GOFLAGS: '-mod=readonly', CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (build.status !== 0) throw new Error(`go build of ${pin.module}@${pin.version} failed`);
    return;
  }
  throw new Error(`go mod download found no module holding ${pin.module} at ${pin.version}`);
}

function install(name: ToolName, pin: ToolPin, log: (line: string) => void): string {
  const target = installedPath(name, pin);
  const folder = join(toolsDir, `${name}-${bareVersion(pin)}`);
  mkdirSync(folder, { recursive: true });
  if (pin.kind === 'go') {
    if (!onPath('go')) {
      throw new ToolUnavailableError(
        `${name} ${pin.version} is needed and neither it nor Go is on this machine. Either install ${name} ` +
          `${pin.version} and put it on PATH (or set $${name.toUpperCase()} to its path), or install Go so that ` +
          `this project can run: go install ${pin.module}@${pin.version}`,
      );
    }
    log(`installing ${name} ${pin.version} with go install into ${folder} (first time only)`);
    const started = Date.now();
    const env = { ...process.env, GOBIN: folder, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
    const result = spawnSync('go', ['install', `${pin.module}@${pin.version}`], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    process.stderr.write(result.stderr ?? '');
    if (result.status !== 0) {
      if (!refusedVersionList(result.stderr ?? '')) {
        throw new Error(`go install ${pin.module}@${pin.version} failed`);
      }
      log(
        `the Go module proxy refused ${name}'s version list (go install reads it to check for deprecation); ` +
          `building the exact version ${pin.version} from its module instead`,
      );
      buildFromModule(pin, join(folder, binaryName(name, pin)));
    }
    log(`installed ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    const python = onPath('python3') ?? onPath('python');
    if (!python) {
      throw new ToolUnavailableError(
        `${name} ${pin.version} is needed and neither it nor Python is on this machine. Either install it ` +
          `(pip install ${pin.package}==${pin.version}) and put it on PATH, or install Python 3 so that this ` +
          'project can install it.',
      );
    }
    log(`installing ${name} ${pin.version} from PyPI into ${folder} (first time only)`);
    const venv = spawnSync(python, ['-m', 'venv', folder], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (venv.status !== 0) throw new Error(`could not create a Python virtual environment in ${folder}`);
    const pip = spawnSync(
      join(folder, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', `${pin.package}==${pin.version}`],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (pip.status !== 0) throw new Error(`pip install ${pin.package}==${pin.version} failed`);
  }
  if (!isExecutable(target)) throw new Error(`${name} was installed but ${target} is not there`);
  return target;
}

const resolved = new Map<ToolName, string>();

/**
 * The path of a pinned tool: `$OPA` (or `$REGAL`, `$ACTIONLINT`, `$ZIZMOR`) when set, else the binary on
 * PATH when it is the pinned version, else the copy in `.tools/`, installing it there when missing.
 */
export function resolveTool(name: ToolName, log: (line: string) => void = (l) => console.error(l)): string {
  const cached = resolved.get(name);
  if (cached) return cached;
  const pin = readToolchain()[name];
  const version = bareVersion(pin);
  const fromEnv = process.env[name.toUpperCase()];
  let path: string | undefined;
  if (fromEnv) {
    if (!isExecutable(fromEnv))
      throw new ToolUnavailableError(
        `$${name.toUpperCase()} is set to ${fromEnv}, which is not an executable file`,
      );
    path = fromEnv;
  } else {
    const found = onPath(binaryName(name, pin));
    if (found && reportsVersion(found, name, version)) path = found;
    else if (isExecutable(installedPath(name, pin))) path = installedPath(name, pin);
    else path = install(name, pin, log);
  }
  resolved.set(name, path);
  return path;
}

/** Runs a pinned tool and returns its output; throws with the tool's own words when it fails. */
export function runTool(
  name: ToolName,
  args: string[],
  options: { cwd?: string; input?: string; allowFailure?: boolean } = {},
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(resolveTool(name), args, {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const status = result.status ?? 1;
  if (status !== 0 && !options.allowFailure) {
    throw new Error(`${name} ${args.join(' ')} failed (exit ${status}):\n${result.stderr}${result.stdout}`);
  }
  return { status, stdout: result.stdout, stderr: result.stderr };
}
