import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../core/errors.ts';
import { DEFAULT_BOT_LOGIN } from '../github/client.ts';
import { postEvaluation } from '../github/post.ts';
import { PolicyEvaluator, todayUtc } from '../policy/evaluator.ts';
import { ArtifactRejectedError, readArtifact } from '../pull-request/artifact.ts';
import { renderComment, verdict } from '../pull-request/comment.ts';
import { defaultBase, evaluateWorkingTree } from '../pull-request/evaluate.ts';
import { githubWorkflow, parseIsoDate } from './common.ts';
import type { CommandContext } from './context.ts';

interface CommentOptions {
  dryRun?: boolean;
  base?: string;
  date?: string;
  artifact?: string;
  repo?: string;
  headSha?: string;
  runId?: string;
  botLogin: string;
}

async function dryRun(context: CommandContext, options: CommentOptions): Promise<void> {
  const cwd = context.io.cwd;
  const artifact = evaluateWorkingTree({
    cwd,
    base: options.base ?? defaultBase(cwd),
    evaluator: await PolicyEvaluator.load(),
    date: options.date === undefined ? todayUtc() : parseIsoDate(options.date),
  });
  context.io.stdout.write(renderComment(artifact, { target: 'comment', workingTree: true }));
  context.exitCode = verdict(artifact).passed ? EXIT_OK : EXIT_FAILED;
}

/** The poster: verify the downloaded artifact, then upsert the comment and labels on its pull request. */
async function post(context: CommandContext, options: CommentOptions): Promise<void> {
  const env = context.io.env;
  const token = env.GITHUB_TOKEN;
  if (!token)
    throw new UsageError('posting needs a token in $GITHUB_TOKEN (use --dry-run to preview instead)');
  if (!options.artifact) throw new UsageError('posting needs --artifact FILE (or use --dry-run)');
  if (!options.headSha)
    throw new UsageError('posting needs --head-sha: the head commit of the evaluation run');
  const repoName = options.repo ?? env.GITHUB_REPOSITORY;
  if (!repoName) throw new UsageError('posting needs --repo owner/name (or $GITHUB_REPOSITORY)');
  const { octokit, owner, repo, links, runUrl } = githubWorkflow(env, token, repoName, options.runId);
  let artifact: ReturnType<typeof readArtifact>;
  try {
    artifact = readArtifact(resolve(context.io.cwd, options.artifact), options.headSha);
  } catch (error) {
    if (!(error instanceof ArtifactRejectedError)) throw error;
    context.err(`artifact rejected, nothing posted: ${error.message}`);
    context.exitCode = EXIT_FAILED;
    return;
  }
  const outcome = await postEvaluation(octokit, {
    owner,
    repo,
    artifact,
    botLogin: options.botLogin,
    links,
    runUrl,
  });
  context.out(outcome.message);
  context.exitCode = EXIT_OK;
}

export function register(program: Command, context: CommandContext, summary: string): void {
  program
    .command('comment')
    .summary(summary)
    .description(
      "Preview (--dry-run) or post the pull request's evaluation comment. The dry run evaluates the requests " +
        'this branch changes, working tree included, and prints the comment reviewers would see; it needs no ' +
        'token and exits 1 when the check would fail.',
    )
    .option('--dry-run', "print the comment for this branch's changed requests; no token, nothing posted")
    .option('--base <ref>', 'dry run: the branch to compare with (default: origin/HEAD, origin/main, main)')
    .option('--date <YYYY-MM-DD>', 'dry run: evaluation date (default: today, UTC)')
    .option('--artifact <file>', 'post: the evaluation artifact downloaded from the evaluation run')
    .option('--repo <owner/name>', 'post: the repository (default: $GITHUB_REPOSITORY)')
    .option('--head-sha <sha>', 'post: the head commit GitHub reported for the evaluation run')
    .option('--run-id <id>', 'post: the evaluation run whose job summary holds the full report')
    .addOption(
      new Option('--bot-login <login>', 'post: the login the token posts as').default(DEFAULT_BOT_LOGIN),
    )
    .action(async (options: CommentOptions) => {
      if (options.dryRun) await dryRun(context, options);
      else await post(context, options);
    });
}
