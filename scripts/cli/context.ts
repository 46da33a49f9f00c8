/** What a command gets from the command line: where to write, where it runs, and its exit code. */

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
}

export interface CommandContext {
  io: CliIo;
  /** Set by the command's action; the run returns it. */
  exitCode: number;
  /** A line on stdout. */
  out(line: string): void;
  /** A line on stderr. */
  err(line: string): void;
}

export function commandContext(io: CliIo): CommandContext {
  return {
    io,
    exitCode: 0,
    out: (line) => io.stdout.write(`${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
  };
}
