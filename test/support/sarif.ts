/**
 * The official SARIF 2.1.0 schema (fixtures/sarif/README.md says where it comes from) as a validator,
 * and the parts of a log the tests read.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The schema is draft-07: Ajv's default class, not Ajv2019 or Ajv2020.
import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { Log } from 'sarif';
import { expect } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';

export const SARIF_SCHEMA_FILE = join(repoRoot, 'test/support/fixtures/sarif/sarif-schema-2.1.0.json');
export const SARIF_SCHEMA_SHA256 = '10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454';

const schemaText = readFileSync(SARIF_SCHEMA_FILE, 'utf8');
// Strict but for one rule: the schema's `anyOf` branches require properties (`index`) that they leave
// to the enclosing object to define. allErrors, so that a failing test shows every problem at once.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
formatsPlugin.default(ajv);
const validate = ajv.compile(JSON.parse(schemaText) as object);

/** The digest of the vendored schema file, which a test holds to the one its README names. */
export function sarifSchemaDigest(): string {
  return createHash('sha256').update(readFileSync(SARIF_SCHEMA_FILE)).digest('hex');
}

/** The schema's errors for a log (none when it is valid SARIF 2.1.0). */
export function sarifErrors(log: unknown): ErrorObject[] {
  return validate(log) ? [] : [...(validate.errors ?? [])];
}

/** Parses a log written as JSON text, typed as SARIF. */
export function parseSarif(text: string): Log {
  return JSON.parse(text) as Log;
}

/**
 * Nothing in a SARIF message acts: no raw control character or bidi control, no bracket SARIF would
 * read as an embedded link, no mention, issue reference or URL a viewer would link.
 */
export function expectSarifInert(text: string): void {
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    const bidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    expect(control || bidi, `U+${code.toString(16)} in ${text}`).toBe(false);
  }
  // Every bracket is escaped: removing escaped pairs leaves no [ or ].
  expect(text.replace(/\\[\\[\]]/g, '')).not.toMatch(/[[\]]/);
  expect(text).not.toMatch(/@[A-Za-z0-9]/);
  expect(text).not.toMatch(/#\d|\bgh-\d/i);
  expect(text).not.toMatch(/:\/\/|\bwww\./i);
}
