/** Files the build generates and the repository commits (the compiled policy, the schema's validator). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The names of the files in `dir` that differ from `files` (missing ones included). */
export function filesDrift(files: Record<string, Buffer>, dir: string): string[] {
  return Object.entries(files)
    .filter(([name, bytes]) => {
      try {
        return !readFileSync(join(dir, name)).equals(bytes);
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
}

export function writeFiles(files: Record<string, Buffer>, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
}
