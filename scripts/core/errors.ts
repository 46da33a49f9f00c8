/**
 * The error model and the exit codes, written once. A user's mistake and a usage error are thrown where
 * they happen and caught once, at the top of the command line, which prints their plain message; any
 * other error is an internal fault, whose stack trace is shown only with --debug. A request that is
 * invalid or not acceptable is a result, not an error (exit 1).
 */

/** Every command succeeded and every request passed. */
export const EXIT_OK = 0;
/** A request is invalid or not acceptable, or the audit found a violation. */
export const EXIT_FAILED = 1;
/** The command was called wrongly, the input could not be used, or something broke inside. */
export const EXIT_USAGE = 2;

/** A mistake in what the user gave (a file, a folder, a repository): the message says what to do instead. */
export class UserError extends Error {
  override name = 'UserError';
}

/** A problem with how the command was called (an option, an argument). */
export class UsageError extends UserError {
  override name = 'UsageError';
}
