/** What a command gets from the command line: where to write, where it runs, and its exit code. */
import { type Colours, terminalColours } from '../render/colours.ts';
import type { Prompter } from './prompts.ts';

/** Anything text can be written to: a process stream, or a buffer in a test. */
export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** The folder relative paths are read from. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** stderr when it is a terminal: progress bars are drawn only then. */
  terminal?: NodeJS.WriteStream;
  /** Whether stdout is a terminal: text is coloured only then. */
  stdoutIsTerminal?: boolean;
  /** Whether stdin is a terminal: a command asks questions only then (and only when stdout is one too). */
  stdinIsTerminal?: boolean;
  /** The process's stdin and stdout, on which a command asks its questions in a terminal. */
  questions?: { input: NodeJS.ReadStream; output: NodeJS.WriteStream };
  /** Who answers a command's questions; default the terminal of `questions` (tests answer them themselves). */
  prompter?: Prompter;
}

export interface CommandContext {
  io: CliIo;
  /** Set by the command's action; the run returns it. */
  exitCode: number;
  /** Colour for text on stdout: plain unless stdout is a terminal and colour is not turned off. */
  colours: Colours;
  /** A line on stdout. */
  out(line: string): void;
  /** A line on stderr. */
  err(line: string): void;
}

export function commandContext(io: CliIo, options: { noColour?: boolean } = {}): CommandContext {
  return {
    io,
    exitCode: 0,
    colours: terminalColours({
      terminal: io.stdoutIsTerminal === true,
      env: io.env,
      noColour: options.noColour === true,
    }),
    out: (line) => io.stdout.write(`${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
  };
}
