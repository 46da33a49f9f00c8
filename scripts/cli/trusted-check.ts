import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../core/errors.ts';
import { DEFAULT_BOT_LOGIN } from '../github/client.ts';
import { markEvaluating, runTrustedCheck, TRUSTED_CHECK_CONTEXT } from '../github/trusted-check.ts';
import { PolicyEvaluator, todayUtc } from '../policy/evaluator.ts';
import { parseIsoDate } from './common.ts';
import type { CommandContext } from './context.ts';
import { githubWorkflow } from './github-workflow.ts';

interface CheckOptions {
  repo?: string;
  headSha: string;
  headLabel: string;
  repoDir: string;
  date?: string;
  runId?: string;
  evaluationRunId?: string;
  botLogin: string;
  pending?: boolean;
}

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('trusted-check')
    .summary(summary)
    .description(
      `The trusted check, run from the default branch after a pull request's run: finds the open pull request ` +
        'at that head through the API, fetches its commits into this clone as data, evaluates them with ' +
        `this checkout's policy, posts the comment and sets the status "${TRUSTED_CHECK_CONTEXT}" on the ` +
        'head. Exits 1 when the status is a failure.',
    )
    .requiredOption('--head-sha <sha>', 'the head commit of the finished pull-request run')
    .requiredOption('--head-label <owner:branch>', 'the head of that run: repository owner and branch')
    .option('--repo <owner/name>', 'the repository (default: $GITHUB_REPOSITORY)')
    .option('--repo-dir <dir>', 'a clone of the default branch with full history', '.')
    .option('--date <YYYY-MM-DD>', 'evaluation date (default: today, UTC)')
    .option('--run-id <id>', 'this run, linked from the status and the comment')
    .option(
      '--evaluation-run-id <id>',
      "the pull request's own run, whose summary lists the impact of a change to the rules (linked as information)",
    )
    .option('--pending', 'a run was just requested: set the status pending and mark the comment out of date')
    .addOption(new Option('--bot-login <login>', 'the login the token posts as').default(DEFAULT_BOT_LOGIN))
    .action(async (options: CheckOptions) => {
      const token = io.env.GITHUB_TOKEN;
      if (!token) throw new UsageError('the check needs a token in $GITHUB_TOKEN');
      if (!/^[0-9a-f]{40}$/.test(options.headSha))
        throw new UsageError('--head-sha must be a full commit SHA');
      if (!/^[A-Za-z0-9-]+:[^\s:]+$/.test(options.headLabel)) {
        throw new UsageError('--head-label must be owner:branch');
      }
      const repoName = options.repo ?? io.env.GITHUB_REPOSITORY;
      if (!repoName) throw new UsageError('the check needs --repo owner/name (or $GITHUB_REPOSITORY)');
      const { octokit, runPage, ...where } = githubWorkflow(io.env, token, repoName, options.runId);
      const evaluationRunUrl = runPage(options.evaluationRunId, '--evaluation-run-id');
      if (options.pending) {
        const marked = await markEvaluating(octokit, {
          ...where,
          headSha: options.headSha,
          headLabel: options.headLabel,
          botLogin: options.botLogin,
        });
        context.out(marked.status === 'set' ? `status pending on ${marked.sha}` : marked.message);
        context.exitCode = EXIT_OK;
        return;
      }
      const outcome = await runTrustedCheck(octokit, {
        ...where,
        headSha: options.headSha,
        headLabel: options.headLabel,
        repoDir: resolve(io.cwd, options.repoDir),
        evaluator: await PolicyEvaluator.load(),
        date: options.date === undefined ? todayUtc() : parseIsoDate(options.date),
        botLogin: options.botLogin,
        evaluationRunUrl,
      });
      if (outcome.status !== 'set') {
        context.out(outcome.message);
        context.exitCode = EXIT_OK;
        return;
      }
      if (outcome.post) context.out(outcome.post.message);
      context.out(`status ${outcome.state} on ${outcome.sha}: ${outcome.description}`);
      context.exitCode = outcome.state === 'success' ? EXIT_OK : EXIT_FAILED;
    });
}
