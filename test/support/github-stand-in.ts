/**
 * The one local stand-in for the parts of the GitHub REST API this project uses, over real HTTP on
 * 127.0.0.1, for every GitHub and audit test: pull requests (their files, reviews, who merged them and the
 * commits GitHub associates with them), issue comments, labels, issues (list with creator and state
 * filters, create, update), the open pulls by head, commit statuses, rulesets and repository settings.
 * Lists are paged with Link headers. Faults (502, secondary rate limits, 422, 500) can be queued per route
 * to exercise retries and failures. It holds its state in memory and records every request it answers.
 *
 * It answers through GitHub's own description of the API (github-contract.ts): a route GitHub does not
 * declare, an undeclared or invalid parameter, a request body the route's schema rejects, a status the
 * route does not declare, or a response body that does not validate is recorded as a violation, and
 * `stop()` fails the test that caused it. Response bodies are sampled from the description's schemas and
 * filled in with what the stand-in holds, so they carry every field GitHub promises and no other.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import {
  declaredProperties,
  type Operation,
  type RouteMatch,
  requestViolations,
  responseViolations,
  routeOf,
  sampleOf,
} from './github-contract.ts';

export interface User {
  login: string;
  type: 'User' | 'Bot';
}

export interface StoredComment {
  id: number;
  issue_number: number;
  body: string;
  user: User;
}

export interface StoredReview {
  login: string;
  state: 'APPROVED' | 'COMMENTED' | 'CHANGES_REQUESTED';
  commit_id: string;
}

export interface StoredPull {
  number: number;
  /** `label` is `owner:branch`, what the pulls list's `head` filter matches. */
  head: { sha: string; ref?: string; label?: string };
  base: { sha: string; ref: string };
  state: 'open' | 'closed';
  files: { filename: string; status: string; previous_filename?: string }[];
  /** Who merged it; null while it is not merged. */
  merged_by: string | null;
  merge_commit_sha: string | null;
  reviews: StoredReview[];
  /** Commits GitHub associates with the pull request (its own commits and its squash or rebase result). */
  commits: string[];
  /** Who opened it. */
  author: string;
  title: string;
  /** When it was opened (ISO 8601). */
  created_at: string;
  /** When it was closed (ISO 8601), null while open. */
  closed_at: string | null;
  /** Its issue events, oldest first (only the kinds the product reads). */
  events: StoredEvent[];
}

export interface StoredEvent {
  event: 'labeled' | 'closed';
  actor: string;
  created_at: string;
  label?: string;
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  user: User;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests fail before the route answers normally again (Infinity: all). */
  times: number;
}

export interface StoredStatus {
  sha: string;
  state: string;
  context: string;
  description: string | null;
  target_url: string | null;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** GitHub's operation id for the route (`pulls/get`), or null when GitHub declares no such route. */
  operation: string | null;
}

type Json = Record<string, unknown>;

const OWNER = 'state-agency';
const REPO = 'exemptions';

/** A stable numeric id for a name, as GitHub gives every user and object one. */
function idOf(name: string): number {
  let hash = 7;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 2_000_000_000;
  return hash + 1;
}

/** A simple-user as GitHub sends it for this login. */
export function userJson(user: User): Json {
  return {
    ...sampleOf('simple-user'),
    login: user.login,
    type: user.type,
    id: idOf(user.login),
    node_id: `U_${idOf(user.login)}`,
    html_url: `https://github.com/${encodeURIComponent(user.login)}`,
    url: `https://api.github.com/users/${encodeURIComponent(user.login)}`,
  };
}

/** Only the top-level fields the component declares, so a list never carries a field only `get` has. */
function declaredOnly(name: string, value: Json): Json {
  const declared = declaredProperties(name);
  return Object.fromEntries(Object.entries(value).filter(([key]) => declared.has(key)));
}

export const BOT: User = { login: 'github-actions[bot]', type: 'Bot' };
export const BOT_TOKEN = 'bot-token';

/** The audit's view of GitHub through the stand-in: a plain Octokit with the bot's token, quiet. */
export function auditSource(standIn: GitHubStandIn): { octokit: Octokit; owner: string; repo: string } {
  return {
    octokit: new Octokit({
      auth: BOT_TOKEN,
      baseUrl: standIn.baseUrl,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    }),
    owner: 'ca-cdt',
    repo: 'exemptions',
  };
}

