/** Reading back what the product writes as CSV, as a spreadsheet reads it (csv-parse, byte-order mark skipped). */
import { parse } from 'csv-parse/sync';

/** Splits CSV text (RFC 4180, CRLF or LF records) into records of fields. */
export function csvRecords(written: string): string[][] {
  return parse(written, { bom: true, relax_quotes: false }) as string[][];
}
