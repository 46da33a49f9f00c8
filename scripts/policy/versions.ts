/**
 * The policy, schema and reference data of a past commit, compiled once per distinct version. A version is
 * identified by the digest of its sources (every path and blob id under `policies/` and `schemas/`; blob
 * ids are content hashes, so equal digests mean equal files), extracted with `git archive` into a scratch
 * folder and built with the same `buildPolicy` as the pull-request check. The audit asks it for each past
 * merge's policy, `impact` for the two commits it compares.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFolders, listTree } from '../core/git.ts';
import { compileHistoricalSchema, type SchemaCheck } from '../request/historical-schema.ts';
import { type BuiltPolicy, buildPolicy, readBuiltPolicy } from './compile.ts';
import { PolicyEvaluator } from './evaluator.ts';

/** The folders whose state at a commit makes up "the policy, schema and reference data" of that commit. */
export const POLICY_FOLDERS = ['policies', 'schemas'] as const;

/** Where a commit holds its request schema, relative to the repository root. */
export const DEFAULT_REQUEST_SCHEMA = 'schemas/request.schema.json';

export interface PolicyVersion {
  /** Digest of the sources (paths and blob ids under policies/ and schemas/). */
  sourceDigest: string;
  /** The commit the version was first extracted from. */
  commit: string;
  evaluator: PolicyEvaluator | null;
  /** The built policy's digest (wasm and data), as the check of that time reported it. */
  digest: string | null;
  /** `data.reference` of the built policy. */
  reference: unknown;
  /** The request schema of that commit, or null when it had none. */
  schemaCheck: SchemaCheck | null;
  /** Why the version could not be built, when it could not. */
  error: string | null;
}

/** Sorted `path blob` lines of the files under `folders` (default: the policy folders), hashed. */
export function sourceDigest(
  files: Iterable<[string, string]>,
  folders: readonly string[] = POLICY_FOLDERS,
): string {
  const lines = [...files]
    .filter(([path]) => folders.some((folder) => path.startsWith(`${folder}/`)))
    .map(([path, blob]) => `${path}\0${blob}\n`)
    .sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line);
  return `sha256:${hash.digest('hex')}`;
}

/** The policy sources of a commit: their digest, that of its schemas alone, and which folders exist. */
export interface PolicySources {
  digest: string;
  schemaDigest: string;
  folders: string[];
}

/**
 * Where a commit's policy comes from: `sources`, its `policies/` compiled with the pinned OPA (what its
 * rules say); `committed`, the bundle it commits in `compiled/policy/`, read with Node alone (what the
 * command line of that commit runs; equal to the sources wherever `npm run check:compiled` held).
 */
export type PolicyOrigin = 'sources' | 'committed';

/** The committed bundle's folder, relative to the repository root. */
const COMMITTED_POLICY = ['compiled', 'policy'] as const;

/** The folders a version is made of, by where its policy comes from (with the request schema's). */
function originFolders(origin: PolicyOrigin): readonly string[] {
  return origin === 'sources' ? POLICY_FOLDERS : [COMMITTED_POLICY[0], 'schemas'];
}

/** The policy sources of one commit, read from its tree (the audit keeps them while it replays history). */
export function sourcesAt(
  repoDir: string,
  commit: string,
  folders: readonly string[] = POLICY_FOLDERS,
): PolicySources {
  const files = listTree(repoDir, commit, [...folders])
    .filter((entry) => entry.type === 'blob')
    .map((entry): [string, string] => [entry.path, entry.object]);
  return {
    digest: sourceDigest(files, folders),
    schemaDigest: sourceDigest(files, ['schemas']),
    folders: folders.filter((folder) => files.some(([path]) => path.startsWith(`${folder}/`))),
  };
}

export interface PolicyCacheOptions {
  repoDir: string;
  /** The request schema, relative to the repository root (default: `DEFAULT_REQUEST_SCHEMA`). */
  requestSchema?: string;
  build?: (policyDir: string) => Promise<BuiltPolicy>;
  /** Where each version's policy comes from (default `sources`). */
  origin?: PolicyOrigin;
}

export class PolicyCache {
  private readonly versions = new Map<string, Promise<PolicyVersion>>();
  /** Request schemas by the digest of schemas/: a policy change alone does not compile the schema again. */
  private readonly schemas = new Map<string, SchemaCheck | null>();
  /** How many times a policy was compiled (one per distinct version). */
  compilations = 0;

  constructor(private readonly options: PolicyCacheOptions) {}

  /** The repository the versions are read from. */
  get repoDir(): string {
    return this.options.repoDir;
  }

  get origin(): PolicyOrigin {
    return this.options.origin ?? 'sources';
  }

  /** The version of `commit`, its sources read from the commit's tree. */
  atCommit(commit: string): Promise<PolicyVersion> {
    return this.at(commit, sourcesAt(this.repoDir, commit, originFolders(this.origin)));
  }

  /**
   * The version whose sources have `sources.digest`, extracting it from `commit` the first time.
   * `sources.folders` are the policy folders present at that commit (git archive refuses a missing path).
   */
  at(commit: string, sources: PolicySources): Promise<PolicyVersion> {
    let version = this.versions.get(sources.digest);
    if (!version) {
      version = this.load(commit, sources);
      this.versions.set(sources.digest, version);
    }
    return version;
  }

  private async load(commit: string, sources: PolicySources): Promise<PolicyVersion> {
    const { digest, folders } = sources;
    const base: PolicyVersion = {
      sourceDigest: digest,
      commit,
      evaluator: null,
      digest: null,
      reference: null,
      schemaCheck: null,
      error: null,
    };
    const at = commit.slice(0, 12);
    const committed = this.origin === 'committed';
    if (!folders.includes(committed ? COMMITTED_POLICY[0] : 'policies')) {
      return {
        ...base,
        error: committed ? `no committed policy (compiled/policy/) at ${at}` : `no policies/ at ${at}`,
      };
    }
    const work = mkdtempSync(join(tmpdir(), 'audit-policy-'));
    try {
      await extractFolders(this.options.repoDir, commit, folders, work);
      let built: BuiltPolicy;
      if (committed) built = readBuiltPolicy(join(work, ...COMMITTED_POLICY));
      else {
        this.compilations++;
        built = await (this.options.build ?? buildPolicy)(join(work, 'policies'));
      }
      const evaluator = await PolicyEvaluator.fromBuild(built.wasm, built.dataJson, built.manifest);
      const data = JSON.parse(built.dataJson) as { reference?: unknown };
      let schemaCheck = this.schemas.get(sources.schemaDigest);
      try {
        if (schemaCheck === undefined) {
          schemaCheck = compileHistoricalSchema(
            join(work, 'schemas'),
            this.options.requestSchema ?? DEFAULT_REQUEST_SCHEMA,
            work,
          );
          this.schemas.set(sources.schemaDigest, schemaCheck);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          ...base,
          error: `the request schema at ${commit.slice(0, 12)} does not compile: ${message}`,
        };
      }
      return {
        ...base,
        evaluator,
        digest: built.manifest.digest,
        reference: data.reference ?? null,
        schemaCheck,
      };
    } catch (error) {
      const message =
        error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
      const what = committed
        ? `the committed policy at ${at} cannot be read`
        : `the policy at ${at} could not be built`;
      return { ...base, error: `${what}: ${message}` };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}
