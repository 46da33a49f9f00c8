/**
 * The location rules a schema cannot see: a request sits in `requests/<program>/` for its own program
 * (code owners route reviews by folder), its id is its file name, and every supporting document it
 * names is a separate regular file inside the request's own folder `requests/<program>/<id>/`, reached
 * without `..`, absolute paths or links leading out of that folder.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { citeClauses } from '../core/clauses.ts';
import { MAX_DOCUMENT_BYTES } from '../core/limits.ts';
import { isControlCode, terminalText } from '../render/escape.ts';
import { PROGRAM_FOLDERS } from './discover.ts';
import { pointerFrom } from './load.ts';
import { showValue } from './messages.ts';

export interface LocationProblem {
  /** JSON Pointer of the field the problem is about ('' for the file as a whole). */
  pointer: string;
  message: string;
}

export interface LocationCheck {
  errors: LocationProblem[];
  /** Not errors: e.g. a draft checked outside `requests/`, where the folder rule cannot apply yet. */
  warnings: LocationProblem[];
}

/** Supporting documents travel as separate files beside the request (the catalog is read on first use). */
function documentsClauseText(): string {
  return `(${citeClauses(['calnet.procedures.attachments', 'cgen.procedures.vendor-documents'], 'section')})`;
}

function isProgram(value: unknown): value is (typeof PROGRAM_FOLDERS)[number] {
  return typeof value === 'string' && (PROGRAM_FOLDERS as readonly string[]).includes(value);
}

function field(request: unknown, ...path: (string | number)[]): unknown {
  let value: unknown = request;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The request's file name without `.yaml`: what its id must be. */
export function requestStem(file: string): string {
  return basename(file, extname(file));
}

/** The folder that holds a request's supporting documents: `<folder of the file>/<id>/`. */
export function documentsFolder(file: string): string {
  return join(dirname(resolve(file)), requestStem(file));
}

/** Every supporting document a request names, with the JSON Pointer of the field that names it. */
export function documentReferences(request: unknown): { pointer: string; path: string }[] {
  const references: { pointer: string; path: string }[] = [];
  const attachments = field(request, 'attachments');
  if (Array.isArray(attachments)) {
    attachments.forEach((attachment, i) => {
      const file = field(attachment, 'file');
      if (typeof file === 'string')
        references.push({ pointer: pointerFrom(['attachments', i, 'file']), path: file });
    });
  }
  const ipr = field(request, 'grounds', 'cost_ipr', 'ipr_document');
  if (typeof ipr === 'string') references.push({ pointer: '/grounds/cost_ipr/ipr_document', path: ipr });
  const fsr = field(request, 'grounds', 'fsr', 'document');
  if (typeof fsr === 'string') references.push({ pointer: '/grounds/fsr/document', path: fsr });
  return references;
}

/** Why a document path is not a plain relative path inside the request's folder, if it is not. */
export function documentPathProblem(path: string): string | undefined {
  if (path === '') return undefined; // the schema reports empty values
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('~')) {
    return "is an absolute path; write the path relative to the request's own folder, such as vendor/quote.pdf";
  }
  if (path.includes('\\')) return 'uses a backslash; separate folders with / as in vendor/quote.pdf';
  if ([...path].some((c) => isControlCode(c.charCodeAt(0)))) return 'contains a control character';
  const segments = path.split('/');
  if (segments.includes('..')) {
    return 'goes up with ".."; every supporting document must be inside the request\'s own folder';
  }
  if (segments.some((s) => s === '' || s === '.')) {
    return 'has an empty or "." part; write it as folder/file.pdf without "./" or "//"';
  }
  return undefined;
}

function placement(file: string, request: unknown, check: LocationCheck): void {
  const absolute = resolve(file);
  const parent = basename(dirname(absolute));
  const grandparent = basename(dirname(dirname(absolute)));
  const program = field(request, 'program');
  const inPlace = isProgram(parent) && grandparent === 'requests';
  if (inPlace) {
    if (isProgram(program) && program !== parent) {
      check.errors.push({
        pointer: '/program',
        message: `program is "${program}" but the file is in requests/${parent}/; a ${program} request belongs in requests/${program}/, where its reviewers are assigned by folder`,
      });
    }
    return;
  }
  // Anything that looks meant for the requests tree must sit exactly in it.
  if (isProgram(parent) || isProgram(grandparent) || parent === 'requests' || grandparent === 'requests') {
    check.errors.push({
      pointer: '',
      message: `a request file belongs directly in requests/calnet/ or requests/cgen/ (the folder of its program), not in ${terminalText(`${grandparent}/${parent}/`)}`,
    });
    return;
  }
  check.warnings.push({
    pointer: '',
    message: `this file is not in requests/calnet/ or requests/cgen/, so the folder rule was not checked; a submitted request goes in requests/${isProgram(program) ? program : '<program>'}/`,
  });
}

