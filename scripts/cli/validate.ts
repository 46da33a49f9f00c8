import { relative } from 'node:path';
import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../core/errors.ts';
import { type Colours, plainColours } from '../render/colours.ts';
import { terminalText } from '../render/escape.ts';
import { located } from '../render/position.ts';
import { countText } from '../render/report.ts';
import type { LocatedError } from '../request/types.ts';
import { type CheckedRequest, checkRequestFile } from '../request/validate.ts';
import { requestFilesFrom } from './common.ts';
import type { CommandContext } from './context.ts';

function errorLine(e: LocatedError, c: Colours, prefix = ''): string {
  return `${c.bold(terminalText(located(e.file, e)))} ${prefix}${terminalText(e.message)}`;
}

/** The lines for one checked file: `file:line:column message` per error, or one line saying it is valid. */
export function validationLines(checked: CheckedRequest, c: Colours = plainColours): string[] {
  const lines = checked.valid
    ? [`${terminalText(checked.file)}: ${c.green('the format is valid')}`]
    : checked.errors.map((e) => errorLine(e, c));
  for (const w of checked.warnings) lines.push(errorLine(w, c, c.yellow('warning: ')));
  return lines;
}

export interface ValidationTally {
  files: number;
  invalid: number;
  errors: number;
}

/** The final line: how many files were checked and how many are invalid. */
export function validationSummary({ files, invalid, errors }: ValidationTally): string {
  const checked = `${countText(files, 'request file')} checked`;
  // The format says nothing of the policy: say so, and where the policy's findings are.
  if (invalid === 0) return `${checked}: the format is valid; run npx exemptions check for the policy`;
  return `${checked}: ${files - invalid} valid, ${invalid} invalid (${countText(errors, 'error')})`;
}

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('validate')
    .summary(summary)
    .description(
      'Check request files against the request format and the location rules only (default: every request under requests/); `exemptions check` adds the policy. Exit 0 all valid, 1 any invalid, 2 usage error.',
    )
    .argument('[paths...]', 'request files or folders')
    .option('-q, --quiet', 'print only the problems and the last line')
    .action((given: string[], options: { quiet?: boolean }) => {
      const { files, missing } = requestFilesFrom(given, context, 'validate');
      if (files.length === 0) return;
      const tally: ValidationTally = { files: 0, invalid: 0, errors: 0 };
      for (const path of files) {
        // Each file is printed as soon as it is checked and then let go: a run over thousands of files
        // keeps only the tally in memory.
        const checked = checkRequestFile(path, relative(io.cwd, path) || path);
        tally.files++;
        if (!checked.valid) {
          tally.invalid++;
          tally.errors += checked.errors.length;
        }
        if (!(options.quiet && checked.valid && checked.warnings.length === 0))
          context.out(validationLines(checked, context.colours).join('\n'));
      }
      context.out(validationSummary(tally));
      context.exitCode = missing ? EXIT_USAGE : tally.invalid > 0 ? EXIT_FAILED : EXIT_OK;
    });
}
