/**
 * Reads a request file: YAML parsed into a document with a line counter, so that any JSON Pointer into
 * the request can be mapped back to a line and column of the file.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { LocatedError } from './types.ts';

export interface LoadedRequest {
  file: string;
  /** The parsed request, or undefined when the file could not be parsed. */
  request: unknown;
  errors: LocatedError[];
}

export function loadRequestText(file: string, text: string): LoadedRequest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const errors: LocatedError[] = doc.errors.map((error) => {
    const at = lineCounter.linePos(error.pos[0]);
    return {
      file,
      line: at.line,
      column: at.col,
      path: '',
      message: error.message.split('\n')[0] ?? 'YAML error',
    };
  });
  return { file, request: errors.length > 0 ? undefined : doc.toJS(), errors };
}

export function loadRequestFile(file: string): LoadedRequest {
  return loadRequestText(file, readFileSync(file, 'utf8'));
}
