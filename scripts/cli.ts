/**
 * The `exemptions` command line: parses arguments, calls the library, prints, and sets the exit code
 * (0 success, 1 a request is invalid or not acceptable, 2 usage or internal error). Each command lives in
 * `scripts/commands/`; this file only wires them.
 */
import { Command, CommanderError } from 'commander';
import { registerAudit } from './cli/audit.ts';
import { registerComment } from './cli/comment.ts';
import { EXIT_OK, EXIT_USAGE } from './cli/common.ts';
import { registerEvaluate } from './cli/evaluate.ts';
import { registerGovernance } from './cli/governance.ts';
import { registerNew } from './cli/new.ts';
import { registerPrEvaluate } from './cli/pr-evaluate.ts';
import { registerValidate } from './cli/validate.ts';

export function buildProgram(): Command {
  const program = new Command('exemptions')
    .description('Exemption requests from the CALNET MSA and CGEN: validate, evaluate, comment, audit.')
    .showHelpAfterError()
    .exitOverride();
  registerValidate(program);
  registerNew(program);
  registerEvaluate(program);
  registerComment(program);
  registerPrEvaluate(program);
  registerGovernance(program);
  registerAudit(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = EXIT_OK;
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? EXIT_OK);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help ends through here with exit code 0; bad arguments with a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    console.error(`exemptions: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
}

process.exitCode = await main(process.argv.slice(2));
