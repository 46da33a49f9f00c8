/** What every command shares: argument parsers and the request files asked for. */
import { relative, resolve } from 'node:path';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../core/errors.ts';
import { terminalText } from '../render/escape.ts';
import { expandPaths, missingPaths, noRequestFilesMessage } from '../request/discover.ts';
import type { CommandContext } from './context.ts';

/** A calendar date written YYYY-MM-DD, or a usage error naming the option. */
export function parseIsoDate(value: string, option = '--date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = new Date(`${value}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${option} must be a calendar date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/** The request files a command was given (default: every request under requests/). */
export interface RequestFiles {
  files: string[];
  /** A path given that does not exist: said on stderr, and the run exits 2 whatever else it finds. */
  missing: boolean;
}

/**
 * The request files under the paths given, each missing path said on stderr. With nothing to check, it
 * says so in one line (and how to try the examples), sets the exit code and returns no files.
 */
export function requestFilesFrom(
  given: readonly string[],
  context: CommandContext,
  command: string,
): RequestFiles {
  const { io } = context;
  const paths = given.map((p) => resolve(io.cwd, p));
  const missing = missingPaths(paths);
  for (const path of missing)
    context.err(`exemptions ${command}: ${terminalText(relative(io.cwd, path) || path)} does not exist`);
  const files = expandPaths(
    paths.filter((p) => !missing.includes(p)),
    io.cwd,
  );
  if (files.length === 0) {
    if (missing.length === 0) context.out(noRequestFilesMessage(paths.length > 0));
    context.exitCode = missing.length > 0 ? EXIT_USAGE : EXIT_OK;
  }
  return { files, missing: missing.length > 0 };
}
