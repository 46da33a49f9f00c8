/**
 * An agency's central file (`audit --central-file AGENCY --out DIR`): both policies make the agency keep a
 * file of the exemptions it was granted, with their acquisition documents, to hand over for audit (CALNET
 * MSA policy, Responsibilities, Agency; CGEN policy, CGEN Exemption Requests, State Entity). The register
 * already knows each grant, so the file is written from the record: for each exemption the agency holds
 * at the audit date, the request as merged and the request's folder at the merge (bytes from the merge
 * commit's git objects), the decision of the merge and its approval evidence, and a manifest with the
 * SHA-256 of every file. `--verify DIR` writes the same file again in memory from the repository and
 * reports every file that is missing, extra or changed.
 *
 * Everything written is a function of the repository and the audit date alone (git only, never GitHub,
 * never a clock), so the same repository writes the same bytes, and a folder verifies until a byte of it
 * changes.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { PROGRAM_NAMES } from '../core/clauses.ts';
import { UserError } from '../core/errors.ts';
import { listTree, readBlobs } from '../core/git.ts';
import { markdownCode, markdownText } from '../render/escape.ts';
import { closeMatches } from '../request/messages.ts';
import type { AuditResult, RegisterRow } from './audit.ts';

export const MANIFEST = 'manifest.json';
export const CENTRAL_README = 'README.md';
const AGENCIES_PATH = 'policies/reference/agencies.json';

/** The files of a central file, by path relative to its folder (always with `/`). */
export type CentralFiles = Map<string, Buffer>;

export interface CentralFileManifest {
  format: 1;
  agency: string;
  agency_name: string | null;
  branch: string;
  as_of: string;
  exemptions: { request: string; program: string; folder: string; merge_commit: string }[];
  /** Every other file of the folder with its SHA-256 (hex) and size; the manifest does not list itself. */
  files: { path: string; sha256: string; bytes: number }[];
}

interface RegistryAgency {
  code: string;
  name: string | null;
}

/** The agency registry at the branch's tip, as codes and names; empty when it cannot be read. */
function registryAt(repoDir: string, commit: string): RegistryAgency[] {
  const spec = `${commit}:${AGENCIES_PATH}`;
  const text = readBlobs(repoDir, [spec]).get(spec)?.toString('utf8');
  if (!text) return [];
  try {
    const agencies = (JSON.parse(text) as { agencies?: unknown }).agencies;
    if (agencies === null || typeof agencies !== 'object' || Array.isArray(agencies)) return [];
    return Object.entries(agencies as Record<string, unknown>).map(([code, value]) => {
      const name = (value as { name?: unknown } | null)?.name;
      return { code, name: typeof name === 'string' ? name : null };
    });
  } catch {
    return [];
  }
}

/** The agency as the registry lists it; a plain error naming close matches when it lists no such code. */
export function registeredAgency(repoDir: string, result: AuditResult, code: string): RegistryAgency {
  const registry = registryAt(repoDir, result.head);
  const found = registry.find((a) => a.code === code);
  if (found) return found;
  if (registry.length === 0)
    throw new UserError(
      `--central-file ${code}: the branch ${result.branch} has no readable agency registry (${AGENCIES_PATH}), so no agency can be named`,
    );
  const byCode = closeMatches(
    code,
    registry.map((a) => a.code),
  );
  const byName = registry
    .filter((a) => a.name && code.length >= 3 && a.name.toLowerCase().includes(code.toLowerCase()))
    .map((a) => a.code);
  const near = [...new Set([...byCode, ...byName])].slice(0, 5);
  const shown = near.map((c) => {
    const name = registry.find((a) => a.code === c)?.name;
    return name ? `${c} (${name})` : c;
  });
  throw new UserError(
    `--central-file ${code}: no agency with that code in ${AGENCIES_PATH}` +
      (shown.length > 0
        ? `; did you mean ${shown.join(', ')}?`
        : `; its codes are written as in the registry, for example ${registry
            .slice(0, 3)
            .map((a) => a.code)
            .join(', ')}`),
  );
}

/** A name safe as one folder: the id when it is plain, else its plain characters and a short digest. */
function folderName(id: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) && !id.includes('..')) return id;
  const plain = id
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '_')
    .slice(0, 64);
  return `${plain}-${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 12)}`;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** The exemptions the agency holds at the audit date: its current grants, by request id. */
export function grantsOf(result: AuditResult, agency: string): RegisterRow[] {
  return result.rows
    .filter((r) => r.granted && r.current && r.agency === agency)
    .sort((a, b) => a.request.localeCompare(b.request) || a.program.localeCompare(b.program));
}

