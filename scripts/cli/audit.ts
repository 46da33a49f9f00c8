import { appendFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { type AuditResult, DEFAULT_REQUEST_SCHEMA, runAudit } from '../audit/audit.ts';
import {
  centralFile,
  compareFolder,
  grantsOf,
  readManifest,
  writeCentralFile,
} from '../audit/central-file.ts';
import type { GitHubSource } from '../audit/enrich.ts';
import {
  LINE_ENDINGS,
  type LineEnding,
  renderDecisions,
  renderRegister,
  renderSummary,
  type RegisterFormat as TextFormat,
  violationLines,
} from '../audit/render.ts';
import { SITE_PAGE, writeSite } from '../audit/site.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../core/errors.ts';
import { git } from '../core/git.ts';
import { silentProgress } from '../core/progress.ts';
import { createGitHubClient, parseRepo, type Repo } from '../github/client.ts';
import { todayUtc } from '../policy/evaluator.ts';
import { terminalText } from '../render/escape.ts';
import { terminalProgress } from '../render/progress.ts';
import { parseIsoDate } from './common.ts';
import type { CliIo, CommandContext } from './context.ts';

type RegisterFormat = TextFormat | 'html';

interface AuditOptions {
  format: RegisterFormat;
  /** true: list the violations; a folder: verify that central file against the repository. */
  verify?: boolean | string;
  out?: string;
  centralFile?: string;
  asOf?: string;
  expiringWithin?: string;
  branch: string;
  repoDir: string;
  schema: string;
  tokenEnv?: string;
  github: boolean;
  repo?: string;
  summary?: string;
  csv?: string;
  lineEndings: LineEnding;
  decisions?: boolean;
}

function parseDays(value: string): number {
  if (!/^\d{1,5}$/.test(value)) {
    throw new UsageError(`--expiring-within must be a whole number of days, not "${value}"`);
  }
  return Number(value);
}

/** owner/name from `--repo`, `$GITHUB_REPOSITORY`, or the `origin` remote of a GitHub clone. */
function repositoryOf(repoDir: string, explicit: string | undefined, env: CliIo['env']): Repo | null {
  const named = explicit ?? env.GITHUB_REPOSITORY;
  if (named) return parseRepo(named);
  try {
    const url = git(repoDir, ['remote', 'get-url', 'origin']).toString('utf8').trim();
    const match = /github\.com[:/]([^/]+)\/([^/]+?)(?:\.git)?$/.exec(url);
    return match?.[1] && match[2] ? { owner: match[1], repo: match[2] } : null;
  } catch {
    return null;
  }
}

/** The GitHub cross-check, when a token is available; the audit never needs one. */
function githubSource(context: CommandContext, options: AuditOptions): GitHubSource | undefined {
  const env = context.io.env;
  if (!options.github) return undefined;
  const variable = options.tokenEnv ?? 'GITHUB_TOKEN';
  const token = env[variable];
  if (!token) {
    if (options.tokenEnv) throw new UsageError(`--token-env ${variable}: that variable is not set`);
    return undefined;
  }
  const repo = repositoryOf(resolve(context.io.cwd, options.repoDir), options.repo, env);
  if (!repo) {
    context.err(
      'a token is set but the repository is unknown (use --repo owner/name): auditing from git alone',
    );
    return undefined;
  }
  const octokit = createGitHubClient({
    token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  return { octokit, ...repo };
}

/** The audit of the repository the options name, as of `asOf`. */
function auditAt(
  context: CommandContext,
  options: AuditOptions,
  asOf: string,
  github: GitHubSource | undefined,
  extras: { decisions: boolean; queue: boolean } = { decisions: false, queue: false },
): Promise<AuditResult> {
  const { io } = context;
  const expiringWithinDays =
    options.expiringWithin === undefined ? undefined : parseDays(options.expiringWithin);
  return runAudit({
    repoDir: resolve(io.cwd, options.repoDir),
    branch: options.branch,
    asOf,
    ...(expiringWithinDays === undefined ? {} : { expiringWithinDays }),
    requestSchema: options.schema,
    progress: io.terminal ? terminalProgress(io.terminal) : silentProgress,
    ...(github ? { github } : {}),
    ...extras,
  });
}

function outDir(context: CommandContext, options: AuditOptions, what: string): string {
  if (!options.out) throw new UsageError(`${what} writes a folder: give it with --out DIR`);
  return resolve(context.io.cwd, options.out);
}

/** `--central-file AGENCY --out DIR`: the agency's granted exemptions with their evidence, from git alone. */
async function writeAgencyFile(context: CommandContext, options: AuditOptions, code: string): Promise<void> {
  const dir = outDir(context, options, '--central-file');
  const asOf = options.asOf === undefined ? todayUtc() : parseIsoDate(options.asOf, '--as-of');
  // Git alone, so the folder verifies from any clone, with or without a token.
  const result = await auditAt(context, options, asOf, undefined);
  const files = centralFile(resolve(context.io.cwd, options.repoDir), result, code);
  writeCentralFile(files, dir);
  const held = grantsOf(result, code).length;
  context.err(
    `wrote the central file of ${code} as of ${result.as_of} to ${options.out}: ${held} granted exemption${held === 1 ? '' : 's'}, ${files.size} files, each in manifest.json with its SHA-256`,
  );
}

/** `--verify DIR`: the handed-over central file, written again from the repository and compared. */
async function verifyAgencyFile(
  context: CommandContext,
  options: AuditOptions,
  folder: string,
): Promise<void> {
  const dir = resolve(context.io.cwd, folder);
  const manifest = readManifest(dir);
  if (options.centralFile && options.centralFile !== manifest.agency)
    throw new UsageError(
      `--central-file ${options.centralFile}: the folder is the central file of ${manifest.agency}`,
    );
  if (options.asOf !== undefined && options.asOf !== manifest.as_of)
    throw new UsageError(`--as-of ${options.asOf}: the folder was written as of ${manifest.as_of}`);
  const result = await auditAt(context, { ...options, branch: manifest.branch }, manifest.as_of, undefined);
  const expected = centralFile(resolve(context.io.cwd, options.repoDir), result, manifest.agency);
  const differences = compareFolder(expected, dir);
  for (const d of differences) context.err(terminalText(`${d.kind}: ${d.path}: ${d.detail}`));
  context.err(
    differences.length === 0
      ? `verified: the central file of ${manifest.agency} as of ${manifest.as_of} matches the repository (${expected.size} files)`
      : `verify: ${differences.length} file${differences.length === 1 ? '' : 's'} differ from what the repository gives`,
  );
  context.exitCode = differences.length === 0 ? EXIT_OK : EXIT_FAILED;
}

async function audit(context: CommandContext, options: AuditOptions): Promise<void> {
  const { io } = context;
  if (typeof options.verify === 'string') return verifyAgencyFile(context, options, options.verify);
  if (options.centralFile) return writeAgencyFile(context, options, options.centralFile);
  const site = options.format === 'html' ? outDir(context, options, '--format html') : null;
  const asOf = options.asOf === undefined ? todayUtc() : parseIsoDate(options.asOf, '--as-of');
  const github = githubSource(context, options);
  if (options.decisions && !github) {
    throw new UsageError(
      'the decision log needs the GitHub API (git does not record a pull request closed without a merge): set GITHUB_TOKEN, or name the variable with --token-env, and give --repo owner/name',
    );
  }
  // The site shows the decision log and the review queue whenever GitHub can be asked.
  const result = await auditAt(context, options, asOf, github, {
    decisions: options.decisions === true || (site !== null && github !== undefined),
    queue: site !== null && github !== undefined,
  });
  const rendering = { lineEnding: options.lineEndings };
  const format = options.format;
  if (format === 'html') {
    writeSite(result, site ?? '');
    context.err(`wrote the register site to ${join(options.out ?? '', SITE_PAGE)}`);
  } else
    io.stdout.write(
      (options.decisions ? renderDecisions(result, format, rendering) : null) ??
        renderRegister(result, format, rendering),
    );
  if (options.summary) appendFileSync(resolve(io.cwd, options.summary), renderSummary(result));
  if (options.csv) writeFileSync(resolve(io.cwd, options.csv), renderRegister(result, 'csv', rendering));
  const { stats } = result;
  context.err(
    `audited ${stats.commits} commits on ${result.branch} (${stats.audited_commits} changed requests or governance ` +
      `files), ${result.rows.length} register rows, ${stats.compilations} policy versions compiled, ` +
      `${(stats.milliseconds / 1000).toFixed(1)} s`,
  );
  if (options.verify) {
    for (const line of violationLines(result)) context.err(line);
    context.err(
      result.violations.length === 0
        ? 'verify: no violations'
        : `verify: ${result.violations.length} violations`,
    );
    context.exitCode = result.violations.length === 0 ? EXIT_OK : EXIT_FAILED;
  }
}

export function register(program: Command, context: CommandContext, summary: string): void {
  program
    .command('audit')
    .summary(summary)
    .description(
      'Rebuild the register of exemption requests from the first-parent history of the default branch: ' +
        'who merged each change, the CODEOWNERS then in force, the decision re-evaluated with the policy ' +
        'of the time, and contract and ATO-term ends coming up. Works from git alone; with a token it also ' +
        "cross-checks GitHub's merged_by and approving reviews.",
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['markdown', 'csv', 'json', 'html'])
        .default('markdown'),
    )
    .option(
      '--out <dir>',
      'the folder --format html writes the register site into, or --central-file the central file',
    )
    .option(
      '--verify [dir]',
      'list every violation on stderr and exit 1 if there is any; with a folder, check that central file against the repository instead',
    )
    .option(
      '--central-file <agency>',
      "write the agency's central file of granted exemptions, with their documents, decision, approval and a SHA-256 manifest, into --out",
    )
    .option(
      '--as-of <YYYY-MM-DD>',
      'audit date: later history is left out, expiries count from it (default: today, UTC)',
    )
    .option(
      '--expiring-within <days>',
      'list exemption-term and ATO-term ends within this many days (default: the longest expiry notice of the reference data)',
    )
    .option('--branch <name>', 'the default branch', 'main')
    .option('--repo-dir <dir>', 'the repository to audit', '.')
    .option('--schema <path>', 'the request schema, relative to the repository root', DEFAULT_REQUEST_SCHEMA)
    .option(
      '--token-env <name>',
      'environment variable holding a GitHub token (default: GITHUB_TOKEN if set)',
    )
    .option('--repo <owner/name>', 'the GitHub repository (default: $GITHUB_REPOSITORY or the origin remote)')
    .option('--no-github', 'do not ask GitHub even when a token is set')
    .option(
      '--summary <file>',
      'also append the markdown register to this file (a CI job summary), cut to the 1 MiB GitHub keeps',
    )
    .option('--csv <file>', 'also write the CSV register to this file (for the run artifact)')
    .addOption(
      new Option('--line-endings <ending>', 'how CSV records end: crlf (RFC 4180, spreadsheets) or lf')
        .choices([...LINE_ENDINGS])
        .default('crlf'),
    )
    .option(
      '--decisions',
      'print the decision log instead of the register: pull requests that changed requests and were closed without a merge (needs a token)',
    )
    .action((options: AuditOptions) => audit(context, options));
}
