/** What a command gets from the command line: where to write, where it runs, and its exit code. */
import { type Colours, terminalColours } from '../render/colours.ts';
import type { Prompter } from './prompts.ts';

/** Anything text can be written to: a process stream, or a buffer in a test. */
export interface TextSink {
  write(text: string): unknown;
  /** A stream's events: `write` returns false when its buffer is full, and 'drain' says it has room again. */
  once?(event: 'drain' | 'close', listener: () => void): unknown;
}

/** How much text is gathered before each write (characters). */
const WRITE_CHUNK = 64 * 1024;

/**
 * Writes text that comes in many pieces, in chunks, waiting whenever the sink's buffer is full: a large
 * report piped to a slow reader is then never held in memory whole.
 */
export async function writeAll(sink: TextSink, pieces: Iterable<string>): Promise<void> {
  // A reader that goes away (`| head`) closes the sink: the rest is not written.
  let closed = false;
  let wake: (() => void) | undefined;
  sink.once?.('close', () => {
    closed = true;
    wake?.();
  });
  const write = async (text: string) => {
    if (closed || sink.write(text) !== false || !sink.once) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
      sink.once?.('drain', resolve);
    });
    wake = undefined;
  };
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= WRITE_CHUNK) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') await write(chunk);
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
