/** Reading back what the product writes as CSV. */

/** Splits CSV text (RFC 4180, CRLF records) into records of fields, as a spreadsheet reads it (byte-order mark skipped). */
export function csvRecords(written: string): string[][] {
  const text = written.startsWith('\uFEFF') ? written.slice(1) : written;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quoted && ch === '"' && next === '"') {
      field += '"';
      i += 2;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && next === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += ch;
    i += 1;
  }
  return records;
}