export class GitHubStandIn {
  readonly users = new Map<string, User>([[BOT_TOKEN, BOT]]);
  readonly pulls = new Map<number, StoredPull>();
  readonly issues: StoredIssue[] = [];
  comments: StoredComment[] = [];
  readonly labels = new Map<number, string[]>();
  /** Commit statuses in the order they were set (the latest per context is the one that counts). */
  readonly statuses: StoredStatus[] = [];
  rulesets: (Record<string, unknown> & { id: number })[] = [];
  /** Rulesets of the organisation: listed through the repository unless `includes_parents=false`. */
  parentRulesets: (Record<string, unknown> & { id: number })[] = [];
  /** What GitHub reports at `codeowners/errors` for the CODEOWNERS file. */
  codeownersErrors: { line: number; column: number; kind: string; message: string; path: string }[] = [];
  /** The repository's Actions workflow permissions, as GitHub's defaults leave them. */
  workflowPermissions: Record<string, unknown> = {
    default_workflow_permissions: 'write',
    can_approve_pull_request_reviews: true,
  };
  /** Who must approve fork pull requests' workflows before they run; GitHub's default. */
  forkApproval: { approval_policy: string } = { approval_policy: 'first_time_contributors_new_to_github' };
  repository: Record<string, unknown> = {
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    default_branch: 'main',
  };
  readonly log: LoggedRequest[] = [];
  /** Called after each answer, so a test can change GitHub's state between two requests of the product. */
  onAnswered: ((request: LoggedRequest) => void) | undefined;
  /** Where the stand-in or the product stepped outside GitHub's description; `stop()` fails on any. */
  violations: string[] = [];
  private readonly routes = new WeakMap<IncomingMessage, RouteMatch>();
  private faults: Fault[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  baseUrl = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.send(req, res, 500, { message: String(error) });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((e) => (e ? reject(e) : resolve())));
    if (this.violations.length > 0) {
      throw new Error(`GitHub's API description was not followed:\n${this.violations.join('\n')}`);
    }
  }

  /** The violations so far, cleared: for a test that provokes one on purpose. */
  takeViolations(): string[] {
    const found = this.violations;
    this.violations = [];
    return found;
  }

  addPull(pull: Partial<StoredPull> & { number: number; head: { sha: string } }): StoredPull {
    const stored: StoredPull = {
      base: { sha: 'b'.repeat(40), ref: 'main' },
      state: 'open',
      files: [],
      merged_by: null,
      merge_commit_sha: null,
      reviews: [],
      commits: [],
      author: 'agency-author',
      title: `Exemption request ${pull.number}`,
      created_at: '2025-12-01T00:00:00Z',
      closed_at: pull.state === 'closed' ? '2026-01-01T00:00:00Z' : null,
      events: [],
      ...pull,
    };
    this.pulls.set(pull.number, stored);
    return stored;
  }

  addIssue(
    issue: Omit<StoredIssue, 'number' | 'state_reason'> & { state_reason?: string | null },
  ): StoredIssue {
    const stored = { state_reason: null, ...issue, number: this.issues.length + 1 };
    this.issues.push(stored);
    return stored;
  }

  addComment(issueNumber: number, user: User, body: string): StoredComment {
    const comment = { id: this.nextId++, issue_number: issueNumber, body, user };
    this.comments.push(comment);
    return comment;
  }

  commentsOn(issueNumber: number): StoredComment[] {
    return this.comments.filter((c) => c.issue_number === issueNumber);
  }

  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter((r) => r.method === method && path.test(r.path));
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): void {
    const operation: Operation | undefined = this.routes.get(req)?.operation;
    this.log.push({
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      status,
      operation: operation?.id ?? null,
    });
    if (operation) this.violations.push(...responseViolations(operation, status, body, headers));
    const logged = this.log.at(-1);
    if (logged) this.onAnswered?.(logged);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private page<T>(req: IncomingMessage, res: ServerResponse, url: URL, items: T[]): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${this.baseUrl}${next.pathname}${next.search}>; rel="next"`;
    }
    this.send(req, res, 200, slice, headers);
  }

  /** A pull request as `pulls/get` sends it (`pull-request`) or as lists do (`pull-request-simple`). */
  private pullJson(pull: StoredPull, shape: 'pull-request' | 'pull-request-simple'): Json {
    const sample = sampleOf(shape) as Json & { head: Json; base: Json };
    const branch = (side: Json, ref: { sha: string; ref?: string; label?: string }) => ({
      ...side,
      sha: ref.sha,
      ref: ref.ref ?? 'main',
      label: ref.label ?? `${OWNER}:${ref.ref ?? 'main'}`,
    });
    const merged = pull.merged_by !== null;
    const full: Json = {
      ...sample,
      id: idOf(`pull-${pull.number}`),
      number: pull.number,
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${pull.number}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${pull.number}`,
      head: branch(sample.head, pull.head),
      base: branch(sample.base, pull.base),
      state: pull.state,
      title: pull.title,
      merged_at: merged ? (pull.closed_at ?? '2026-01-01T00:00:00Z') : null,
      closed_at: pull.state === 'closed' ? (pull.closed_at ?? '2026-01-01T00:00:00Z') : null,
      merge_commit_sha: pull.merge_commit_sha,
      merged,
      merged_by: pull.merged_by ? userJson({ login: pull.merged_by, type: 'User' }) : null,
      user: userJson({ login: pull.author, type: 'User' }),
      created_at: pull.created_at,
      // A pull request's labels are its issue's labels.
      labels: (this.labels.get(pull.number) ?? []).map((name) => this.labelJson(name)),
      changed_files: pull.files.length,
    };
    return declaredOnly(shape, full);
  }

  private issueJson(issue: StoredIssue): Json {
    return {
      ...sampleOf('issue'),
      id: idOf(`issue-${issue.number}`),
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      user: userJson(issue.user),
    };
  }

  private commentJson(comment: StoredComment): Json {
    return { ...sampleOf('issue-comment'), id: comment.id, body: comment.body, user: userJson(comment.user) };
  }

  private labelJson(name: string): Json {
    return { ...sampleOf('label'), id: idOf(`label-${name}`), name };
  }

  private statusJson(status: StoredStatus, shape: 'status' | 'simple-commit-status'): Json {
    const { sha: _sha, ...fields } = status;
    return { ...sampleOf(shape), id: idOf(`${status.sha}-${this.statuses.indexOf(status)}`), ...fields };
  }

  private repositoryJson(): Json {
    return { ...sampleOf('full-repository'), name: REPO, full_name: `${OWNER}/${REPO}`, ...this.repository };
  }

  private rulesetJson(ruleset: Json & { id: number }, sourceType: 'Repository' | 'Organization'): Json {
    return {
      ...sampleOf('repository-ruleset'),
      ...ruleset,
      source_type: sourceType,
      source: sourceType === 'Repository' ? `${OWNER}/${REPO}` : OWNER,
    };
  }

  private async readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const route = routeOf(method, path);
    if (!route) {
      this.violations.push(`${method} ${path}: GitHub declares no such route`);
      return this.send(req, res, 404, { message: 'Not Found' });
    }
    this.routes.set(req, route);
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.times -= 1;
      this.send(
        req,
        res,
        fault.status,
        fault.body ?? { message: `stand-in fault ${fault.status}`, documentation_url: '' },
        fault.headers,
      );
      return;
    }
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '');
    const user = this.users.get(token);
    if (!user) {
      this.send(req, res, 401, { message: 'Bad credentials' });
      return;
    }
    const body = method === 'GET' || method === 'DELETE' ? undefined : await this.readBody(req);
    const invalid = requestViolations(route, url.searchParams, body);
    if (invalid.length > 0) {
      this.violations.push(...invalid);
      return this.send(req, res, 422, { message: 'Validation Failed', documentation_url: '' });
    }
    const fields: Json = body ?? {};
    const parameters = route.pathParameters;
    const number = Number(parameters.pull_number ?? parameters.issue_number);
    const notFound = () => this.send(req, res, 404, { message: 'Not Found', documentation_url: '' });
    const invalidBody = () =>
      this.send(req, res, 422, { message: 'Validation Failed', documentation_url: '', errors: [] });
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

    switch (route.operation.id) {
      case 'pulls/get': {
        const pull = this.pulls.get(number);
        return pull ? this.send(req, res, 200, this.pullJson(pull, 'pull-request')) : notFound();
      }
      case 'pulls/list': {
        const state = url.searchParams.get('state') ?? 'open';
        const head = url.searchParams.get('head');
        const base = url.searchParams.get('base');
        const found = [...this.pulls.values()].filter(
          (p) =>
            (state === 'all' || p.state === state) &&
            (!head || p.head.label === head) &&
            (!base || p.base.ref === base),
        );
        return this.page(
          req,
          res,
          url,
          found.map((p) => this.pullJson(p, 'pull-request-simple')),
        );
      }
      case 'pulls/list-files': {
        const pull = this.pulls.get(number);
        if (!pull) return invalidBody();
        // GitHub lists at most 3,000 files of a pull request and silently stops there.
        const files = pull.files.slice(0, 3000).map((f) => ({
          ...sampleOf('diff-entry'),
          sha: null,
          ...f,
        }));
        return this.page(req, res, url, files);
      }
      case 'pulls/list-reviews': {
        const reviews = (this.pulls.get(number)?.reviews ?? []).map((r, i) => ({
          ...sampleOf('pull-request-review'),
          id: i + 1,
          user: userJson({ login: r.login, type: 'User' }),
          state: r.state,
          commit_id: r.commit_id,
        }));
        return this.page(req, res, url, reviews);
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        const sha = parameters.commit_sha ?? '';
        const pulls = [...this.pulls.values()].filter(
          (p) => p.commits.includes(sha) || p.merge_commit_sha === sha,
        );
        return this.page(
          req,
          res,
          url,
          pulls.map((p) => this.pullJson(p, 'pull-request-simple')),
        );
      }
      case 'repos/get-combined-status-for-ref': {
        // The latest status of each context, newest first, as GitHub combines them.
        const ref = parameters.ref ?? '';
        const latest = new Map<string, StoredStatus>();
        for (const status of this.statuses.filter((st) => st.sha === ref)) latest.set(status.context, status);
        const statuses = [...latest.values()].reverse();
        const state = statuses.some((st) => st.state === 'failure' || st.state === 'error')
          ? 'failure'
          : statuses.every((st) => st.state === 'success') && statuses.length > 0
            ? 'success'
            : 'pending';
        return this.send(req, res, 200, {
          ...sampleOf('combined-commit-status'),
          state,
          sha: ref,
          total_count: statuses.length,
          statuses: statuses.map((st) => this.statusJson(st, 'simple-commit-status')),
        });
      }
      case 'repos/create-commit-status': {
        // GitHub refuses a description over 140 characters; its description of the route does not say
        // so, so sending one is a violation of what GitHub accepts.
        const description = text(fields.description) ?? null;
        if (description !== null && description.length > 140) {
          this.violations.push(`status description longer than GitHub accepts (140): ${description.length}`);
        }
        const status: StoredStatus = {
          sha: parameters.sha ?? '',
          state: String(fields.state),
          context: text(fields.context) ?? 'default',
          description,
          target_url: text(fields.target_url) ?? null,
        };
        this.statuses.push(status);
        return this.send(req, res, 201, this.statusJson(status, 'status'));
      }
      case 'issues/list-for-repo': {
        const state = url.searchParams.get('state') ?? 'open';
        const creator = url.searchParams.get('creator');
        const found = this.issues.filter(
          (i) => (state === 'all' || i.state === state) && (!creator || i.user.login === creator),
        );
        return this.page(
          req,
          res,
          url,
          found.map((i) => this.issueJson(i)),
        );
      }
      case 'issues/create': {
        const title = text(fields.title);
        const issueBody = text(fields.body) ?? '';
        if (title === undefined || issueBody.length > 65536) return invalidBody();
        return this.send(
          req,
          res,
          201,
          this.issueJson(this.addIssue({ title, body: issueBody, state: 'open', user })),
        );
      }
      case 'issues/update': {
        const issue = this.issues.find((i) => i.number === number);
        if (!issue) return notFound();
        const issueBody = text(fields.body);
        if (issueBody !== undefined) issue.body = issueBody;
        if (fields.state === 'open' || fields.state === 'closed') issue.state = fields.state;
        const reason = text(fields.state_reason);
        if (reason !== undefined) issue.state_reason = reason;
        return this.send(req, res, 200, this.issueJson(issue));
      }
      case 'issues/list-events': {
        const pull = this.pulls.get(number);
        const events = (pull?.events ?? []).map((e, i) =>
          e.event === 'labeled'
            ? {
                ...sampleOf('labeled-issue-event'),
                id: i + 1,
                event: 'labeled',
                actor: userJson({ login: e.actor, type: 'User' }),
                created_at: e.created_at,
                label: { name: e.label ?? '', color: 'ededed' },
              }
            : {
                ...sampleOf('state-change-issue-event'),
                id: i + 1,
                event: 'closed',
                actor: userJson({ login: e.actor, type: 'User' }),
                created_at: e.created_at,
              },
        );
        return this.page(req, res, url, events);
      }
      case 'issues/list-comments':
        if (!this.pulls.has(number)) return notFound();
        return this.page(
          req,
          res,
          url,
          this.commentsOn(number).map((c) => this.commentJson(c)),
        );
      case 'issues/create-comment': {
        if (!this.pulls.has(number)) return notFound();
        const commentBody = text(fields.body) ?? '';
        if (commentBody.length > 65536) return invalidBody();
        return this.send(req, res, 201, this.commentJson(this.addComment(number, user, commentBody)));
      }
      case 'issues/update-comment':
      case 'issues/delete-comment': {
        const comment = this.comments.find((c) => c.id === Number(parameters.comment_id));
        // GitHub declares neither 404 nor 403 here; a missing or foreign comment is the product's error.
        if (!comment || comment.user.login !== user.login) {
          this.violations.push(`${method} comment ${parameters.comment_id}: not the token's own comment`);
          return invalidBody();
        }
        if (route.operation.id === 'issues/delete-comment') {
          this.comments = this.comments.filter((c) => c.id !== comment.id);
          return this.send(req, res, 204);
        }
        const commentBody = text(fields.body) ?? '';
        if (commentBody.length > 65536) return invalidBody();
        comment.body = commentBody;
        return this.send(req, res, 200, this.commentJson(comment));
      }
      case 'issues/list-labels-on-issue':
      case 'issues/add-labels': {
        if (!this.pulls.has(number)) return notFound();
        const current = this.labels.get(number) ?? [];
        if (route.operation.id === 'issues/add-labels') {
          const wanted = Array.isArray(fields.labels) ? (fields.labels as string[]) : [];
          this.labels.set(number, [...current, ...wanted.filter((l) => !current.includes(l))]);
        }
        return this.page(
          req,
          res,
          url,
          (this.labels.get(number) ?? []).map((name) => this.labelJson(name)),
        );
      }
      case 'issues/remove-label': {
        const name = parameters.name ?? '';
        const current = this.labels.get(number) ?? [];
        if (!current.includes(name)) return notFound();
        this.labels.set(
          number,
          current.filter((l) => l !== name),
        );
        return this.send(
          req,
          res,
          200,
          (this.labels.get(number) ?? []).map((l) => this.labelJson(l)),
        );
      }
      case 'repos/get':
        return this.send(req, res, 200, this.repositoryJson());
      case 'repos/update':
        this.repository = { ...this.repository, ...fields };
        return this.send(req, res, 200, this.repositoryJson());
      case 'repos/codeowners-errors':
        return this.send(req, res, 200, { errors: this.codeownersErrors });
      case 'actions/get-github-actions-default-workflow-permissions-repository':
        return this.send(req, res, 200, this.workflowPermissions);
      case 'actions/set-github-actions-default-workflow-permissions-repository':
        this.workflowPermissions = { ...this.workflowPermissions, ...fields };
        return this.send(req, res, 204);
      case 'actions/get-fork-pr-contributor-approval-permissions-repository':
        return this.send(req, res, 200, this.forkApproval);
      case 'actions/set-fork-pr-contributor-approval-permissions-repository':
        this.forkApproval = { approval_policy: String(fields.approval_policy) };
        return this.send(req, res, 204);
      case 'repos/get-repo-rulesets': {
        const summary = (sourceType: 'Repository' | 'Organization') => (r: Json & { id: number }) => {
          const { rules: _rules, conditions: _conditions, bypass_actors: _bypass, ...fieldsOnly } = r;
          return this.rulesetJson({ ...fieldsOnly, id: r.id }, sourceType);
        };
        const own = this.rulesets.map(summary('Repository'));
        // GitHub's default (includes_parents=true) lists the organisation's rulesets as well.
        const parents =
          url.searchParams.get('includes_parents') === 'false'
            ? []
            : this.parentRulesets.map(summary('Organization'));
        return this.page(req, res, url, [...parents, ...own]);
      }
      case 'repos/create-repo-ruleset': {
        const ruleset = { ...fields, id: this.nextId++ };
        this.rulesets.push(ruleset);
        return this.send(req, res, 201, this.rulesetJson(ruleset, 'Repository'));
      }
      case 'repos/get-repo-ruleset':
      case 'repos/update-repo-ruleset': {
        const id = Number(parameters.ruleset_id);
        const parent = this.parentRulesets.find((r) => r.id === id);
        if (parent && route.operation.id === 'repos/get-repo-ruleset')
          return this.send(req, res, 200, this.rulesetJson(parent, 'Organization'));
        const index = this.rulesets.findIndex((r) => r.id === id);
        if (index < 0) return notFound();
        if (route.operation.id === 'repos/update-repo-ruleset') this.rulesets[index] = { ...fields, id };
        return this.send(req, res, 200, this.rulesetJson(this.rulesets[index] ?? { id }, 'Repository'));
      }
    }
    this.violations.push(`${method} ${path}: the stand-in does not answer ${route.operation.id}`);
    return notFound();
  }
}
