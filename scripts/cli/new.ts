import { relative } from 'node:path';
import { type Command, Option } from 'commander';
import { todayUtc } from '../policy/evaluator.ts';
import { PROGRAM_FOLDERS } from '../request/discover.ts';
import { SkeletonError, writeSkeleton } from '../request/skeleton.ts';
import type { Program } from '../request/types.ts';
import { UsageError } from './common.ts';

export function registerNew(program: Command): void {
  program
    .command('new')
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
      const file = relative(process.cwd(), created.file);
      const folder = relative(process.cwd(), created.folder);
      console.log(`Wrote ${file} and the folder ${folder}/ for its supporting documents.`);
      console.log(
        `Fill in the file (the comments explain each field), then check it: npx exemptions validate ${file}`,
      );
    });
}
