/**
 * Reads a request file: YAML parsed into a document with a line counter, so that any JSON Pointer into
 * the request can be mapped back to a line and column of the file.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { LocatedError } from './types.ts';

export interface Position {
  line: number;
  column: number;
}

export interface LoadedRequest {
  file: string;
  /** The parsed request, or undefined when the file could not be parsed. */
  request: unknown;
  errors: LocatedError[];
  /**
   * Where a JSON Pointer into the request sits in the file. `key: true` asks for the mapping key rather
   * than its value. A pointer to something absent gives the nearest enclosing node that exists.
   */
  locate(pointer: string, options?: { key?: boolean }): Position;
}

/** The segments of a JSON Pointer, with `~1` and `~0` decoded (in that order, per RFC 6901). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function loadRequestText(file: string, text: string): LoadedRequest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (pointer: string, options: { key?: boolean } = {}): Position => {
    let node: unknown = doc.contents;
    let position = at(0);
    let keyPosition: Position | undefined;
    for (const segment of pointerSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) return position;
        keyPosition = isScalar(pair.key) && pair.key.range ? at(pair.key.range[0]) : position;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined || !/^\d+$/.test(segment)) return position;
        keyPosition = undefined;
        node = item;
      } else {
        return position;
      }
      const range = (node as Node | null)?.range;
      position = range ? at(range[0]) : (keyPosition ?? position);
    }
    return options.key && keyPosition ? keyPosition : position;
  };
  const errors: LocatedError[] = doc.errors.map((error) => {
    const pos = at(error.pos[0]);
    return { file, ...pos, path: '', message: error.message.split('\n')[0] ?? 'YAML error' };
  });
  return { file, request: errors.length > 0 ? undefined : doc.toJS(), errors, locate };
}

export function loadRequestFile(file: string): LoadedRequest {
  return loadRequestText(file, readFileSync(file, 'utf8'));
}
