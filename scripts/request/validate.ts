/**
 * Checks request files: safe loading, the JSON Schema (`schemas/request.schema.json`, compiled once per
 * process with Ajv's strict 2020-12 mode) and the location rules. Every problem of a file is reported at
 * once, at its file, line and column, in plain words, in a stable order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { MAX_ERRORS_PER_FILE } from '../core/limits.ts';
import { repoRoot } from '../core/paths.ts';
import { type LoadedRequest, loadRequestFile, sortErrors } from './load.ts';
import { checkLocation } from './location.ts';
import { describeErrors, SchemaDescriptions, type SchemaNode, type SchemaProblem } from './messages.ts';
import type { LocatedError } from './types.ts';

export const REQUEST_SCHEMA_PATH = join(repoRoot, 'schemas', 'request.schema.json');

/** A compiled request schema: the plain-words problems of any value against it. */
export interface SchemaChecker {
  descriptions: SchemaDescriptions;
  /** The problems of a value, without file positions. Never throws on any JSON-like input. */
  problems(value: unknown): SchemaProblem[];
}

let schemaJson: SchemaNode | undefined;
let compiled: SchemaChecker | undefined;

/** The request schema as JSON, read once (for tools that read its patterns and descriptions). */
export function requestSchema(): SchemaNode {
  schemaJson ??= JSON.parse(readFileSync(REQUEST_SCHEMA_PATH, 'utf8')) as SchemaNode;
  return schemaJson;
}

/** The schema's description of each field, by JSON Pointer (array items as `*`). */
export function requestDescriptions(): SchemaDescriptions {
  return compiled?.descriptions ?? new SchemaDescriptions(requestSchema());
}

/**
 * `x-clause` names the clauses of the policy texts a rule serves (ids in the clause catalog). It is an
 * annotation: it never changes what is valid, and the messages cite the clauses it names.
 */
export function addClauseKeyword(ajv: Ajv2020): Ajv2020 {
  return ajv.addKeyword({
    keyword: 'x-clause',
    metaSchema: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
  });
}

/**
 * Compiles a request schema with Ajv's strict 2020-12 mode. The project's schema is compiled once per
 * process (see `schemaProblems`); tests compile altered copies to show each rule is needed.
 */
export function compileRequestSchema(schema: SchemaNode): SchemaChecker {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: true,
    strictTuples: true,
    strictRequired: true,
    strictNumbers: true,
    $data: false,
    allErrors: true,
    // The error's own schema node carries the description that explains the rule to the reader.
    verbose: true,
    // Dollar amounts are multiples of 0.01; floating point needs a tolerance to say so.
    multipleOfPrecision: 4,
  });
  formatsPlugin.default(ajv, ['date', 'email']);
  const validate = addClauseKeyword(ajv).compile(schema);
  const descriptions = new SchemaDescriptions(schema);
  return {
    descriptions,
    problems: (value) => (validate(value) ? [] : describeErrors(validate.errors ?? [], descriptions)),
  };
}

/** The schema problems of any value against the project's schema, compiled on first use. */
export function schemaProblems(value: unknown): SchemaProblem[] {
  compiled ??= compileRequestSchema(requestSchema());
  return compiled.problems(value);
}

/** The schema problems of a loaded request, placed at their line and column. */
export function schemaErrors(loaded: LoadedRequest, file: string = loaded.file): LocatedError[] {
  if (loaded.errors.length > 0) return [];
  return schemaProblems(loaded.request).map(({ pointer, atKey, field, message }) => ({
    file,
    ...loaded.locate(pointer, { key: atKey }),
    path: pointer,
    ...(field === pointer ? {} : { field }),
    message,
  }));
}

export interface CheckedRequest {
  /** The file as it is shown in messages (usually relative to the working folder). */
  file: string;
  loaded: LoadedRequest;
  /** The request as loaded; undefined when the file could not be loaded safely. */
  request: unknown;
  id: string | null;
  valid: boolean;
  errors: LocatedError[];
  warnings: LocatedError[];
}

function requestId(request: unknown): string | null {
  if (request && typeof request === 'object' && 'id' in request && typeof request.id === 'string')
    return request.id;
  return null;
}

/** Loads one request file and checks it against the schema and the location rules. */
export function checkRequestFile(path: string, file: string = path): CheckedRequest {
  const loaded = loadRequestFile(path);
  const place = (problems: { pointer: string; message: string }[]): LocatedError[] =>
    problems.map(({ pointer, message }) => ({ file, ...loaded.locate(pointer), path: pointer, message }));
  let errors: LocatedError[];
  let warnings: LocatedError[] = [];
  if (loaded.errors.length > 0) {
    errors = loaded.errors.map((e) => ({ ...e, file }));
  } else {
    const location = checkLocation(path, loaded.request);
    errors = [...schemaErrors(loaded, file), ...place(location.errors)];
    warnings = place(location.warnings);
  }
  errors = limit(sortErrors(dedupe(errors)), file);
  return {
    file,
    loaded,
    request: loaded.request,
    id: requestId(loaded.request),
    valid: errors.length === 0,
    errors,
    warnings,
  };
}

function dedupe(errors: LocatedError[]): LocatedError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function limit(errors: LocatedError[], file: string): LocatedError[] {
  if (errors.length <= MAX_ERRORS_PER_FILE) return errors;
  const shown = errors.slice(0, MAX_ERRORS_PER_FILE);
  const last = shown[shown.length - 1];
  shown.push({
    file,
    line: last?.line ?? 1,
    column: last?.column ?? 1,
    path: '',
    message: `${errors.length - MAX_ERRORS_PER_FILE} more problems in this file are not listed; fix these first`,
  });
  return shown;
}