function decisionOf(row: RegisterRow, result: AuditResult) {
  return {
    format: 1,
    request: row.request,
    file: row.file,
    program: row.program,
    agency: row.agency,
    services: row.services,
    renews: row.renews,
    outcome: row.outcome,
    grounds: row.grounds,
    deficiencies: row.deficiencies,
    term: row.term,
    evaluation_date: row.evaluation_date,
    policy_digest: row.policy_digest,
    evaluated_with:
      "the policy, schema and reference data of the merge's first parent, as the pull-request check ran",
    register_as_of: result.as_of,
  };
}

function approvalOf(row: RegisterRow) {
  return {
    format: 1,
    request: row.request,
    merge_commit: row.commit,
    kind: row.kind,
    pull_request: row.pr,
    merge_signature: row.merge_signature,
    approver: {
      handle: row.merger_handle,
      source: row.handle_source,
      git_name: row.merged_by?.name ?? null,
      git_email: row.merged_by?.email ?? null,
      is_code_owner: row.merger_is_owner,
    },
    owners: row.owners,
    owners_rule: row.owners_rule,
    date: row.date,
    evaluation_date: row.evaluation_date,
    policy_digest: row.policy_digest,
  };
}

/** Each component of a document's path inside the request folder, refused when it could leave it. */
function documentPath(folder: string, path: string): string {
  const rest = path.slice(folder.length);
  const parts = rest.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..'))
    throw new UserError(`${path}: a supporting document's path cannot be written into a central file`);
  return parts.join('/');
}

function readme(
  agency: RegistryAgency,
  result: AuditResult,
  grants: RegisterRow[],
  folders: string[],
): Buffer {
  const lines = [
    `# Central file of granted exemptions: ${markdownText(agency.code)}${agency.name ? ` (${markdownText(agency.name)})` : ''}`,
    '',
    `Written from the exemption register of branch ${markdownCode(result.branch)} as of ${result.as_of}.`,
    '',
  ];
  if (grants.length === 0) lines.push('The agency holds no granted exemption on that date.', '');
  else {
    lines.push(
      `The agency holds ${grants.length === 1 ? 'one granted exemption' : `${grants.length} granted exemptions`} on that date. Each folder holds:`,
      '',
      '- the request as it was merged, byte for byte from the merge commit;',
      "- `documents/`: the request's folder of supporting documents at the merge;",
      "- `decision.json`: the decision as evaluated at the merge, with the policy, schema and reference data of that day and that policy's digest;",
      '- `approval.json`: the approval evidence: the merge commit, its signature status, the approver, the date and the policy digest.',
      '',
      '| Exemption | Program | Term ends | Approved | Approver | Merge |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    grants.forEach((g, i) => {
      const approver = g.merger_handle ?? g.merged_by?.name ?? 'unknown';
      const merge = `${g.pr === null ? '' : `#${g.pr} `}${markdownCode(g.commit.slice(0, 12))}`;
      lines.push(
        `| ${markdownCode(folders[i] ?? g.request)} | ${PROGRAM_NAMES[g.program]} | ${g.term?.through ?? ''} | ${g.evaluation_date} | ${markdownText(approver)} | ${merge} |`,
      );
    });
    lines.push('');
  }
  lines.push(
    `\`${MANIFEST}\` lists every other file with its SHA-256. To check this folder against the repository, run`,
    'in a clone of it:',
    '',
    '```sh',
    `npx exemptions audit --verify path/to/this/folder`,
    '```',
    '',
    'It writes the same file again from the repository and names each file that is missing, extra or changed.',
    '',
  );
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** The whole central file of one agency, in memory. */
export function centralFile(repoDir: string, result: AuditResult, code: string): CentralFiles {
  const agency = registeredAgency(repoDir, result, code);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(agency.code))
    throw new UserError(`--central-file ${code}: that agency code cannot be a folder name`);
  const grants = grantsOf(result, agency.code);
  const names = grants.map((g) => folderName(g.request));
  // The same id in both programs: each folder says its program.
  const folders = names.map((name, i) =>
    names.indexOf(name) !== names.lastIndexOf(name) ? `${name}.${grants[i]?.program}` : name,
  );
  const files: CentralFiles = new Map();
  const wanted: string[] = [];
  const plan = grants.map((row, i) => {
    const requestFolder = row.file.replace(/\.ya?ml$/, '/');
    // git normalises a pathspec (an id of `..` would name the programs' folder): keep only what is inside.
    const documents = listTree(repoDir, row.commit, [requestFolder]).filter(
      (e) => e.type === 'blob' && e.path.startsWith(requestFolder),
    );
    const requestSpec = `${row.commit}:${row.file}`;
    wanted.push(requestSpec, ...documents.map((d) => d.object));
    return { row, folder: `${agency.code}/${folders[i]}`, requestFolder, documents, requestSpec };
  });
  const blobs = readBlobs(repoDir, wanted);
  for (const { row, folder, requestFolder, documents, requestSpec } of plan) {
    const request = blobs.get(requestSpec);
    if (!request) throw new UserError(`${row.file} cannot be read at ${row.commit.slice(0, 12)}`);
    files.set(`${folder}/${row.file.slice(row.file.lastIndexOf('/') + 1)}`, request);
    for (const d of documents) {
      const bytes = blobs.get(d.object);
      if (!bytes) throw new UserError(`${d.path} cannot be read at ${row.commit.slice(0, 12)}`);
      files.set(`${folder}/documents/${documentPath(requestFolder, d.path)}`, bytes);
    }
    files.set(`${folder}/decision.json`, json(decisionOf(row, result)));
    files.set(`${folder}/approval.json`, json(approvalOf(row)));
  }
  files.set(CENTRAL_README, readme(agency, result, grants, folders));
  const manifest: CentralFileManifest = {
    format: 1,
    agency: agency.code,
    agency_name: agency.name,
    branch: result.branch,
    as_of: result.as_of,
    exemptions: plan.map(({ row, folder }) => ({
      request: row.request,
      program: row.program,
      folder,
      merge_commit: row.commit,
    })),
    files: [...files]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, bytes]) => ({ path, sha256: sha256(bytes), bytes: bytes.length })),
  };
  files.set(MANIFEST, json(manifest));
  return files;
}

