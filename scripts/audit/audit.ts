/**
 * Rebuilds the register of granted exemptions from the first-parent history of the default branch and
 * checks every approval. History is read in one `git log` pass and replayed in order, so that for each
 * commit the state of its first parent (the CODEOWNERS in force, the policy and schema the check used) is
 * known without asking git again; blob contents are then read in one `git cat-file` pass, and each distinct
 * policy version is compiled once.
 */

import { CODEOWNERS_LOCATIONS, type Codeowners, ownersOf, parseCodeowners } from '../approvers/codeowners.ts';
import {
  emptyIdentities,
  IDENTITIES_PATH,
  type IdentityMap,
  loadIdentities,
} from '../approvers/identities.ts';
import { readBlobs, resolveRevision } from '../core/git.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import type { CoveredTerm, Decision, ExemptionRecord, RecordedExemption } from '../policy/decision.ts';
import { INVALID, isAcceptable } from '../policy/outcomes.ts';
import {
  DEFAULT_REQUEST_SCHEMA,
  POLICY_FOLDERS,
  PolicyCache,
  type PolicySources,
  type PolicyVersion,
  sourceDigest,
} from '../policy/versions.ts';
import { agencyOf, renewsOf, servicesOf } from '../request/fields.ts';
import { type LoadedRequest, loadRequestBytes } from '../request/load.ts';
import type { Program } from '../request/types.ts';
import { type Approver, approverOf, describeApprover, isAmongOwners, isDirectorTeam } from './approval.ts';
import { BASELINE_PATH, readBaseline } from './baseline.ts';
import {
  type CommitKind,
  classifyCommit,
  isGovernancePath,
  isJudgingPath,
  requestOfPath,
} from './classify.ts';
import { branchDays } from './dates.ts';
import { type DecisionEntry, fetchDecisions } from './decisions.ts';
import {
  type EnrichTarget,
  fetchGitHubFacts,
  type GitHubFacts,
  type GitHubSource,
  type ReviewFact,
} from './enrich.ts';
import {
  type ExpiryItem,
  expiringItems,
  noticeSchedule,
  type RowTerm,
  rowTerm,
  type TermOnBranch,
} from './expiry.ts';
import { assertFullHistory, type HistoryCommit, readHistory } from './history.ts';
import { fetchQueue, type QueueEntry } from './queue.ts';
import { type RenewalChain, renewalChains } from './renewals.ts';
import {
  checkCommitSignature,
  MERGE_SIGNING_KEYS_PATH,
  NO_SIGNING_KEYS,
  readSigningKeys,
  type SignatureCheck,
  type SigningKeys,
} from './signatures.ts';
import type { Violation, ViolationKind } from './violations.ts';

export type RequestChange = 'added' | 'modified' | 'removed' | 'documents';

export type MergeSignature = 'github' | 'unsigned' | 'unknown-key' | 'bad';

/** How many signatures are checked at once. */
const SIGNATURE_CONCURRENCY = 8;

/** Commit kinds that claim GitHub made the commit: only a signature proves it. */
const GITHUB_KINDS: readonly CommitKind[] = ['merge', 'squash', 'rebase'];

function signatureOf(check: SignatureCheck): MergeSignature {
  return check.status === 'valid' ? 'github' : check.status;
}

/** Why a commit that claims to be GitHub's is not proven to be; null when GitHub signed it. */
function unproven(kind: CommitKind, check: SignatureCheck | null): [ViolationKind, string] | null {
  if (!GITHUB_KINDS.includes(kind) || check === null || check.status === 'valid') return null;
  if (check.status === 'unsigned') {
    return kind === 'merge'
      ? [
          'unsigned-merge',
          "GitHub's merge message but no signature: the merge was made outside GitHub and pushed",
        ]
      : ['unsigned-merge', `GitHub as committer but no signature: GitHub did not make this ${kind}`];
  }
  if (check.status === 'unknown-key') {
    return [
      'unknown-signing-key',
      `signed with key ${check.keyId}, which is not in ${MERGE_SIGNING_KEYS_PATH}: not proven to be GitHub's ${kind}`,
    ];
  }
  return [
    'unsigned-merge',
    `its signature by key ${check.keyId} does not verify (${check.reason}): the commit was changed after it was signed`,
  ];
}

