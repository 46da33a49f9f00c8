/**
 * `exemptions new`: writes the commented skeleton of a request and its documents folder. In a terminal,
 * what the flags do not say is asked (the program, the agency from the registry by name or code, the
 * grounds, the id); without one it never waits for input, and a missing flag is a usage error.
 */
import { join, relative } from 'node:path';
import { type Command, Option } from 'commander';
import { PROGRAM_NAMES, PROGRAMS, type Program } from '../core/clauses.ts';
import { UsageError, UserError } from '../core/errors.ts';
import { groundWords } from '../policy/decision.ts';
import { todayUtc } from '../policy/evaluator.ts';
import { terminalText } from '../render/escape.ts';
import { agencyRegistry, type RegisteredAgency } from '../request/agencies.ts';
import {
  agencyProblem,
  defaultRequestId,
  groundsOf,
  groundsProblem,
  idProblem,
  SkeletonError,
  writeSkeleton,
} from '../request/skeleton.ts';
import type { CommandContext } from './context.ts';
import { type Prompter, terminalPrompter } from './prompts.ts';

interface NewOptions {
  program?: Program;
  agency?: string;
  id?: string;
  ground: string[];
}

/** What the skeleton is written for, once every question is answered. */
interface Answers {
  program: Program;
  agency: string;
  id?: string;
  grounds?: string[];
}

const PROGRAM_HINTS: Record<Program, string> = {
  calnet: 'telecommunications services the CALNET MSA makes mandatory',
  cgen: 'wide-area network services of the state network',
};

/**
 * What the registry says of the agency, in one line: its status in the registry's words and what that
 * status means, with a local agency's ATO agreements. Whether an exemption is needed is the policy's to
 * decide (`check` says it); this only lets an exempt or ATO-bound agency see its status before writing.
 */
function registryLine(code: string, agency: RegisteredAgency | undefined): string {
  if (!agency)
    return `${terminalText(code)} is not in the agency registry (policies/reference/agencies.json).`;
  const status = agency.category ? `${agency.status}, ${agency.category}` : agency.status;
  const agreements = agency.atoAgreements?.map((a) => `${a.services.join(', ')} from ${a.startDate}`);
  const ato =
    agreements === undefined
      ? ''
      : agreements.length > 0
        ? ` The registry lists its ATO: ${agreements.join('; ')}.`
        : ' The registry lists no ATO for it.';
  return `${agency.name} (${status}): ${agency.meaning}${ato}`;
}

/** Cancelling any question ends the command, writing nothing. */
function answered<T>(answer: T | undefined): T {
  if (answer === undefined) throw new UserError('cancelled: nothing was written');
  return answer;
}

async function ask(
  prompter: Prompter,
  options: NewOptions,
  requestsRoot: string,
  year: number,
): Promise<Answers> {
  // A flag that cannot be written is said before any question, not after the last.
  const wrong =
    (options.agency && agencyProblem(options.agency)) || (options.id && idProblem(requestsRoot, options.id));
  if (wrong) throw new UsageError(wrong);
  const program = (options.program ??
    answered(
      await prompter.select(
        'Which program is the exemption asked from?',
        PROGRAMS.map((p) => ({ value: p, label: PROGRAM_NAMES[p], hint: PROGRAM_HINTS[p] })),
      ),
    )) as Program;
  const offered = groundsOf(program);
  let grounds: string[] | undefined = options.ground.length > 0 ? options.ground : undefined;
  const groundsWrong = grounds && groundsProblem(program, grounds);
  if (groundsWrong) throw new UsageError(groundsWrong);
  const registry = agencyRegistry();
  const agency =
    options.agency ??
    answered(
      await prompter.search(
        'Which agency asks? Type part of its name or code.',
        registry.map((a) => ({ value: a.code, label: `${a.code}: ${a.name}`, hint: a.status })),
        'such as Water or DWR',
      ),
    );
  await prompter.note(
    registryLine(
      agency,
      registry.find((a) => a.code === agency),
    ),
  );
  if (!grounds && offered.length > 1) {
    grounds = answered(
      await prompter.selectSome(
        'Which grounds does the request claim? (space to choose, enter to go on)',
        offered.map((g) => ({ value: g, label: g, hint: groundWords(g.replaceAll('_', '-')) })),
      ),
    );
  }
  const id =
    options.id ??
    answered(
      await prompter.text(
        'The request id (also its file name):',
        defaultRequestId(requestsRoot, agency, year),
        (value) => idProblem(requestsRoot, value, 'the id'),
      ),
    );
  return { program, agency, id, ...(grounds ? { grounds } : {}) };
}

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('new')
    .summary(summary)
    .description(
      'Write a commented request skeleton for an agency to fill in, at requests/<program>/<id>.yaml, with ' +
        'its supporting-documents folder. Never overwrites. In a terminal it asks what the flags leave out ' +
        '(the agency is found in the registry by name or code); elsewhere --program and --agency are needed.',
    )
    .addOption(
      new Option('--program <program>', 'the program the exemption is asked from').choices([...PROGRAMS]),
    )
    .option('--agency <CODE>', 'the agency code in the registry, such as DGS')
    .option('--id <id>', 'the request id and file name (default: <agency>-<year>-<nn>, the next free number)')
    .addOption(
      new Option(
        '--ground <ground>',
        `a ground the request claims, repeated for more: ${PROGRAMS.map((p) => `${groundsOf(p).join(', ')} for ${p}`).join('; ')}`,
      )
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([], 'every ground of the program, to keep or delete'),
    )
    .action(async (options: NewOptions) => {
      const requestsRoot = join(io.cwd, 'requests');
      // Only the default id uses the date, for its year; nothing in the request depends on it.
      const year = Number(todayUtc().slice(0, 4));
      // Questions only in a terminal, and only to someone who can answer them.
      const terminal = io.stdinIsTerminal === true && io.stdoutIsTerminal === true;
      const questions = io.questions;
      const prompter = !terminal
        ? undefined
        : (io.prompter ?? (questions ? terminalPrompter(questions.input, questions.output) : undefined));
      let answers: Answers;
      if (options.program && options.agency) {
        answers = {
          program: options.program,
          agency: options.agency,
          ...(options.id ? { id: options.id } : {}),
          ...(options.ground.length > 0 ? { grounds: options.ground } : {}),
        };
      } else if (prompter) {
        answers = await ask(prompter, options, requestsRoot, year);
      } else {
        const missing = options.program ? '--agency' : '--program';
        throw new UsageError(
          `${missing} is needed when new does not run in a terminal (in one, it asks), such as: npx exemptions new --program calnet --agency DGS`,
        );
      }
      let created: ReturnType<typeof writeSkeleton>;
      try {
        created = writeSkeleton({ requestsRoot, year, ...answers });
      } catch (error) {
        if (error instanceof SkeletonError) throw new UsageError(error.message);
        throw error;
      }
      const file = terminalText(relative(io.cwd, created.file));
      const folder = terminalText(relative(io.cwd, created.folder));
      context.out(`Wrote ${file} and the folder ${folder}/ for its supporting documents.`);
      context.out(
        `Fill in the file (the comments explain each field), then check it: npx exemptions check ${file}`,
      );
    });
}
