import { type Command, Option } from 'commander';
import { expandPaths, noRequestFilesMessage } from '../discover.ts';
import { PolicyEvaluator, todayUtc } from '../evaluate.ts';
import { allAcceptable, evaluateFiles } from '../pipeline.ts';
import { type ReportFormat, renderReport } from '../report.ts';
import { EXIT_FAILED, EXIT_OK, parseIsoDate } from './common.ts';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('Validate and evaluate requests (default: every request under requests/).')
    .argument('[paths...]', 'request files or folders')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('--date <YYYY-MM-DD>', 'evaluation date (default: today, UTC)')
    .action(async (paths: string[], options: { format: ReportFormat; date?: string }) => {
      const date = options.date === undefined ? todayUtc() : parseIsoDate(options.date);
      const evaluator = await PolicyEvaluator.load();
      const files = expandPaths(paths);
      // On stderr, so that --format json still prints only its one document on stdout.
      if (files.length === 0) console.error(noRequestFilesMessage(paths.length > 0));
      const report = evaluateFiles(files, evaluator, date);
      process.stdout.write(renderReport(report, options.format));
      process.exitCode = allAcceptable(report) ? EXIT_OK : EXIT_FAILED;
    });
}