export interface RegisterRow {
  request: string;
  program: Program;
  file: string;
  change: RequestChange;
  /** The first-parent commit that brought the change onto the branch. */
  commit: string;
  kind: CommitKind;
  pr: number | null;
  /**
   * For a commit that claims GitHub made it (merge, squash, rebase): `github` when a reviewed merge-signing
   * key signed it, else what is wrong (`unsigned`, `unknown-key`, `bad`); null for other commits.
   */
  merge_signature: MergeSignature | null;
  /** When the change reached the branch (committer date, ISO 8601). */
  date: string;
  /** The merge date as a UTC day: the evaluation date of the re-evaluation. */
  evaluation_date: string;
  /** Who put the change on the branch as git records it (null for squash and rebase merges). */
  merged_by: { name: string; email: string } | null;
  merger_handle: string | null;
  /** Where the handle comes from: the reviewed mapping, or GitHub's `merged_by` when a token is used. */
  handle_source: 'mapping' | 'github' | null;
  /** Owners of the request file under the CODEOWNERS in force at the first parent. */
  owners: string[];
  /** The CODEOWNERS rule that decided, `file:line pattern`. */
  owners_rule: string | null;
  merger_is_owner: boolean | null;
  /** The decision's outcome, `invalid` (YAML or schema), `unavailable` (nothing could judge), or null (removed). */
  outcome: string | null;
  grounds: string[];
  deficiencies: string[];
  /** Schema, YAML or policy problems behind `invalid` or `unavailable`. */
  errors: string[];
  policy_digest: string | null;
  /** The agency code the request names (empty when it names none). */
  agency: string;
  /** The catalog codes of the services the request names, each once. */
  services: string[];
  /**
   * Whether this change stands as a granted exemption: approved (or there at the baseline) with the
   * decision ready for the Director's decision at its merge. The register site and the central file read it.
   */
  granted: boolean;
  /** With a token: when the pull request was opened (ISO 8601), the start of its time to decision. */
  opened_at: string | null;
  /** The id of the granted exemption this request renews or extends, as the request names it. */
  renews: string | null;
  /** The term the exemption covers: first and last day and months; null when there is none. */
  term: RowTerm | null;
  /** True for the latest change of a request still on the branch. */
  current: boolean;
  reviews: ReviewFact[];
  /**
   * With a token: whether GitHub says the pull request was merged as exactly this commit (its
   * merge_commit_sha), which makes its merged_by the approver. Null without a token, or when GitHub could
   * not answer: the approver then rests on the signature and the identity mapping, unconfirmed by the API.
   */
  api_confirmed: boolean | null;
  violations: ViolationKind[];
}

export interface AuditProblem {
  file: string;
  commit: string | null;
  line: number;
  column: number;
  message: string;
}

export interface PolicyVersionSummary {
  source_digest: string;
  digest: string | null;
  first_commit: string;
  error: string | null;
}

export interface AuditResult {
  branch: string;
  head: string;
  as_of: string;
  expiring_within_days: number;
  /** The expiry notices of the reference data at the audit date (`expiry_notice_days`), longest first. */
  notice_days: number[];
  rows: RegisterRow[];
  /** Each line of renewals among the exemptions on the branch, first to latest. */
  chains: RenewalChain[];
  violations: Violation[];
  expiring: ExpiryItem[];
  policies: PolicyVersionSummary[];
  problems: AuditProblem[];
  enriched: boolean;
  /**
   * With `decisions` and a token: the pull requests that changed requests and were closed without a merge
   * (denied, withdrawn, or closed with no recorded decision). Null when not asked for or without a token.
   */
  decisions: DecisionEntry[] | null;
  /**
   * With `queue` and a token: the open pull requests that change requests, waiting for a decision. Null
   * when not asked for or without a token.
   */
  queue: QueueEntry[] | null;
  stats: { commits: number; audited_commits: number; compilations: number; milliseconds: number };
}

export interface AuditOptions {
  repoDir: string;
  branch: string;
  /** The audit date: history after it is left out and expiries are counted from it. */
  asOf: string;
  /** The expiry window; by default the longest notice of the reference data's expiry_notice_days. */
  expiringWithinDays?: number;
  /** The request schema, relative to the repository root of each commit. */
  requestSchema?: string;
  policyCache?: PolicyCache;
  github?: GitHubSource;
  /** Also build the decision log (needs `github`). */
  decisions?: boolean;
  /** Also read the review queue (needs `github`). */
  queue?: boolean;
  progress?: Progress;
}

export { DEFAULT_REQUEST_SCHEMA };

interface RequestEvent {
  file: string;
  id: string;
  program: Program;
  change: RequestChange;
  blob: string | null;
}

/** A commit that changed requests or governance files, with the state of its first parent. */
interface AuditedCommit {
  commit: HistoryCommit;
  /** The day it counts as on the branch (its date, unless that date is an anomaly; see `branchDays`). */
  day: string;
  kind: CommitKind;
  pr: number | null;
  requests: RequestEvent[];
  governance: string[];
  judging: string[];
  /** The CODEOWNERS in force at the first parent: where it is and its blob. */
  codeowners: { path: string; blob: string } | null;
  policy: PolicySources | null;
  /** The signature check of a commit that claims GitHub made it; null for other commits. */
  signature: SignatureCheck | null;
  /** Why a commit that claims GitHub made it is not proven to be (`unproven`); null when it is, or claims not. */
  notGitHub: [ViolationKind, string] | null;
  /** At or before the go-live baseline: shown in the register, never judged. */
  baselined: boolean;
  /** Changed paths that are neither part of a request nor governance files. */
  others: string[];
}

