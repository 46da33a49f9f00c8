/** What every command shares: exit codes, usage errors, argument parsers. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A problem with how the command was called (exit 2). */
export class UsageError extends Error {}

/** A calendar date written YYYY-MM-DD, or a usage error naming the option. */
export function parseIsoDate(value: string, option = '--date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = new Date(`${value}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${option} must be a calendar date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}
