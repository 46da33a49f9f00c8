import { appendFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { type AuditResult, DEFAULT_REQUEST_SCHEMA, runAudit } from '../audit/audit.ts';
import type { GitHubSource } from '../audit/enrich.ts';
import { upsertAuditIssue } from '../audit/issue.ts';
import { terminalProgress } from '../audit/progress.ts';
import {
  hasFindings,
  type RegisterFormat,
  renderIssueBody,
  renderRegister,
  violationLines,
} from '../audit/render.ts';
import { git } from '../core/git.ts';
import { createGitHubClient, DEFAULT_BOT_LOGIN, parseRepo, type Repo } from '../github/client.ts';
import { todayUtc } from '../policy/evaluator.ts';
import { EXIT_FAILED, EXIT_OK, parseIsoDate, UsageError } from './common.ts';

interface AuditOptions {
  format: RegisterFormat;
  verify?: boolean;
  asOf?: string;
  expiringWithin: string;
  branch: string;
  repoDir: string;
  schema: string;
  tokenEnv?: string;
  github: boolean;
  repo?: string;
  summary?: string;
}

function parseDays(value: string): number {
  if (!/^\d{1,5}$/.test(value)) {
    throw new UsageError(`--expiring-within must be a whole number of days, not "${value}"`);
  }
  return Number(value);
}

/** owner/name from `--repo`, `$GITHUB_REPOSITORY`, or the `origin` remote of a GitHub clone. */
function repositoryOf(repoDir: string, explicit: string | undefined): Repo | null {
  const named = explicit ?? process.env.GITHUB_REPOSITORY;
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
function githubSource(options: AuditOptions): GitHubSource | undefined {
  if (!options.github) return undefined;
  const variable = options.tokenEnv ?? 'GITHUB_TOKEN';
  const token = process.env[variable];
  if (!token) {
    if (options.tokenEnv) throw new UsageError(`--token-env ${variable}: that variable is not set`);
    return undefined;
  }
  const repo = repositoryOf(options.repoDir, options.repo);
  if (!repo) {
    console.error(
      'a token is set but the repository is unknown (use --repo owner/name): auditing from git alone',
    );
    return undefined;
  }
  const env = process.env;
  const octokit = createGitHubClient({
    token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  return { octokit, ...repo };
}

async function audit(options: AuditOptions): Promise<void> {
  const asOf = options.asOf === undefined ? todayUtc() : parseIsoDate(options.asOf, '--as-of');
  const expiringWithinDays = parseDays(options.expiringWithin);
  const github = githubSource(options);
  const result = await runAudit({
    repoDir: resolve(options.repoDir),
    branch: options.branch,
    asOf,
    expiringWithinDays,
    requestSchema: options.schema,
    progress: terminalProgress(),
    ...(github ? { github } : {}),
  });
  process.stdout.write(renderRegister(result, options.format));
  if (options.summary) appendFileSync(options.summary, renderRegister(result, 'markdown'));
  const { stats } = result;
  console.error(
    `audited ${stats.commits} commits on ${result.branch} (${stats.audited_commits} changed requests or governance ` +
      `files), ${result.rows.length} register rows, ${stats.compilations} policy versions compiled, ` +
      `${(stats.milliseconds / 1000).toFixed(1)} s`,
  );
  if (options.verify) {
    for (const line of violationLines(result)) console.error(line);
    console.error(
      result.violations.length === 0
        ? 'verify: no violations'
        : `verify: ${result.violations.length} violations`,
    );
    process.exitCode = result.violations.length === 0 ? EXIT_OK : EXIT_FAILED;
  }
}

/** Reads the JSON register `audit --format json` wrote, refusing anything else. */
export function readAuditJson(file: string): AuditResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `${file}: not a JSON file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const doc = parsed as Partial<AuditResult> & { format?: unknown };
  const shaped =
    doc.format === 1 &&
    Array.isArray(doc.rows) &&
    Array.isArray(doc.violations) &&
    Array.isArray(doc.expiring) &&
    Array.isArray(doc.policies) &&
    Array.isArray(doc.problems) &&
    typeof doc.as_of === 'string' &&
    typeof doc.head === 'string' &&
    typeof doc.branch === 'string' &&
    typeof doc.expiring_within_days === 'number';
  if (!shaped) throw new UsageError(`${file}: not a register written by exemptions audit --format json`);
  return doc as AuditResult;
}

async function publishIssue(options: { from: string; repo?: string; botLogin: string }): Promise<void> {
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('audit-issue needs a token in $GITHUB_TOKEN');
  const name = options.repo ?? process.env.GITHUB_REPOSITORY;
  if (!name) throw new UsageError('audit-issue needs --repo owner/name (or $GITHUB_REPOSITORY)');
  const result = readAuditJson(options.from);
  const env = process.env;
  const octokit = createGitHubClient({
    token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  const outcome = await upsertAuditIssue(
    { octokit, ...parseRepo(name), botLogin: options.botLogin },
    renderIssueBody(result),
    hasFindings(result),
  );
  console.log(
    outcome.action === 'none'
      ? 'nothing to report and no open audit issue: nothing written'
      : `audit issue #${outcome.number} ${outcome.action}`,
  );
  process.exitCode = EXIT_OK;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
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
    .option('--expiring-within <days>', 'list contract and ATO-term ends within this many days', '90')
    .option('--branch <name>', 'the default branch', 'main')
    .option('--repo-dir <dir>', 'the repository to audit', '.')
    .option('--schema <path>', 'the request schema, relative to the repository root', DEFAULT_REQUEST_SCHEMA)
    .option(
      '--token-env <name>',
      'environment variable holding a GitHub token (default: GITHUB_TOKEN if set)',
    )
    .option('--repo <owner/name>', 'the GitHub repository (default: $GITHUB_REPOSITORY or the origin remote)')
    .option('--no-github', 'do not ask GitHub even when a token is set')
    .option('--summary <file>', 'also append the markdown register to this file (a CI job summary)')
    .action(audit);

  program
    .command('audit-issue')
    .description(
      'Open or update the one audit issue (found by its hidden marker and bot author) from a register written ' +
        'by audit --format json: upcoming expiries and violations. Closes it when nothing is left to report.',
    )
    .requiredOption('--from <file>', 'the JSON register')
    .option('--repo <owner/name>', 'the repository (default: $GITHUB_REPOSITORY)')
    .option('--bot-login <login>', "the token's login, whose issue is kept", DEFAULT_BOT_LOGIN)
    .action(publishIssue);
}
