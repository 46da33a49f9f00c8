/** Scratch repositories for the maintainer tools that run the product on copies of the examples. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export interface Scratch {
  dir: string;
  remove(): void;
}

export function scratchRepository(prefix: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The supporting documents of a request file: the folder of the same name beside it, if any. */
export function documentsOf(requestFile: string): string {
  return requestFile.replace(/\.yaml$/, '');
}

/**
 * Copies an example request and its documents to `<root>/requests/<program>/`, where the location rules
 * expect it, and returns the copy's path.
 */
export function copyExampleInto(root: string, exampleFile: string): string {
  const target = join(root, 'requests', basename(dirname(exampleFile)));
  mkdirSync(target, { recursive: true });
  const copy = join(target, basename(exampleFile));
  cpSync(exampleFile, copy);
  if (existsSync(documentsOf(exampleFile)))
    cpSync(documentsOf(exampleFile), documentsOf(copy), { recursive: true });
  return copy;
}
