import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AuditResult } from '../audit/audit.ts';
import { upsertAuditIssue } from '../audit/issue.ts';
import { hasFindings, renderIssueBody } from '../audit/render.ts';
import { EXIT_OK, UsageError } from '../core/errors.ts';
import { createGitHubClient, DEFAULT_BOT_LOGIN, parseRepo } from '../github/client.ts';
import type { CommandContext } from './context.ts';

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

async function publishIssue(
  context: CommandContext,
  options: { from: string; repo?: string; botLogin: string; runUrl?: string },
): Promise<void> {
  const env = context.io.env;
  const token = env.GITHUB_TOKEN;
  if (!token) throw new UsageError('audit-issue needs a token in $GITHUB_TOKEN');
  const name = options.repo ?? env.GITHUB_REPOSITORY;
  if (!name) throw new UsageError('audit-issue needs --repo owner/name (or $GITHUB_REPOSITORY)');
  const result = readAuditJson(resolve(context.io.cwd, options.from));
  const octokit = createGitHubClient({
    token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  const outcome = await upsertAuditIssue(
    { octokit, ...parseRepo(name), botLogin: options.botLogin },
    renderIssueBody(result, options.runUrl),
    hasFindings(result),
  );
  context.out(
    outcome.action === 'none'
      ? 'nothing to report and no open audit issue: nothing written'
      : `audit issue #${outcome.number} ${outcome.action}`,
  );
  context.exitCode = EXIT_OK;
}

export function register(program: Command, context: CommandContext, summary: string): void {
  program
    .command('audit-issue')
    .summary(summary)
    .description(
      'Open or update the one audit issue (found by its hidden marker and bot author) from a register written ' +
        'by audit --format json: upcoming expiries and violations. Closes it when nothing is left to report.',
    )
    .requiredOption('--from <file>', 'the JSON register')
    .option('--repo <owner/name>', 'the repository (default: $GITHUB_REPOSITORY)')
    .option('--bot-login <login>', "the token's login, whose issue is kept", DEFAULT_BOT_LOGIN)
    .option('--run-url <url>', 'the audit run whose job summary and artifact hold the whole register')
    .action((options: { from: string; repo?: string; botLogin: string; runUrl?: string }) =>
      publishIssue(context, options),
    );
}
