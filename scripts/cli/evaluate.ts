import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../core/errors.ts';
import { todayUtc } from '../policy/evaluator.ts';
import { recordOfDefaultBranch } from '../pull-request/record.ts';
import { terminalProgress } from '../render/progress.ts';
import { type ReportFormat, reportPieces } from '../render/report.ts';
import { expandPaths, noRequestFilesMessage } from '../request/discover.ts';
import { evaluateRequestFiles } from '../run/parallel.ts';
import { allAcceptable } from '../run/pipeline.ts';
import { parseIsoDate } from './common.ts';
import { type CommandContext, writeAll } from './context.ts';

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--workers must be a whole number from 1 to 64, not "${value}"`);
  return n;
}

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('evaluate')
    .summary(summary)
    .description('Validate and evaluate requests (default: every request under requests/).')
    .argument('[paths...]', 'request files or folders')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('--date <YYYY-MM-DD>', 'evaluation date (default: today, UTC)')
    .option(
      '--workers <n>',
      'threads that evaluate a large run, this one included (default: one per core)',
      parseWorkers,
    )
    .action(async (paths: string[], options: { format: ReportFormat; date?: string; workers?: number }) => {
      const date = options.date === undefined ? todayUtc() : parseIsoDate(options.date);
      const files = expandPaths(
        paths.map((p) => resolve(io.cwd, p)),
        io.cwd,
      );
      if (files.length === 0 && options.format === 'text') {
        // Nothing to report: the one line says so and how to try the examples.
        context.out(noRequestFilesMessage(paths.length > 0));
        return;
      }
      // On stderr, so that --format json still prints only its one document on stdout.
      if (files.length === 0) context.err(noRequestFilesMessage(paths.length > 0));
      const report = await evaluateRequestFiles(files, date, {
        workers: options.workers,
        cwd: io.cwd,
        record: () => recordOfDefaultBranch(io.cwd),
        ...(io.terminal ? { progress: terminalProgress(io.terminal) } : {}),
      });
      // Written as it is rendered: the whole report of a large run never sits in memory at once.
      await writeAll(io.stdout, reportPieces(report, options.format));
      context.exitCode = allAcceptable(report) ? EXIT_OK : EXIT_FAILED;
    });
}