/**
 * Where the documents are looked for: `files` reads the request's folder (a checkout), `paths` checks only
 * how each path is written (the page, which sees the request before its documents are uploaded).
 */
export type DocumentCheck = 'files' | 'paths';

function checkDocumentPaths(references: { pointer: string; path: string }[], check: LocationCheck): void {
  for (const { pointer, path } of references) {
    const syntax = documentPathProblem(path);
    if (syntax) {
      check.errors.push({
        pointer,
        message: `the document path ${showValue(path)} ${syntax} ${documentsClauseText()}`,
      });
    }
  }
}

function checkDocuments(
  file: string,
  request: unknown,
  check: LocationCheck,
  documents: DocumentCheck,
): void {
  const references = documentReferences(request);
  if (references.length === 0) return;
  if (documents === 'paths') {
    checkDocumentPaths(references, check);
    return;
  }
  const folder = documentsFolder(file);
  const shown = terminalText(`${basename(dirname(resolve(file)))}/${requestStem(file)}/`);
  let folderReal: string | undefined;
  let folderProblem: string | undefined;
  try {
    const stat = lstatSync(folder);
    if (stat.isSymbolicLink())
      folderProblem = `the supporting-documents folder ${shown} is a symbolic link; it must be a real folder beside the request`;
    else if (!stat.isDirectory())
      folderProblem = `${shown} is not a folder; supporting documents go in a folder named after the request`;
    else folderReal = realpathSync(folder);
  } catch {
    folderProblem = `the supporting-documents folder ${shown} does not exist; create it beside the request file and put the documents in it`;
  }
  checkDocumentPaths(references, check);
  for (const { pointer, path } of references) {
    if (path === '' || documentPathProblem(path)) continue;
    if (!folderReal) {
      check.errors.push({
        pointer,
        message: `${showValue(path)} cannot be found: ${folderProblem} ${documentsClauseText()}`,
      });
      continue;
    }
    const problem = documentProblem(join(folder, path), folderReal);
    if (problem) {
      check.errors.push({
        pointer,
        message: `the document ${shown}${path} ${problem} ${documentsClauseText()}`,
      });
    }
  }
}

function documentProblem(target: string, folderReal: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'does not exist; add the file or correct the path';
    if (code === 'ELOOP') return 'is a link that loops; it must be a regular file';
    return 'cannot be read';
  }
  if (!real.startsWith(folderReal + sep)) {
    return "is a symbolic link leading out of the request's folder; put the document itself in the folder";
  }
  const stat = statSync(real);
  if (!stat.isFile()) return 'is not a regular file (a folder or a device); name the document file itself';
  if (stat.size === 0) return 'is empty; attach the document with its content';
  if (stat.size > MAX_DOCUMENT_BYTES) {
    return `is ${stat.size.toLocaleString('en-US')} bytes; a supporting document may be at most ${MAX_DOCUMENT_BYTES.toLocaleString('en-US')} bytes (${MAX_DOCUMENT_BYTES / 1_048_576} MiB), so attach a smaller copy or an extract`;
  }
  return undefined;
}

/** All location problems of one request file. `request` is the loaded value (may be schema-invalid). */
export function checkLocation(
  file: string,
  request: unknown,
  documents: DocumentCheck = 'files',
): LocationCheck {
  const check: LocationCheck = { errors: [], warnings: [] };
  if (extname(file) !== '.yaml') {
    check.errors.push({
      pointer: '',
      message: 'a request file name ends in .yaml (not .yml or anything else)',
    });
  }
  placement(file, request, check);
  const id = field(request, 'id');
  const stem = requestStem(file);
  if (typeof id === 'string' && id !== stem) {
    check.errors.push({
      pointer: '/id',
      message: `id is ${showValue(id)} but the file is named ${terminalText(basename(file))}; the id must be the file name without .yaml, so rename the file or change the id`,
    });
  }
  checkDocuments(file, request, check, documents);
  return check;
}