/** Live state of the branch while history is replayed. */
class BranchState {
  readonly files = new Map<string, string>();
  private readonly policyFiles = new Map<string, string>();
  private policyVersion = 0;
  private policyMemo: (PolicySources & { version: number }) | null = null;

  apply(commit: HistoryCommit): void {
    for (const change of commit.changes) {
      const policy = POLICY_FOLDERS.some((folder) => change.path.startsWith(`${folder}/`));
      if (change.blob === null) this.files.delete(change.path);
      else this.files.set(change.path, change.blob);
      if (policy) {
        if (change.blob === null) this.policyFiles.delete(change.path);
        else this.policyFiles.set(change.path, change.blob);
        this.policyVersion++;
      }
    }
  }

  codeowners(): { path: string; blob: string } | null {
    for (const path of CODEOWNERS_LOCATIONS) {
      const blob = this.files.get(path);
      if (blob) return { path, blob };
    }
    return null;
  }

  policy(): PolicySources {
    if (this.policyMemo?.version !== this.policyVersion) {
      const folders = POLICY_FOLDERS.filter((folder) =>
        [...this.policyFiles.keys()].some((path) => path.startsWith(`${folder}/`)),
      );
      this.policyMemo = {
        version: this.policyVersion,
        digest: sourceDigest(this.policyFiles),
        schemaDigest: sourceDigest(this.policyFiles, ['schemas']),
        folders,
      };
    }
    const { digest, schemaDigest, folders } = this.policyMemo;
    return { digest, schemaDigest, folders };
  }
}

function requestEvents(commit: HistoryCommit, state: BranchState): RequestEvent[] {
  const byFile = new Map<string, RequestEvent>();
  for (const change of commit.changes) {
    const request = requestOfPath(change.path);
    if (!request) continue;
    if (!request.document) {
      const kind: RequestChange =
        change.status === 'A' ? 'added' : change.status === 'D' ? 'removed' : 'modified';
      byFile.set(request.file, { ...request, change: kind, blob: change.blob });
      continue;
    }
    // A change to a supporting document is a change to its request (written .yaml or .yml).
    const file = [request.file, request.file.replace(/\.yaml$/, '.yml')].find((f) => state.files.has(f));
    const key = file ?? request.file;
    if (byFile.has(key)) continue;
    byFile.set(key, {
      ...request,
      file: key,
      change: file ? 'documents' : 'removed',
      blob: file ? (state.files.get(file) ?? null) : null,
    });
  }
  return [...byFile.values()];
}

type Evaluated = Pick<RegisterRow, 'outcome' | 'grounds' | 'deficiencies' | 'errors' | 'policy_digest'> & {
  request: unknown;
  /** The decision's term; undefined when the policy of the day did not state terms. */
  term?: CoveredTerm | null;
};

