import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../core/errors.ts';
import { PolicyEvaluator, todayUtc } from '../policy/evaluator.ts';
import { annotationsFor, formatAnnotation } from '../pull-request/annotations.ts';
import { writeArtifact } from '../pull-request/artifact.ts';
import { linkTarget, renderComment, verdict } from '../pull-request/comment.ts';
import { evaluatePullRequest } from '../pull-request/evaluate.ts';
import { pullRequestImpact } from '../pull-request/impact.ts';
import { parseIsoDate } from './common.ts';
import type { CommandContext } from './context.ts';

interface PrEvaluateOptions {
  base: string;
  head: string;
  pr: string;
  repoDir: string;
  artifact: string;
  summary?: string;
  date?: string;
  repo?: string;
}

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('pr-evaluate')
    .summary(summary)
    .description(
      "The pull-request check: evaluates the request files the pull request changes with this checkout's " +
        'policy (the base branch in the workflow), reading the pull request only as git data; writes the ' +
        'result artifact, the job summary and line annotations; exits 1 unless every changed request is ready ' +
        'for decision or not required and the integrity rule holds. When the pull request changes policies/ ' +
        'or schemas/, the job summary also shows the impact on every request on file (`exemptions impact`), ' +
        'as information: it never changes the exit code.',
    )
    .requiredOption('--base <sha>', 'base commit of the pull request')
    .requiredOption('--head <sha>', 'head commit of the pull request')
    .requiredOption('--pr <number>', 'pull request number')
    .requiredOption('--artifact <file>', 'where to write the result artifact (JSON)')
    .option('--repo-dir <dir>', 'git repository holding both commits (read as data only)', '.')
    .option('--summary <file>', 'append the report here (the job summary, $GITHUB_STEP_SUMMARY)')
    .option('--date <YYYY-MM-DD>', 'evaluation date (default: today, UTC)')
    .option('--repo <owner/name>', 'repository for links (default: $GITHUB_REPOSITORY)')
    .action(async (options: PrEvaluateOptions) => {
      if (!/^\d{1,10}$/.test(options.pr) || Number(options.pr) < 1) {
        throw new UsageError('--pr must be a pull request number');
      }
      const repoDir = resolve(io.cwd, options.repoDir);
      const date = options.date === undefined ? todayUtc() : parseIsoDate(options.date);
      const artifact = evaluatePullRequest({
        repoDir,
        base: options.base,
        head: options.head,
        number: Number(options.pr),
        evaluator: await PolicyEvaluator.load(),
        date,
      });
      writeArtifact(resolve(io.cwd, options.artifact), artifact);
      if (options.summary) {
        const links = linkTarget(
          io.env.GITHUB_SERVER_URL ?? 'https://github.com',
          options.repo ?? io.env.GITHUB_REPOSITORY,
        );
        // A change to the rules: what it does to every request on file, as information beside the verdict.
        const impact = await pullRequestImpact({ repoDir, base: options.base, head: options.head, date });
        appendFileSync(
          resolve(io.cwd, options.summary),
          renderComment(artifact, { target: 'summary', links, impact }),
        );
      }
      // Annotations are the only lines printed: request text reaches stdout escaped, never raw.
      for (const annotation of annotationsFor(artifact)) context.out(formatAnnotation(annotation));
      const result = verdict(artifact);
      context.out(
        result.passed
          ? `evaluation passed: ${artifact.results.length} changed request(s)`
          : `evaluation failed: ${result.reasons.join('; ')}`,
      );
      context.exitCode = result.passed ? EXIT_OK : EXIT_FAILED;
    });
}
