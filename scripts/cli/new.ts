import { join, relative } from 'node:path';
import { type Command, Option } from 'commander';
import { UsageError } from '../core/errors.ts';
import { todayUtc } from '../policy/evaluator.ts';
import { PROGRAM_FOLDERS } from '../request/discover.ts';
import { SkeletonError, writeSkeleton } from '../request/skeleton.ts';
import type { Program } from '../request/types.ts';
import type { CommandContext } from './context.ts';

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('new')
    .summary(summary)
    .description(
      'Write a commented request skeleton for an agency to fill in, at requests/<program>/<id>.yaml, with its supporting-documents folder. Never overwrites.',
    )
    .addOption(
      new Option('--program <program>', 'the program the exemption is asked from')
        .choices([...PROGRAM_FOLDERS])
        .makeOptionMandatory(),
    )
    .requiredOption('--agency <CODE>', 'the agency code in the registry, such as DGS')
    .option('--id <id>', 'the request id and file name (default: <agency>-<year>-<nn>, the next free number)')
    .action((options: { program: Program; agency: string; id?: string }) => {
      let created: ReturnType<typeof writeSkeleton>;
      try {
        created = writeSkeleton({
          requestsRoot: join(io.cwd, 'requests'),
          program: options.program,
          agency: options.agency,
          id: options.id,
          // Only the default id uses the date, for its year; nothing in the request depends on it.
          year: Number(todayUtc().slice(0, 4)),
        });
      } catch (error) {
        if (error instanceof SkeletonError) throw new UsageError(error.message);
        throw error;
      }
      const file = relative(io.cwd, created.file);
      const folder = relative(io.cwd, created.folder);
      context.out(`Wrote ${file} and the folder ${folder}/ for its supporting documents.`);
      context.out(
        `Fill in the file (the comments explain each field), then check it: npx exemptions validate ${file}`,
      );
    });
}