/** The decision of the time: schema of the first parent first, then its policy, as at `evaluationDate`. */
function evaluateAt(
  loaded: LoadedRequest | null,
  version: PolicyVersion | null,
  evaluationDate: string,
  record: () => ExemptionRecord,
): Evaluated {
  const none = { grounds: [], deficiencies: [], policy_digest: version?.digest ?? null };
  if (loaded === null) {
    return { ...none, outcome: 'unavailable', errors: ['the request file could not be read'], request: null };
  }
  if (loaded.errors.length > 0) {
    const errors = loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
    return { ...none, outcome: INVALID, errors, request: null };
  }
  if (!version?.evaluator) {
    const why = version?.error ?? 'no first parent: nothing judged this change';
    return { ...none, outcome: 'unavailable', errors: [why], request: loaded.request };
  }
  const problems = version.schemaCheck?.(loaded.request) ?? [];
  if (problems.length > 0) {
    const errors = problems.map((p) => {
      const at = loaded.locate(p.pointer, { key: p.atKey });
      return `${at.line}:${at.column} ${p.message}`;
    });
    return { ...none, outcome: INVALID, errors, request: loaded.request };
  }
  let decision: Decision;
  try {
    // The record is built only for a request that renews an exemption: it is the only reader.
    const renewing = renewsOf(loaded.request) !== null;
    decision = version.evaluator.evaluate(loaded.request, evaluationDate, renewing ? record() : undefined);
  } catch (error) {
    const why = `the policy failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ...none, outcome: 'unavailable', errors: [why], request: loaded.request };
  }
  return {
    outcome: decision.outcome,
    grounds: decision.grounds ?? [],
    deficiencies: (decision.deficiencies ?? []).map((d) => d.code),
    errors: [],
    policy_digest: version.digest,
    request: loaded.request,
    ...('term' in decision ? { term: decision.term ?? null } : {}),
  };
}

/** A commit whose claimed date the branch's order contradicts, or that is not a date at all. */
interface DateAnomaly {
  commit: HistoryCommit;
  kind: CommitKind;
  pr: number | null;
  path: string;
  detail: string;
}

interface Replay {
  audited: AuditedCommit[];
  anomalies: DateAnomaly[];
  /** Files on the branch at the audit date. */
  asOfFiles: Map<string, string>;
  /** Files at the tip of the branch (where the identity mapping is read). */
  tipFiles: Map<string, string>;
  /** The last audited commit and its policy sources: where the reference data of the audit date lives. */
  asOfPolicy: (PolicySources & { commit: string }) | null;
}

/**
 * Replays the history in the branch's order, keeping every commit that changed requests or governance
 * files. The audit date cuts the chain by position: a commit is history when the day it counts as on
 * the branch (`branchDays`) is on or before it, whatever date it claims.
 */
function replayHistory(
  history: HistoryCommit[],
  asOf: string,
  baseline: number,
  signatures: Map<string, SignatureCheck>,
): Replay {
  const state = new BranchState();
  const audited: AuditedCommit[] = [];
  const anomalies: DateAnomaly[] = [];
  const days = branchDays(
    history.map((c) => c.committer.date),
    history.map((c) => signatures.get(c.sha)?.status === 'valid'),
  );
  let asOfFiles: Map<string, string> | null = null;
  let asOfPolicy: Replay['asOfPolicy'] = null;
  history.forEach((commit, i) => {
    const { day, anomaly } = days[i] ?? { day: '1970-01-01', anomaly: null };
    // History after the audit date is replayed (the mapping is read at the tip) but not audited.
    if (asOfFiles === null && day > asOf) asOfFiles = new Map(state.files);
    const { kind, pr } = classifyCommit(commit);
    const codeowners = state.codeowners();
    const policy = commit.parents.length > 0 ? state.policy() : null;
    state.apply(commit);
    if (asOfFiles !== null) return;
    asOfPolicy = { commit: commit.sha, ...state.policy() };
    const paths = commit.changes.map((c) => c.path);
    const baselined = i <= baseline;
    if (anomaly && !baselined) anomalies.push({ commit, kind, pr, path: paths[0] ?? '', detail: anomaly });
    const requests = requestEvents(commit, state);
    const governance = paths.filter(isGovernancePath);
    // After the baseline every commit is accounted for; before it, only what the register shows.
    if (baselined && requests.length === 0 && governance.length === 0) return;
    const judging = paths.filter((path) => isJudgingPath(path) && !requestOfPath(path));
    const others = paths.filter((path) => !requestOfPath(path) && !isGovernancePath(path));
    audited.push({
      commit,
      day,
      kind,
      pr,
      requests,
      governance,
      judging,
      codeowners,
      policy,
      signature: signatures.get(commit.sha) ?? null,
      notGitHub: unproven(kind, signatures.get(commit.sha) ?? null),
      baselined,
      others,
    });
  });
  return {
    audited,
    anomalies,
    asOfFiles: asOfFiles ?? new Map(state.files),
    tipFiles: state.files,
    asOfPolicy,
  };
}

type Violate = (kind: ViolationKind, path: string, detail: string) => void;

/** CODEOWNERS or the mapping, changed while a CODEOWNERS was in force, needs the Director's team. */
function judgeGovernance(
  entry: AuditedCommit,
  approver: Approver,
  day: string,
  identities: IdentityMap,
  violate: Violate,
): void {
  if (!entry.codeowners) return;
  const { notGitHub } = entry;
  for (const path of entry.governance) {
    if (notGitHub) {
      violate(notGitHub[0], path, notGitHub[1]);
    } else if (entry.kind === 'direct-push' || entry.kind === 'local-merge') {
      violate('codeowners-change-not-approved', path, `changed by a ${entry.kind} without a pull request`);
    } else if (!approver.known) {
      violate('approver-unrecoverable', path, `${entry.kind} merge: git does not record who approved it`);
    } else if (!isDirectorTeam(approver, day, identities)) {
      const team = identities.directorTeam ?? "the Director's team";
      violate(
        'codeowners-change-not-approved',
        path,
        `merged by ${describeApprover(approver)}, not a member of ${team} on ${day}`,
      );
    }
  }
}

/** The violations of one request change: how it was approved, what was decided, what came with it. */
function judgeRequest(
  entry: AuditedCommit,
  approver: Approver,
  owners: string[],
  isOwner: boolean | null,
  evaluated: Evaluated,
  day: string,
  grantedBefore: boolean,
): [ViolationKind, string][] {
  const found: [ViolationKind, string][] = [];
  const { notGitHub } = entry;
  const pushed = entry.kind === 'direct-push' || entry.kind === 'local-merge';
  if (notGitHub) found.push(notGitHub);
  else if (pushed && grantedBefore) {
    const how =
      entry.kind === 'direct-push' ? 'pushed straight to the branch' : 'in a merge made outside GitHub';
    found.push([
      'request-changed-after-approval',
      `changed after it was granted, ${how}: no pull request, no approval`,
    ]);
  } else if (entry.kind === 'direct-push') found.push(['direct-push', 'committed straight to the branch']);
  else if (entry.kind === 'local-merge')
    found.push(['direct-push', 'a merge commit not made from a pull request']);
  else if (!approver.known) {
    found.push(['approver-unrecoverable', `${entry.kind} merge: git does not record who approved it`]);
  } else if (!isOwner) {
    const list = owners.length > 0 ? owners.join(' ') : 'nobody';
    found.push(['merger-not-owner', `merged by ${describeApprover(approver)}; owners on ${day}: ${list}`]);
  }
  if (evaluated.outcome !== null && !isAcceptable(evaluated.outcome)) {
    const why = evaluated.errors[0] ?? evaluated.deficiencies.join(', ');
    found.push(['decision-not-acceptable', `outcome ${evaluated.outcome}${why ? `: ${why}` : ''}`]);
  }
  if (entry.judging.length > 0) {
    const shown = entry.judging.slice(0, 5).join(', ');
    const more = entry.judging.length > 5 ? ` and ${entry.judging.length - 5} more` : '';
    found.push(['request-changed-with-policy', `the same ${entry.kind} changed ${shown}${more}`]);
  }
  return found;
}

/**
 * What the commit is as a whole, for the files that are neither requests nor governance files: a commit
 * after the baseline is accounted for only as a proven merge by the owners of what it changed.
 */
function judgeCommit(
  entry: AuditedCommit,
  approver: Approver,
  codeowners: Codeowners | null,
  day: string,
  identities: IdentityMap,
  violate: Violate,
): void {
  // judgeRequest and judgeGovernance already said how the commit reached the branch.
  const said = entry.requests.length > 0 || (entry.governance.length > 0 && entry.codeowners !== null);
  const { notGitHub } = entry;
  const pushed = entry.kind === 'direct-push' || entry.kind === 'local-merge';
  const path = entry.others[0] ?? entry.governance[0] ?? '';
  if (!said) {
    if (notGitHub) violate(notGitHub[0], path, notGitHub[1]);
    else if (entry.kind === 'direct-push')
      violate(
        'direct-push',
        path,
        path ? 'committed straight to the branch' : 'an empty commit pushed straight to the branch',
      );
    else if (entry.kind === 'local-merge')
      violate('direct-push', path, 'a merge commit not made from a pull request');
  }
  if (notGitHub || pushed || !approver.known || !codeowners) return;
  const notOwned = entry.others.filter((file) => {
    const { owners } = ownersOf(codeowners, file);
    return owners.length > 0 && !isAmongOwners(owners, approver, day, identities);
  });
  if (notOwned.length === 0) return;
  const shown = notOwned.slice(0, 3).join(', ');
  const more = notOwned.length > 3 ? ` and ${notOwned.length - 3} more` : '';
  violate(
    'merger-not-owner',
    notOwned[0] ?? '',
    `merged by ${describeApprover(approver)}, not a code owner on ${day} of ${shown}${more}`,
  );
}

/** Parses one version of the merge-signing keys; a version that does not parse trusts no key. */
async function parseKeys(
  file: Buffer | undefined,
  commit: string,
  problems: AuditProblem[],
): Promise<SigningKeys> {
  if (!file) return NO_SIGNING_KEYS;
  try {
    return await readSigningKeys(file.toString('utf8'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const message = `the merge-signing keys cannot be read (${why}): no merge can be proven to be GitHub’s`;
    problems.push({ file: MERGE_SIGNING_KEYS_PATH, commit, line: 1, column: 1, message });
    return NO_SIGNING_KEYS;
  }
}

/**
 * The signature check of each commit that claims GitHub made it, with the keys in force at its first
 * parent. The keys in force are those at the baseline; a later version of the file is trusted only when
 * the commit that brought it was itself signed with the keys before it. So a forged merge cannot make
 * its own key trusted (it would certify itself), and a change to the keys never rewrites the past.
 */
async function checkSignatures(
  history: readonly HistoryCommit[],
  claimed: ReadonlySet<string>,
  baseline: number,
  objects: Map<string, Buffer>,
  problems: AuditProblem[],
  onEach: () => void,
): Promise<Map<string, SignatureCheck>> {
  const checks = new Map<string, SignatureCheck>();
  let keys = NO_SIGNING_KEYS;
  let pending: string[] = [];
  const flush = async () => {
    // OpenPGP.js verifies through WebCrypto, which works off the main thread: a few at a time.
    for (let i = 0; i < pending.length; i += SIGNATURE_CONCURRENCY) {
      await Promise.all(
        pending.slice(i, i + SIGNATURE_CONCURRENCY).map(async (sha) => {
          const raw = objects.get(sha);
          // A commit git cannot show is as unproven as one without a signature.
          checks.set(sha, raw ? await checkCommitSignature(raw, keys) : { status: 'unsigned' });
          onEach();
        }),
      );
    }
    pending = [];
  };
  for (const [i, commit] of history.entries()) {
    if (claimed.has(commit.sha)) pending.push(commit.sha);
    const change = commit.changes.find((c) => c.path === MERGE_SIGNING_KEYS_PATH);
    if (!change) continue;
    await flush();
    if (i <= baseline || checks.get(commit.sha)?.status === 'valid') {
      keys = change.blob ? await parseKeys(objects.get(change.blob), commit.sha, problems) : NO_SIGNING_KEYS;
    } else {
      const message = `this change to the merge-signing keys was not signed with the keys before it, so it is not trusted`;
      problems.push({ file: MERGE_SIGNING_KEYS_PATH, commit: commit.sha, line: 1, column: 1, message });
    }
  }
  await flush();
  if (keys === NO_SIGNING_KEYS && checks.size > 0) {
    const message = `no merge-signing keys in force (${MERGE_SIGNING_KEYS_PATH} at the baseline, or changed by a merge they signed): no merge can be proven to be GitHub’s`;
    problems.push({
      file: MERGE_SIGNING_KEYS_PATH,
      commit: history.at(-1)?.sha ?? null,
      line: 1,
      column: 1,
      message,
    });
  }
  return checks;
}

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const requestSchema = options.requestSchema ?? DEFAULT_REQUEST_SCHEMA;
  const cache = options.policyCache ?? new PolicyCache({ repoDir: options.repoDir, requestSchema });
  const compilationsBefore = cache.compilations;
  const head = resolveRevision(options.repoDir, options.branch);
  assertFullHistory(options.repoDir);
  const history = readHistory(options.repoDir, head);
  const problems: AuditProblem[] = [];
  // What must be known before history is replayed: the baseline, and which commits GitHub signed (their
  // dates are the ones the branch's order is checked against).
  const baselineObject = `${head}:${BASELINE_PATH}`;
  const claimed = history.filter((c) => GITHUB_KINDS.includes(classifyCommit(c).kind)).map((c) => c.sha);
  const keyVersions = history.flatMap((c) =>
    c.changes.filter((ch) => ch.path === MERGE_SIGNING_KEYS_PATH && ch.blob).map((ch) => ch.blob ?? ''),
  );
  const early = readBlobs(options.repoDir, [baselineObject, ...claimed, ...keyVersions]);
  const { baseline, errors: baselineErrors } = readBaseline(
    early.get(baselineObject)?.toString('utf8'),
    history.map((c) => c.sha),
  );
  for (const e of baselineErrors)
    problems.push({ file: e.file, commit: head, line: e.line, column: e.column, message: e.message });
  progress.phase('checking signatures', claimed.length);
  const signatures = await checkSignatures(history, new Set(claimed), baseline.index, early, problems, () =>
    progress.tick(),
  );
  const { audited, anomalies, asOfFiles, tipFiles, asOfPolicy } = replayHistory(
    history,
    options.asOf,
    baseline.index,
    signatures,
  );

  // Every blob the audit reads, in one pass.
  const identitiesBlob = tipFiles.get(IDENTITIES_PATH);
  const tipCodeowners = CODEOWNERS_LOCATIONS.map((path) => tipFiles.get(path)).find((b) => b !== undefined);
  const wanted = new Set<string>([identitiesBlob, tipCodeowners].filter((b): b is string => b !== undefined));
  for (const entry of audited) {
    if (entry.codeowners) wanted.add(entry.codeowners.blob);
    for (const request of entry.requests) if (request.blob) wanted.add(request.blob);
  }
  for (const [path, blob] of asOfFiles) if (requestOfPath(path)?.document === false) wanted.add(blob);
  const blobs = readBlobs(options.repoDir, wanted);
  const text = (blob: string): string => blobs.get(blob)?.toString('utf8') ?? '';
  // A request is parsed once per distinct content (the register and the expiry list share it).
  const loadedByBlob = new Map<string, LoadedRequest>();
  const load = (file: string, blob: string | null): LoadedRequest | null => {
    const content = blob ? blobs.get(blob) : undefined;
    if (!blob || !content) return null;
    let loaded = loadedByBlob.get(blob);
    if (!loaded) {
      loaded = loadRequestBytes(file, content);
      loadedByBlob.set(blob, loaded);
    }
    return loaded;
  };

  let identities = emptyIdentities();
  if (identitiesBlob) {
    const loaded = loadIdentities(IDENTITIES_PATH, text(identitiesBlob));
    identities = loaded.map;
    for (const e of loaded.errors) {
      problems.push({ file: e.file, commit: head, line: e.line, column: e.column, message: e.message });
    }
  } else {
    const message = 'no identity mapping on the branch: no merger can be matched to a code owner';
    problems.push({ file: IDENTITIES_PATH, commit: head, line: 1, column: 1, message });
  }

  const parsedCodeowners = new Map<string, Codeowners>();
  const codeownersOf = (entry: AuditedCommit): Codeowners | null => {
    if (!entry.codeowners) return null;
    const { path, blob } = entry.codeowners;
    let parsed = parsedCodeowners.get(blob);
    if (!parsed) {
      parsed = parseCodeowners(text(blob));
      parsedCodeowners.set(blob, parsed);
      const commit = entry.commit.parents[0] ?? null;
      for (const p of parsed.problems)
        problems.push({ file: path, commit, line: p.line, column: 1, message: p.message });
    }
    return parsed;
  };

  let facts = new Map<string, GitHubFacts>();
  if (options.github) {
    const targets: EnrichTarget[] = audited
      .filter((e) => e.kind === 'merge' || e.kind === 'squash' || e.kind === 'rebase')
      .map((e) => ({ sha: e.commit.sha, kind: e.kind, pr: e.pr, mergedHead: e.commit.parents[1] ?? null }));
    progress.phase('asking GitHub', targets.length);
    facts = await fetchGitHubFacts(options.github, options.branch, targets, () => progress.tick());
    for (const [sha, fact] of facts) {
      if (fact.error) problems.push({ file: 'GitHub', commit: sha, line: 0, column: 0, message: fact.error });
    }
  }

  // A pull request GitHub could not tell about is a problem of the audit, not a reason to stop it.
  const pullProblems = (errors: { pr: number; message: string }[]) => {
    for (const e of errors)
      problems.push({
        file: 'GitHub',
        commit: null,
        line: 0,
        column: 0,
        message: `pull request #${e.pr}: ${e.message}`,
      });
  };
  let decisions: DecisionEntry[] | null = null;
  if (options.github && options.decisions) {
    progress.phase('reading decisions', 0);
    const log = await fetchDecisions(options.github, options.branch, {
      codeowners: tipCodeowners ? parseCodeowners(text(tipCodeowners)) : null,
      identities,
      asOf: options.asOf,
    });
    decisions = log.entries;
    pullProblems(log.errors);
  }

  let queue: QueueEntry[] | null = null;
  if (options.github && options.queue) {
    progress.phase('reading the review queue', 0);
    const read = await fetchQueue(options.github, options.branch, options.asOf);
    queue = read.entries;
    pullProblems(read.errors);
  }

  const rows: RegisterRow[] = [];
  const violations: Violation[] = [];
  const versions = new Map<string, PolicyVersion>();
  const policyAt = async (commit: string, sources: PolicySources) => {
    const version = await cache.at(commit, sources);
    if (!versions.has(version.sourceDigest)) versions.set(version.sourceDigest, version);
    return version;
  };
  for (const a of anomalies) {
    const date = a.commit.committer.date;
    violations.push({
      kind: 'date-anomaly',
      commit: a.commit.sha,
      via: a.kind,
      pr: a.pr,
      path: a.path,
      date,
      detail: a.detail,
    });
  }
  const granted = new Set<string>();
  // What the record of granted exemptions holds before each merge: ready-for-decision requests that stand
  // on the branch as granted (approved, or there at the baseline), by file.
  const onRecord = new Map<string, [string, RecordedExemption]>();
  const record = (): ExemptionRecord => Object.fromEntries(onRecord.values());
  progress.phase('re-evaluating merges', audited.length);
  for (const entry of audited) {
    const { commit, kind } = entry;
    const date = commit.committer.date;
    const { day } = entry;
    const asked = facts.get(commit.sha);
    // GitHub's word counts only for the pull request it says was merged as exactly this commit.
    const confirmed = asked !== undefined && asked.error === null && asked.mergeCommit === commit.sha;
    const fact = confirmed ? asked : undefined;
    const pr = asked?.pr ?? entry.pr;
    // Before the baseline the register shows the history, but nothing there is judged.
    const violate: Violate = (violation, path, detail) => {
      if (entry.baselined) return;
      violations.push({ kind: violation, commit: commit.sha, via: kind, pr, path, date, detail });
    };
    if (asked && asked.error === null && !confirmed) {
      const said = asked.mergeCommit ? `was merged as ${asked.mergeCommit.slice(0, 12)}` : 'was not merged';
      const path = entry.requests[0]?.file ?? entry.governance[0] ?? entry.others[0] ?? '';
      violate(
        'merge-not-confirmed',
        path,
        `GitHub says pull request #${asked.pr} ${said}: this commit is not its merge`,
      );
    }
    const approver = approverOf(commit, kind, fact, identities);
    if (approver.mismatch) {
      for (const path of [...entry.requests.map((r) => r.file), ...entry.governance]) {
        violate('merger-identity-mismatch', path, approver.mismatch);
      }
    }
    judgeGovernance(entry, approver, day, identities, violate);

    const codeowners = codeownersOf(entry);
    const firstParent = commit.parents[0];
    // Compiled only when something is to be judged (a commit touching only governance files is not).
    const judged = entry.requests.some((r) => r.change !== 'removed');
    const version = judged && entry.policy && firstParent ? await policyAt(firstParent, entry.policy) : null;
    for (const request of entry.requests) {
      const owner = codeowners
        ? ownersOf(codeowners, request.file)
        : { line: null, pattern: null, owners: [] };
      // A commit not proven to be GitHub's approves nothing, so whether its author owns the request is moot.
      const proven = entry.notGitHub === null;
      const isOwner =
        approver.known && proven ? isAmongOwners(owner.owners, approver, day, identities) : null;
      const evaluated: Evaluated =
        request.change === 'removed'
          ? { outcome: null, grounds: [], deficiencies: [], errors: [], policy_digest: null, request: null }
          : evaluateAt(load(request.file, request.blob), version, day, record);
      const found = judgeRequest(
        entry,
        approver,
        owner.owners,
        isOwner,
        evaluated,
        day,
        granted.has(request.file),
      );
      for (const [violation, detail] of found) violate(violation, request.file, detail);
      // What stands on the branch as granted: an approved change, or what was there at the baseline.
      if (request.change === 'removed') granted.delete(request.file);
      else if (entry.baselined || found.length === 0) granted.add(request.file);
      const agency = agencyOf(evaluated.request);
      const isGrant = granted.has(request.file) && evaluated.outcome === 'ready-for-decision';
      if (isGrant) onRecord.set(request.file, [request.id, { agency, program: request.program }]);
      else onRecord.delete(request.file);
      rows.push({
        request: request.id,
        program: request.program,
        file: request.file,
        change: request.change,
        commit: commit.sha,
        kind,
        pr,
        merge_signature: entry.signature ? signatureOf(entry.signature) : null,
        date,
        evaluation_date: day,
        merged_by: approver.git ? { name: approver.git.name, email: approver.git.email } : null,
        merger_handle: approver.known ? approver.handle : null,
        handle_source: approver.known ? approver.source : null,
        owners: owner.owners,
        owners_rule:
          owner.line !== null && entry.codeowners
            ? `${entry.codeowners.path}:${owner.line} ${owner.pattern}`
            : null,
        merger_is_owner: isOwner,
        outcome: evaluated.outcome,
        grounds: evaluated.grounds,
        deficiencies: evaluated.deficiencies,
        errors: evaluated.errors,
        policy_digest: evaluated.policy_digest,
        agency,
        services: servicesOf(evaluated.request),
        granted: isGrant,
        opened_at: fact?.openedAt ?? null,
        renews: renewsOf(evaluated.request),
        term: rowTerm(evaluated),
        current: false,
        reviews: fact?.reviews ?? [],
        api_confirmed: options.github && asked?.error === null ? confirmed : null,
        violations: found.map(([violation]) => violation),
      });
    }
    judgeCommit(entry, approver, codeowners, day, identities, violate);
    progress.tick();
  }

  // The latest row of each request still on the branch at the audit date is its current state.
  const latest = new Map<string, RegisterRow>();
  for (const row of rows) latest.set(row.file, row);
  for (const [file, row] of latest) if (asOfFiles.has(file) && row.change !== 'removed') row.current = true;

  // Expiries: the terms of the exemptions on the branch, as their merges' decisions stated them, and the
  // ATO terms of the reference data, as of the date, with the notice schedule of that reference data.
  const current = rows.filter((r) => r.current).sort((a, b) => a.file.localeCompare(b.file));
  const onBranch: TermOnBranch[] = current.flatMap((r) =>
    r.term ? [{ file: r.file, request: r.request, agency: r.agency, term: r.term }] : [],
  );
  const reference = asOfPolicy?.folders.includes('policies')
    ? (await policyAt(asOfPolicy.commit, asOfPolicy)).reference
    : null;
  const schedule = noticeSchedule(reference);
  const expiringWithinDays = options.expiringWithinDays ?? schedule?.[0] ?? 0;
  if (options.expiringWithinDays === undefined && schedule === null)
    problems.push({
      file: 'policies/reference/thresholds.json',
      commit: asOfPolicy?.commit ?? null,
      line: 0,
      column: 0,
      message: 'the reference data has no expiry_notice_days, so no expiry is listed: give --expiring-within',
    });
  const expiring = expiringItems(onBranch, reference, options.asOf, expiringWithinDays);
  const chains = renewalChains(current);
  progress.done();

  for (const v of versions.values()) {
    if (v.error) problems.push({ file: 'policies/', commit: v.commit, line: 0, column: 0, message: v.error });
  }
  return {
    branch: options.branch,
    head,
    as_of: options.asOf,
    expiring_within_days: expiringWithinDays,
    notice_days: schedule ?? [],
    rows,
    chains,
    violations,
    expiring,
    policies: [...versions.values()].map((v) => ({
      source_digest: v.sourceDigest,
      digest: v.digest,
      first_commit: v.commit,
      error: v.error,
    })),
    problems,
    enriched: options.github !== undefined,
    decisions,
    queue,
    stats: {
      commits: history.length,
      audited_commits: audited.length,
      compilations: cache.compilations - compilationsBefore,
      milliseconds: Date.now() - started,
    },
  };
}
