import { relative } from 'node:path';
import type { Command } from 'commander';
import { terminalText } from '../render/escape.ts';
import { located } from '../render/position.ts';
import { countText } from '../render/report.ts';
import { expandPaths, missingPaths, noRequestFilesMessage } from '../request/discover.ts';
import type { LocatedError } from '../request/types.ts';
import { type CheckedRequest, checkRequestFile } from '../request/validate.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './common.ts';

function errorLine(e: LocatedError, prefix = ''): string {
  return `${terminalText(located(e.file, e))} ${prefix}${terminalText(e.message)}`;
}

/** The lines for one checked file: `file:line:column message` per error, or one line saying it is valid. */
export function validationLines(checked: CheckedRequest): string[] {
  const lines = checked.valid
    ? [`${terminalText(checked.file)}: valid`]
    : checked.errors.map((e) => errorLine(e));
  for (const w of checked.warnings) lines.push(errorLine(w, 'warning: '));
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
  if (invalid === 0) return `${checked}: all valid`;
  return `${checked}: ${files - invalid} valid, ${invalid} invalid (${countText(errors, 'error')})`;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description(
      'Check request files against the request format and the location rules (default: every request under requests/). Exit 0 all valid, 1 any invalid, 2 usage error.',
    )
    .argument('[paths...]', 'request files or folders')
    .action((paths: string[]) => {
      const missing = missingPaths(paths);
      for (const path of missing) console.error(`exemptions validate: ${terminalText(path)} does not exist`);
      const files = expandPaths(paths.filter((p) => !missing.includes(p)));
      if (files.length === 0) {
        if (missing.length === 0) {
          console.log(noRequestFilesMessage(paths.length > 0));
        }
        process.exitCode = missing.length > 0 ? EXIT_USAGE : EXIT_OK;
        return;
      }
      const tally: ValidationTally = { files: 0, invalid: 0, errors: 0 };
      for (const path of files) {
        // Each file is printed as soon as it is checked and then let go: a run over thousands of files
        // keeps only the tally in memory.
        const checked = checkRequestFile(path, relative(process.cwd(), path) || path);
        tally.files++;
        if (!checked.valid) {
          tally.invalid++;
          tally.errors += checked.errors.length;
        }
        process.stdout.write(`${validationLines(checked).join('\n')}\n`);
      }
      console.log(validationSummary(tally));
      process.exitCode = missing.length > 0 ? EXIT_USAGE : tally.invalid > 0 ? EXIT_FAILED : EXIT_OK;
    });
}
