/**
 * Checks request files: safe loading, the JSON Schema (`schemas/request.schema.json`, compiled once per
 * process with Ajv's strict 2020-12 mode) and the location rules. Every problem of a file is reported at
 * once, at its file, line and column, in plain words, in a stable order.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { MAX_ERRORS_PER_FILE } from '../core/limits.ts';
import { compiledSchemaDir, repoRoot } from '../core/paths.ts';
import { type LoadedRequest, loadRequestFile, sortErrors } from './load.ts';
import { checkLocation, type DocumentCheck } from './location.ts';
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
 * Ajv and its plugins, loaded the first time a schema is compiled: a run that checks with the committed
 * standalone validator never loads them (they are most of what the schema cost at start-up).
 */
interface AjvModules {
  Ajv2020: typeof import('ajv/dist/2020.js').Ajv2020;
  code: typeof import('ajv/dist/compile/codegen/index.js')._;
  standaloneCode: typeof import('ajv/dist/standalone/index.js').default;
  formats: typeof import('ajv-formats').default;
}
let ajvModules: AjvModules | undefined;
function ajv(): AjvModules {
  const load = createRequire(import.meta.url);
  ajvModules ??= {
    Ajv2020: (load('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020,
    code: (load('ajv/dist/compile/codegen/index.js') as typeof import('ajv/dist/compile/codegen/index.js'))._,
    standaloneCode: (load('ajv/dist/standalone/index.js') as { default: AjvModules['standaloneCode'] })
      .default,
    formats: (load('ajv-formats') as { default: AjvModules['formats'] }).default,
  };
  return ajvModules;
}

/** The formats the request schema uses, by the name ajv-formats gives them. */
const FORMATS = ['date', 'email'] as const;

/**
 * Ajv in the strict 2020-12 mode every request schema is compiled with. `standalone` also keeps the
 * generated code, for `standaloneValidator`; the code then reads the formats from ajv-formats itself.
 */
function requestAjv(options: { standalone?: boolean } = {}): Ajv2020 {
  const { Ajv2020, code: _, formats } = ajv();
  const instance = new Ajv2020({
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
    ...(options.standalone
      ? { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } }
      : {}),
  });
  formats(instance, [...FORMATS]);
  return addClauseKeyword(instance);
}

/** The checker of a compiled request schema: its validate function and the schema it was compiled from. */
export function checkerOf(validate: ValidateFunction, schema: SchemaNode): SchemaChecker {
  const descriptions = new SchemaDescriptions(schema);
  return {
    descriptions,
    problems: (value) => (validate(value) ? [] : describeErrors(validate.errors ?? [], descriptions)),
  };
}

/**
 * Compiles a request schema with Ajv's strict 2020-12 mode. The audit compiles each commit's own schema
 * this way; tests compile altered copies to show each rule is needed.
 */
export function compileRequestSchema(schema: SchemaNode): SchemaChecker {
  return checkerOf(requestAjv().compile(schema), schema);
}

/** The digest the standalone validator records of the schema it was generated from. */
export function schemaDigest(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The standalone validator's files: the generated code (CommonJS) and the digest of its schema. */
export const STANDALONE_FILES = { code: 'request-validator.cjs', manifest: 'manifest.json' } as const;

/** Ajv's generated code for the request schema: a module whose export is the validate function. */
export function standaloneValidator(schema: SchemaNode): string {
  const instance = requestAjv({ standalone: true });
  return ajv().standaloneCode(instance, instance.compile(schema));
}

/** The standalone validator's files for the project's schema, exactly as they are committed. */
export function standaloneFiles(): Record<string, Buffer> {
  const text = readFileSync(REQUEST_SCHEMA_PATH, 'utf8');
  const manifest = { schema: 'schemas/request.schema.json', schemaDigest: schemaDigest(text) };
  return {
    [STANDALONE_FILES.code]: Buffer.from(standaloneValidator(JSON.parse(text) as SchemaNode)),
    [STANDALONE_FILES.manifest]: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
  };
}

/**
 * The committed standalone validator in `dir`, when it was generated from exactly `schemaText`; null when
 * it is missing or was generated from another schema (then the schema is compiled instead).
 */
export function committedValidator(
  schemaText: string,
  dir: string = compiledSchemaDir,
): ValidateFunction | null {
  const manifestPath = join(dir, STANDALONE_FILES.manifest);
  const codePath = join(dir, STANDALONE_FILES.code);
  if (!existsSync(manifestPath) || !existsSync(codePath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { schemaDigest?: unknown };
  if (manifest.schemaDigest !== schemaDigest(schemaText)) return null;
  const loaded = createRequire(import.meta.url)(codePath) as ValidateFunction & {
    default?: ValidateFunction;
  };
  return loaded.default ?? loaded;
}

/** The standalone validator's checker for the project's schema; null when it is missing or stale. */
export function committedChecker(): SchemaChecker | null {
  const text = readFileSync(REQUEST_SCHEMA_PATH, 'utf8');
  schemaJson ??= JSON.parse(text) as SchemaNode;
  const validate = committedValidator(text);
  return validate ? checkerOf(validate, schemaJson) : null;
}

/** The schema problems of any value against the project's schema, loaded or compiled on first use. */
export function schemaProblems(value: unknown): SchemaProblem[] {
  // The committed standalone validator (nothing compiled at start), or a compile when it is stale.
  compiled ??= committedChecker() ?? compileRequestSchema(requestSchema());
  return compiled.problems(value);
}

/**
 * The schema problems of a loaded request, placed at their line and column: against the project's schema,
 * or against `problems` (the page's checker, or another commit's schema as `impact` applies each side's).
 */
export function schemaErrors(
  loaded: LoadedRequest,
  file: string = loaded.file,
  problems: SchemaChecker['problems'] = schemaProblems,
): LocatedError[] {
  if (loaded.errors.length > 0) return [];
  return problems(loaded.request).map(({ pointer, atKey, field, message }) => ({
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

/** Loads one request file and checks it against the schema (the project's unless given) and the location rules. */
export function checkRequestFile(
  path: string,
  file: string = path,
  problems?: SchemaChecker['problems'],
): CheckedRequest {
  return checkLoadedRequest(loadRequestFile(path), path, file, problems ? { problems } : {});
}

export interface CheckOptions {
  /** The schema check the request is held to: the project's, through its standalone validator by default. */
  problems?: SchemaChecker['problems'];
  /** Whether the supporting documents are looked for on disk or only their paths are checked. */
  documents?: DocumentCheck;
}

/**
 * Checks a loaded request against the schema and the location rules, as if it were the file at `path`:
 * the one check behind `checkRequestFile` and the page, which loads the text the user typed.
 */
export function checkLoadedRequest(
  loaded: LoadedRequest,
  path: string,
  file: string = path,
  options: CheckOptions = {},
): CheckedRequest {
  const place = (problems: { pointer: string; message: string }[]): LocatedError[] =>
    problems.map(({ pointer, message }) => ({ file, ...loaded.locate(pointer), path: pointer, message }));
  let errors: LocatedError[];
  let warnings: LocatedError[] = [];
  if (loaded.errors.length > 0) {
    errors = loaded.errors.map((e) => ({ ...e, file }));
  } else {
    const location = checkLocation(path, loaded.request, options.documents);
    const problems = options.problems ?? schemaProblems;
    errors = [...schemaErrors(loaded, file, problems), ...place(location.errors)];
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
