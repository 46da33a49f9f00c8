import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DEFAULT_REQUEST_SCHEMA, runAudit } from '../audit/audit.ts';
import type { GitHubSource } from '../audit/enrich.ts';
import {
  LINE_ENDINGS,
  type LineEnding,
  type RegisterFormat,
  renderDecisions,
  renderRegister,
  renderSummary,
  violationLines,
} from '../audit/render.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../core/errors.ts';
import { git } from '../core/git.ts';
import { silentProgress } from '../core/progress.ts';
import { createGitHubClient, parseRepo, type Repo } from '../github/client.ts';
import { todayUtc } from '../policy/evaluator.ts';
import { terminalProgress } from '../render/progress.ts';
import { parseIsoDate } from './common.ts';
import type { CliIo, CommandContext } from './context.ts';

interface AuditOptions {
  format: RegisterFormat;
  verify?: boolean;
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

async function audit(context: CommandContext, options: AuditOptions): Promise<void> {
  const { io } = context;
  const asOf = options.asOf === undefined ? todayUtc() : parseIsoDate(options.asOf, '--as-of');
  const expiringWithinDays =
    options.expiringWithin === undefined ? undefined : parseDays(options.expiringWithin);
  const github = githubSource(context, options);
  if (options.decisions && !github) {
    throw new UsageError(
      'the decision log needs the GitHub API (git does not record a pull request closed without a merge): set GITHUB_TOKEN, or name the variable with --token-env, and give --repo owner/name',
    );
  }
  const result = await runAudit({
    repoDir: resolve(io.cwd, options.repoDir),
    branch: options.branch,
    asOf,
    ...(expiringWithinDays === undefined ? {} : { expiringWithinDays }),
    requestSchema: options.schema,
    progress: io.terminal ? terminalProgress(io.terminal) : silentProgress,
    ...(github ? { github } : {}),
    decisions: options.decisions === true,
  });
  const rendering = { lineEnding: options.lineEndings };
  io.stdout.write(
    (options.decisions ? renderDecisions(result, options.format, rendering) : null) ??
      renderRegister(result, options.format, rendering),
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
        .choices(['markdown', 'csv', 'json'])
        .default('markdown'),
    )
    .option('--verify', 'list every violation on stderr and exit 1 if there is any')
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
