import { type Command, Option } from 'commander';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../core/errors.ts';
import { todayUtc } from '../policy/evaluator.ts';
import { recordOfDefaultBranch } from '../pull-request/record.ts';
import { checkText } from '../render/check-text.ts';
import { findingsOf } from '../render/findings.ts';
import { terminalProgress } from '../render/progress.ts';
import { reportDocument } from '../render/report.ts';
import { reportSarif } from '../render/sarif.ts';
import { evaluateRequestFiles } from '../run/parallel.ts';
import { allAcceptable, type EvaluationReport, type FileResult } from '../run/pipeline.ts';
import { parseIsoDate, requestFilesFrom } from './common.ts';
import type { CommandContext } from './context.ts';

export type CheckFormat = 'text' | 'json' | 'markdown' | 'sarif';
const FORMATS: readonly CheckFormat[] = ['text', 'json', 'markdown', 'sarif'];

interface CheckOptions {
  format: CheckFormat;
  date?: string;
  quiet?: boolean;
}

/** The JSON report of `evaluate`, with each file's findings in the order of the file beside it. */
function checkJson(report: EvaluationReport): string {
  const document = reportDocument(report);
  const results = document.results.map((entry, i) => ({
    ...entry,
    findings: findingsOf(report.results[i] as FileResult),
  }));
  return `${JSON.stringify({ ...document, results }, null, 2)}\n`;
}

/**
 * The run in the format asked for. The comment's modules (and the artifact's schema check) load only for
 * the formats that need them, so that a plain check starts quickly.
 */
async function render(
  report: EvaluationReport,
  options: CheckOptions,
  context: CommandContext,
): Promise<string> {
  if (options.format === 'json') return checkJson(report);
  if (options.format === 'text') {
    return checkText(report, { colours: context.colours, quiet: options.quiet === true });
  }
  const { linkTarget, localLetter } = await import('../pull-request/comment.ts');
  // The letter the pull request's comment will show for these files.
  if (options.format === 'markdown') return localLetter(report);
  // In a workflow, rule links point at the repository's own policy reference.
  const links = linkTarget(context.io.env.GITHUB_SERVER_URL, context.io.env.GITHUB_REPOSITORY);
  return reportSarif(report, links ? { repositoryUrl: `${links.serverUrl}/${links.repository}` } : {});
}

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('check')
    .summary(summary)
    .description(
      'Check requests as the pull request will: the request format, the location rules and the policy in ' +
        'one pass, every problem at once with its file:line:column, the clause and what to write, then ' +
        'the next step. Default: every request under requests/. Exit 0 when every request is ready for ' +
        'decision or needs no exemption, 1 otherwise, 2 for a usage error.',
    )
    .argument('[paths...]', 'request files or folders')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('--date <YYYY-MM-DD>', 'evaluation date (default: today, UTC)')
    .option('-q, --quiet', 'print only what must be fixed and the last line')
    .action(async (given: string[], options: CheckOptions) => {
      const date = options.date === undefined ? todayUtc() : parseIsoDate(options.date);
      const { files, missing } = requestFilesFrom(given, context, 'check');
      if (files.length === 0) return;
      const report = await evaluateRequestFiles(files, date, {
        cwd: io.cwd,
        record: () => recordOfDefaultBranch(io.cwd),
        ...(io.terminal ? { progress: terminalProgress(io.terminal) } : {}),
      });
      io.stdout.write(await render(report, options, context));
      context.exitCode = missing ? EXIT_USAGE : allAcceptable(report) ? EXIT_OK : EXIT_FAILED;
    });
}
