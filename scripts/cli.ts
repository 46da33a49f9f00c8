/**
 * The `exemptions` command line: parses arguments, calls the library, prints, and sets the exit code
 * (0 success, 1 a request is invalid or not acceptable, 2 usage or internal error).
 */
import { Command, CommanderError, Option } from 'commander';
import { expandPaths } from './discover.ts';
import { PolicyEvaluator, todayUtc } from './evaluate.ts';
import { allAcceptable, evaluateFiles } from './pipeline.ts';
import { type ReportFormat, renderReport } from './report.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A problem with how the command was called (exit 2). */
export class UsageError extends Error {}

function parseIsoDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = new Date(`${value}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--date must be a calendar date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

export function buildProgram(): Command {
  const program = new Command('exemptions')
    .description('Exemption requests from the CALNET MSA and CGEN: validate, evaluate, comment, audit.')
    .showHelpAfterError()
    .exitOverride();

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
      const report = evaluateFiles(expandPaths(paths), evaluator, date);
      process.stdout.write(renderReport(report, options.format));
      process.exitCode = allAcceptable(report) ? EXIT_OK : EXIT_FAILED;
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = EXIT_OK;
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? EXIT_OK);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0; bad arguments with a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    console.error(`exemptions: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
}

process.exitCode = await main(process.argv.slice(2));
