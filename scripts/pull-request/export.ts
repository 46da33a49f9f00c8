/**
 * Copies a pull request's request files out of git, as data. Files are read from git objects, never from
 * a checked-out working tree, so a symbolic link in the pull request cannot make the evaluation read a file
 * outside the repository: links, submodules and oversized requests are reported, not followed.
 * Supporting documents are never read: the rules need only that each exists, its kind and its size, so
 * each is written as a file of its recorded size with no content (a 50 MB document costs nothing).
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listTree, readBlobs, type TreeEntry } from '../core/git.ts';
import { MAX_FILE_BYTES } from '../core/limits.ts';
import { tooLarge } from '../request/load.ts';
import { isSafeRepoPath } from './changes.ts';

export interface ExportProblem {
  /** The request file the problem belongs to. */
  request: string;
  message: string;
}

export interface ExportedRequests {
  /** Absolute paths of the request files written under the destination folder. */
  files: string[];
  problems: ExportProblem[];
}

/** A document's stand-in: a file of its size and no content (sparse), enough for every rule. */
function placeholder(target: string, size: number): void {
  mkdirSync(dirname(target), { recursive: true });
  const fd = openSync(target, 'w');
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

function requestFolder(requestPath: string): string {
  return requestPath.replace(/\.ya?ml$/, '');
}

/**
 * Writes each request file of `commit` and the supporting documents in its folder into `dest`, keeping
 * the repository layout, so the loader's location rules see what the pull request holds.
 */
export function exportRequestFiles(
  repoDir: string,
  commit: string,
  requestPaths: string[],
  dest: string,
): ExportedRequests {
  const problems: ExportProblem[] = [];
  const files: string[] = [];
  const wanted: { entry: TreeEntry; request: string }[] = [];
  for (const request of requestPaths) {
    const entries = listTree(repoDir, commit, [request, `${requestFolder(request)}/`]);
    const own = entries.find((e) => e.path === request);
    if (!own) {
      problems.push({ request, message: 'the file is not in the pull request head commit' });
      continue;
    }
    for (const entry of entries) {
      const isRequest = entry.path === request;
      if (!isSafeRepoPath(entry.path)) {
        problems.push({
          request,
          message:
            'a supporting document has a name with characters outside letters, digits, ".", "_" and "-"',
        });
        continue;
      }
      if (entry.mode === '120000') {
        problems.push({
          request,
          message: `${isRequest ? 'the request' : `supporting document ${entry.path}`} is a symbolic link; requests and their documents must be regular files`,
        });
        continue;
      }
      if (entry.type !== 'blob') {
        problems.push({ request, message: `${entry.path} is not a regular file (${entry.type})` });
        continue;
      }
      if (isRequest && entry.size !== null && entry.size > MAX_FILE_BYTES) {
        problems.push({ request, message: tooLarge(entry.size) });
      } else if (isRequest) wanted.push({ entry, request });
      else placeholder(join(dest, entry.path), entry.size ?? 0);
    }
  }
  const blobs = readBlobs(
    repoDir,
    wanted.map((w) => w.entry.object),
  );
  for (const { entry, request } of wanted) {
    const content = blobs.get(entry.object);
    if (!content) {
      problems.push({ request, message: `${entry.path} could not be read from git` });
      continue;
    }
    if (content.length > MAX_FILE_BYTES) {
      problems.push({
        request,
        message: tooLarge(content.length),
      });
      continue;
    }
    const target = join(dest, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    files.push(target);
  }
  return { files: files.sort(), problems };
}
