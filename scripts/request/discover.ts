/** Finds request files: `requests/<program>/<id>.yaml`, supporting documents in `requests/<program>/<id>/`. */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PROGRAMS } from '../core/clauses.ts';

/** Each program's requests live in a folder named after it. */
export const PROGRAM_FOLDERS = PROGRAMS;

const REQUEST_FILE = /\.ya?ml$/;

/**
 * Candidate request files directly inside a folder. Links are listed too (not followed) so that the
 * loader rejects them with a message instead of the run silently skipping them.
 */
function requestFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => REQUEST_FILE.test(name))
    .map((name) => join(folder, name))
    .filter((path) => {
      const stat = lstatSync(path);
      return stat.isFile() || stat.isSymbolicLink();
    });
}

/** Every request file under a requests root (default `requests/`), sorted for a stable order. */
export function listRequestFiles(requestsRoot: string = resolve('requests')): string[] {
  const files: string[] = [];
  for (const program of PROGRAM_FOLDERS) {
    const folder = join(requestsRoot, program);
    if (existsSync(folder) && lstatSync(folder).isDirectory()) files.push(...requestFilesIn(folder));
  }
  return files.sort();
}

/**
 * Expands the paths given on the command line: files as they are, folders to the request files inside.
 * A requests root gives its program folders; a program folder gives its request files; any other folder
 * is searched throughout, except the supporting-documents folders beside request files.
 */
export function expandPaths(paths: string[], cwd: string = process.cwd()): string[] {
  if (paths.length === 0) return listRequestFiles(resolve(cwd, 'requests'));
  return paths.flatMap((path) => {
    if (!existsSync(path) || !lstatSync(path).isDirectory()) return [path];
    if (PROGRAM_FOLDERS.some((p) => existsSync(join(path, p)))) return listRequestFiles(path);
    if ((PROGRAM_FOLDERS as readonly string[]).includes(basename(resolve(path))))
      return requestFilesIn(path).sort();
    return listYamlFiles(path);
  });
}

/** Paths given on the command line that do not exist (a usage problem, reported before checking). */
export function missingPaths(paths: string[]): string[] {
  return paths.filter((path) => !existsSync(path) && !isLink(path));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function listYamlFiles(root: string): string[] {
  const files: string[] = [];
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    const names = readdirSync(folder);
    const stems = new Set(names.filter((n) => REQUEST_FILE.test(n)).map((n) => n.replace(REQUEST_FILE, '')));
    for (const name of names) {
      const path = join(folder, name);
      const stat = lstatSync(path);
      // A folder named like a request file beside it holds that request's documents, not requests.
      if (stat.isDirectory() && !stems.has(name)) folders.push(path);
      else if (REQUEST_FILE.test(name) && (stat.isFile() || stat.isSymbolicLink())) files.push(path);
    }
  }
  return files.sort();
}

/** What to say when a run finds no request files: a plain statement, not an error. */
export function noRequestFilesMessage(pathsGiven: boolean): string {
  return pathsGiven
    ? 'No request files in the given paths: nothing to check.'
    : 'No request files under requests/calnet/ or requests/cgen/ yet: nothing to check. To see decisions, try npx exemptions evaluate examples/requests';
}
