/** What every command shares: argument parsers. */
import { UsageError } from '../core/errors.ts';

/** A calendar date written YYYY-MM-DD, or a usage error naming the option. */
export function parseIsoDate(value: string, option = '--date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = new Date(`${value}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${option} must be a calendar date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}
