/**
 * `exemptions comment`: the comment reviewers will see, for the requests this branch changes, printed
 * here. Only the trusted check (`exemptions trusted-check`, default-branch code) writes on a pull request; no
 * command posts what a pull request's own run produced.
 */
import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_OK } from '../core/errors.ts';
import { PolicyEvaluator, todayUtc } from '../policy/evaluator.ts';
import { renderComment, verdict } from '../pull-request/comment.ts';
import { defaultBase, evaluateWorkingTree } from '../pull-request/evaluate.ts';
import { parseIsoDate } from './common.ts';
import type { CommandContext } from './context.ts';

interface CommentOptions {
  dryRun?: boolean;
  base?: string;
  date?: string;
}

async function preview(context: CommandContext, options: CommentOptions): Promise<void> {
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

export function register(program: Command, context: CommandContext, summary: string): void {
  program
    .command('comment')
    .summary(summary)
    .description(
      'Print the evaluation comment reviewers would see for the requests this branch changes, working tree ' +
        'included. It needs no token, posts nothing, and exits 1 when the check would fail. The comment on a ' +
        'pull request is posted only by the trusted check (`exemptions trusted-check`).',
    )
    .option('--dry-run', 'the only mode, accepted for scripts that name it')
    .option('--base <ref>', 'the branch to compare with (default: origin/HEAD, origin/main, main)')
    .option('--date <YYYY-MM-DD>', 'evaluation date (default: today, UTC)')
    .action(async (options: CommentOptions) => {
      await preview(context, options);
    });
}