/** Writes a central file into `dir`; refuses a folder that already holds files (nothing is overwritten). */
export function writeCentralFile(files: CentralFiles, dir: string): void {
  const existing = filesIn(dir);
  if (existing.size > 0)
    throw new UserError(`--out ${dir}: the folder is not empty; give a new folder for the central file`);
  for (const [path, bytes] of files) {
    const full = join(dir, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, bytes);
  }
}

/** Every file under `dir` (symbolic links included, never followed), by `/` path; empty when it is missing. */
function filesIn(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (folder: string) => {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of entries) {
      const full = join(folder, name);
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(full);
      else found.set(relative(dir, full).split(sep).join('/'), full);
    }
  };
  walk(dir);
  return found;
}

/** What a handed-over folder says it is: the manifest's agency, branch and audit date. */
export function readManifest(dir: string): Pick<CentralFileManifest, 'agency' | 'branch' | 'as_of'> {
  const path = join(dir, MANIFEST);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(
      `${path}: no manifest, so this is not a central file (write one with audit --central-file AGENCY --out DIR)`,
    );
  }
  let manifest: Partial<CentralFileManifest>;
  try {
    manifest = JSON.parse(text) as Partial<CentralFileManifest>;
  } catch (error) {
    throw new UserError(`${path}:1:1: the manifest is not JSON (${(error as Error).message})`);
  }
  const { agency, branch, as_of } = manifest;
  if (typeof agency !== 'string' || typeof branch !== 'string' || typeof as_of !== 'string')
    throw new UserError(`${path}: the manifest does not name its agency, branch and as_of`);
  return { agency, branch, as_of };
}

export interface FolderDifference {
  kind: 'missing' | 'extra' | 'changed';
  path: string;
  detail: string;
}

/** Each file the folder lacks, has in excess, or holds with other bytes than the repository gives. */
export function compareFolder(expected: CentralFiles, dir: string): FolderDifference[] {
  const actual = filesIn(dir);
  const differences: FolderDifference[] = [];
  for (const [path, bytes] of expected) {
    const full = actual.get(path);
    if (full === undefined) {
      differences.push({ kind: 'missing', path, detail: `expected sha256 ${sha256(bytes)}` });
      continue;
    }
    const stat = lstatSync(full);
    const found = stat.isFile() ? readFileSync(full) : null;
    if (found === null)
      differences.push({ kind: 'changed', path, detail: 'not a regular file (a link or a device)' });
    else if (!found.equals(bytes))
      differences.push({
        kind: 'changed',
        path,
        detail: `sha256 ${sha256(found)}, the repository gives ${sha256(bytes)}`,
      });
  }
  for (const path of actual.keys())
    if (!expected.has(path))
      differences.push({ kind: 'extra', path, detail: 'not part of the central file' });
  return differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
