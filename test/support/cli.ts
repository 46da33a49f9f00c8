/** The one way tests run the command line: in this process, with its output captured. */

import type { Prompter } from '../../scripts/cli/prompts.ts';
import { run } from '../../scripts/cli.ts';
import { repoRoot } from '../../scripts/core/paths.ts';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The folder the command runs in (default: the repository root). */
  cwd?: string;
  /** The whole environment the command sees (default: PATH and HOME only, so no token leaks in). */
  env?: Record<string, string | undefined>;
  /** Run as if stdout were a terminal (colour is then on unless turned off). */
  stdoutIsTerminal?: boolean;
  /** Run as if stdin were a terminal (a command may then ask questions). */
  stdinIsTerminal?: boolean;
  /** Who answers the command's questions. */
  prompter?: Prompter;
}

/** Runs `exemptions <args>` in process and returns its exit code and what it wrote. */
export async function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await run(args, {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdoutIsTerminal: options.stdoutIsTerminal === true,
    stdinIsTerminal: options.stdinIsTerminal === true,
    ...(options.prompter ? { prompter: options.prompter } : {}),
  });
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}
