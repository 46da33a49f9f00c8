import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../core/errors.ts';
import { createGitHubClient, parseRepo } from '../github/client.ts';
import { applyGovernance, verifyGovernance } from '../github/governance.ts';
import type { CommandContext } from './context.ts';

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('governance')
    .summary(summary)
    .description(
      'Apply or verify the default-branch ruleset and merge settings of docs/governance.md through the REST ' +
        'API (token with repository administration rights in $GITHUB_TOKEN). Exits 1 when settings differ.',
    )
    .option('--apply', 'create or update the ruleset and merge settings, then verify them')
    .option('--verify', 'only read the settings and list every difference')
    .requiredOption('--repo <owner/name>', 'the repository')
    .action(async (options: { apply?: boolean; verify?: boolean; repo: string }) => {
      if (Boolean(options.apply) === Boolean(options.verify))
        throw new UsageError('give exactly one of --apply, --verify');
      const token = io.env.GITHUB_TOKEN;
      if (!token) throw new UsageError('a token with administration rights is needed in $GITHUB_TOKEN');
      const where = parseRepo(options.repo);
      const octokit = createGitHubClient({
        token,
        ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
      });
      const drift = options.apply
        ? await applyGovernance(octokit, where)
        : await verifyGovernance(octokit, where);
      for (const line of drift) context.out(`differs: ${line}`);
      context.out(
        drift.length === 0
          ? `${options.repo}: governance settings match docs/governance.md`
          : `${drift.length} difference(s)`,
      );
      context.exitCode = drift.length === 0 ? EXIT_OK : EXIT_FAILED;
    });
}
