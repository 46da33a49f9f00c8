/** Finds request files: `requests/<program>/<id>.yaml`, supporting documents in `requests/<program>/<id>/`. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROGRAM_FOLDERS = ['calnet', 'cgen'] as const;

/** Every request file under a requests root (default `requests/`), sorted for a stable order. */
export function listRequestFiles(requestsRoot: string = resolve('requests')): string[] {
  const files: string[] = [];
  for (const program of PROGRAM_FOLDERS) {
    const folder = join(requestsRoot, program);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (/\.ya?ml$/.test(name) && statSync(path).isFile()) files.push(path);
    }
  }
  return files.sort();
}

/** Expands the paths given on the command line: files as they are, folders to the request files inside. */
export function expandPaths(paths: string[]): string[] {
  if (paths.length === 0) return listRequestFiles();
  return paths.flatMap((path) => {
    if (existsSync(path) && statSync(path).isDirectory()) {
      const inside = PROGRAM_FOLDERS.some((p) => existsSync(join(path, p)));
      return inside ? listRequestFiles(path) : listYamlFiles(path);
    }
    return [path];
  });
}

function listYamlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}
