/**
 * The `exemptions` command line: `run(argv, io)` parses the arguments, loads the one command asked for,
 * runs it and returns the exit code; importing this module does nothing. Every error ends here: a user's
 * mistake or a usage error as its plain message, anything else as an internal fault (stack trace only
 * with --debug). `bin/exemptions.js` calls `run` with the process's streams.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import type { CliIo, CommandContext } from './cli/context.ts';
import { commandContext } from './cli/context.ts';
import { EXIT_OK, EXIT_USAGE, UserError } from './core/errors.ts';
import { compiledPolicyDir } from './core/paths.ts';
import { productVersion } from './core/version.ts';
import { terminalText } from './render/escape.ts';

export type { CliIo } from './cli/context.ts';

/** A command module: adds its command, with this summary, to the program. */
export interface CommandModule {
  register(program: Command, context: CommandContext, summary: string): void;
}

interface CommandEntry {
  name: string;
  summary: string;
  /** Shown at the end of the command's --help, so a person sees a whole command line to start from. */
  examples: readonly string[];
  load: () => Promise<CommandModule>;
}

/** The command table: each command's module is loaded only when that command runs. */
const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    examples: ['npx exemptions validate', 'npx exemptions validate requests/calnet/dgs-2026-sd-wan.yaml'],
    summary: 'check request files against the request format and the location rules',
    load: () => import('./cli/validate.ts'),
  },
  {
    name: 'new',
    examples: [
      'npx exemptions new',
      'npx exemptions new --program calnet --agency DGS --ground cost_ipr --id dgs-2026-sd-wan',
    ],
    summary:
      'write a commented request skeleton to fill in (in a terminal, it asks what the flags leave out)',
    load: () => import('./cli/new.ts'),
  },
  {
    name: 'check',
    examples: [
      'npx exemptions check requests/calnet/dgs-2026-sd-wan.yaml',
      'npx exemptions check --quiet',
      'npx exemptions check examples/requests --date 2026-11-22 --format json',
    ],
    summary: 'check requests in one pass (format, location and policy) and say what is left to do',
    load: () => import('./cli/check.ts'),
  },
  {
    name: 'evaluate',
    examples: [
      'npx exemptions evaluate examples/requests --date 2026-11-22',
      'npx exemptions evaluate --format json > evaluation.json',
    ],
    summary: 'validate and evaluate requests with the policy',
    load: () => import('./cli/evaluate.ts'),
  },
  {
    name: 'comment',
    examples: ['npx exemptions comment', 'npx exemptions comment --base origin/main --date 2026-11-22'],
    summary: "print the pull-request comment for this branch's changed requests",
    load: () => import('./cli/comment.ts'),
  },
  {
    name: 'pr-evaluate',
    examples: ['npx exemptions pr-evaluate   (as .github/workflows/evaluate.yml runs it, with GITHUB_* set)'],
    summary: 'the pull-request check: evaluate changed requests, write artifact, summary, annotations',
    load: () => import('./cli/pr-evaluate.ts'),
  },
  {
    name: 'trusted-check',
    examples: [
      'npx exemptions trusted-check --head-sha <40-hex sha> --head-label owner:branch --run-id 123   (as .github/workflows/comment.yml runs it)',
    ],
    summary:
      'the trusted check: re-evaluate a pull request from the default branch and set its required status',
    load: () => import('./cli/trusted-check.ts'),
  },
  {
    name: 'impact',
    examples: [
      'npx exemptions impact --base main --head raise-ipr-threshold',
      'npx exemptions impact --base origin/main --head HEAD --date 2026-11-22 --format markdown',
      'npx exemptions impact --base main --format json > impact.json',
    ],
    summary: 'before merging a rule change: which requests on file it would decide differently',
    load: () => import('./cli/impact.ts'),
  },
  {
    name: 'governance',
    examples: ['npx exemptions governance --verify --repo ca-cdt/telecom-exemptions'],
    summary: 'apply or verify the ruleset and merge settings of docs/governance.md',
    load: () => import('./cli/governance.ts'),
  },
  {
    name: 'audit',
    examples: [
      'npx exemptions audit',
      'npx exemptions audit --format csv > register.csv',
      'npx exemptions audit --format json --verify --expiring-within 90',
      'npx exemptions audit --format html --out _site/register   (the register as a static site)',
      'npx exemptions audit --central-file DGS --out dgs-central-file',
      'npx exemptions audit --verify dgs-central-file   (check a handed-over central file)',
    ],
    summary: 'rebuild the register of exemption requests from the history of the default branch',
    load: () => import('./cli/audit.ts'),
  },
  {
    name: 'audit-issue',
    examples: ['npx exemptions audit-issue --from register.json   (as .github/workflows/audit.yml runs it)'],
    summary: 'open, update or close the audit issue from a JSON register',
    load: () => import('./cli/audit-issue.ts'),
  },
];

/** The product's version and the digest of the policy it decides with, for `--version`. */
function versionText(): string {
  const version = productVersion();
  let policy = 'no compiled policy (npm run build:policy)';
  try {
    const manifest = JSON.parse(readFileSync(join(compiledPolicyDir, 'manifest.json'), 'utf8')) as {
      digest: string;
      opaVersion: string;
    };
    policy = `policy ${manifest.digest} (OPA ${manifest.opaVersion})`;
  } catch {
    // A checkout without the compiled policy still says its own version.
  }
  return `exemptions ${version}, ${policy}`;
}

/** Text for a terminal, its line breaks kept. */
function terminalLines(text: string): string {
  return text.split(/\r?\n/).map(terminalText).join('\n');
}

/** The first argument that is not an option: the command asked for, if any. */
function commandName(argv: readonly string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const noColour = argv.includes('--no-color');
  // Both are read here, before any command, so that every command and the error handler follow them.
  const args = argv.filter((arg) => arg !== '--debug' && arg !== '--no-color');
  const context = commandContext(io, { noColour });
  const program = new Command('exemptions')
    .description('Exemption requests from the CALNET MSA and CGEN: validate, evaluate, comment, audit.')
    .option('--debug', 'show the stack trace of an internal fault')
    .option('--no-color', 'never colour the output (also when NO_COLOR is set, or stdout is not a terminal)')
    // The version is read only when asked for, so that no command pays for it at start-up.
    .version(
      args.includes('--version') || args.includes('-V') ? versionText() : '',
      '-V, --version',
      'print the version and the digest of the policy it decides with',
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  try {
    const wanted = commandName(args);
    for (const entry of COMMANDS) {
      if (entry.name === wanted) {
        (await entry.load()).register(program, context, entry.summary);
        const examples = entry.examples.map((line) => `  ${line}`).join('\n');
        program.commands
          .find((c) => c.name() === entry.name)
          ?.addHelpText('after', `\nExamples:\n${examples}`);
      }
      // The others appear in the list of commands without their modules being loaded.
      else program.command(entry.name).summary(entry.summary);
    }
    await program.parseAsync([...args], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help ends through here with exit code 0; bad arguments with a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    // A message may quote what a user or a pull request wrote (a revision, a Rego line OPA refused): each
    // line reaches the terminal escaped, so no escape sequence or bidi control in it acts there.
    if (error instanceof UserError) {
      context.err(`exemptions: ${terminalLines(error.message)}`);
      return EXIT_USAGE;
    }
    const fault = error instanceof Error ? error : new Error(String(error));
    context.err(`exemptions: internal error: ${terminalLines(fault.message)}`);
    if (debug && fault.stack) context.err(fault.stack);
    else context.err('(run again with --debug to see where it happened)');
    return EXIT_USAGE;
  }
}
