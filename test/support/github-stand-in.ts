/**
 * The one local stand-in for the parts of the GitHub REST API this project uses, over real HTTP on
 * 127.0.0.1, for every GitHub and audit test: pull requests (their files, reviews, who merged them and the
 * commits GitHub associates with them), issue comments, labels, issues (list with creator and state
 * filters, create, update), the open pulls by head, commit statuses, rulesets and repository settings. Lists are paged with Link headers. Faults
 * (502, secondary rate limits, 422, 500) can be queued per route to exercise retries and failures. It
 * holds its state in memory and records every request it answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

export const BOT: User = { login: 'github-actions[bot]', type: 'Bot' };
export const BOT_TOKEN = 'bot-token';

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
  repository: Record<string, unknown> = {
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    default_branch: 'main',
  };
  readonly log: LoggedRequest[] = [];
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
    this.log.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', status });
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

  private pullJson(pull: StoredPull): unknown {
    return {
      number: pull.number,
      head: pull.head,
      base: pull.base,
      state: pull.state,
      merged_at: pull.merged_by ? '2026-01-01T00:00:00Z' : null,
      merge_commit_sha: pull.merge_commit_sha,
      merged_by: pull.merged_by ? { login: pull.merged_by, type: 'User' } : null,
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
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.times -= 1;
      this.send(
        req,
        res,
        fault.status,
        fault.body ?? { message: `stand-in fault ${fault.status}` },
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
    const body = method === 'GET' || method === 'DELETE' ? {} : await this.readBody(req);

    const pullRoute = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(path);
    if (pullRoute && method === 'GET') {
      const pull = this.pulls.get(Number(pullRoute[1]));
      if (!pull) return this.send(req, res, 404, { message: 'Not Found' });
      return this.send(req, res, 200, this.pullJson(pull));
    }
    if (/^\/repos\/[^/]+\/[^/]+\/pulls$/.test(path) && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head');
      const found = [...this.pulls.values()].filter(
        (p) => (state === 'all' || p.state === state) && (!head || p.head.label === head),
      );
      return this.page(
        req,
        res,
        url,
        found.map((p) => this.pullJson(p)),
      );
    }
    const combinedRoute = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]{40})\/status$/.exec(path);
    if (combinedRoute && method === 'GET') {
      // The latest status of each context, newest first, as GitHub combines them.
      const latest = new Map<string, StoredStatus>();
      for (const status of this.statuses.filter((s) => s.sha === combinedRoute[1]))
        latest.set(status.context, status);
      const statuses = [...latest.values()].reverse();
      const state = statuses.some((st) => st.state === 'failure' || st.state === 'error')
        ? 'failure'
        : statuses.every((st) => st.state === 'success') && statuses.length > 0
          ? 'success'
          : 'pending';
      return this.send(req, res, 200, {
        state,
        sha: combinedRoute[1],
        total_count: statuses.length,
        statuses,
      });
    }
    const statusRoute = /^\/repos\/[^/]+\/[^/]+\/statuses\/([0-9a-f]{40})$/.exec(path);
    if (statusRoute && method === 'POST') {
      const states = ['error', 'failure', 'pending', 'success'];
      const description = body.description ?? null;
      if (
        !states.includes(String(body.state)) ||
        (description !== null && (typeof description !== 'string' || description.length > 140))
      ) {
        return this.send(req, res, 422, { message: 'Validation Failed' });
      }
      const status: StoredStatus = {
        sha: statusRoute[1] ?? '',
        state: String(body.state),
        context: typeof body.context === 'string' ? body.context : 'default',
        description: description as string | null,
        target_url: typeof body.target_url === 'string' ? body.target_url : null,
      };
      this.statuses.push(status);
      return this.send(req, res, 201, { id: this.nextId++, ...status });
    }
    const reviewsRoute = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/.exec(path);
    if (reviewsRoute && method === 'GET') {
      const pull = this.pulls.get(Number(reviewsRoute[1]));
      if (!pull) return this.send(req, res, 404, { message: 'Not Found' });
      const reviews = pull.reviews.map((r, i) => ({
        id: i + 1,
        user: { login: r.login, type: 'User' },
        state: r.state,
        commit_id: r.commit_id,
      }));
      return this.page(req, res, url, reviews);
    }
    const commitPullsRoute = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]{40})\/pulls$/.exec(path);
    if (commitPullsRoute && method === 'GET') {
      const sha = commitPullsRoute[1] ?? '';
      const pulls = [...this.pulls.values()].filter(
        (p) => p.commits.includes(sha) || p.merge_commit_sha === sha,
      );
      return this.page(
        req,
        res,
        url,
        pulls.map((p) => this.pullJson(p)),
      );
    }
    if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      if (method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open';
        const creator = url.searchParams.get('creator');
        const found = this.issues.filter(
          (i) => (state === 'all' || i.state === state) && (!creator || i.user.login === creator),
        );
        return this.page(req, res, url, found);
      }
      if (method === 'POST') {
        if (typeof body.body !== 'string' || body.body.length > 65536 || typeof body.title !== 'string') {
          return this.send(req, res, 422, { message: 'Validation Failed' });
        }
        return this.send(
          req,
          res,
          201,
          this.addIssue({ title: body.title, body: body.body, state: 'open', user }),
        );
      }
    }
    const issueRoute = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path);
    if (issueRoute && method === 'PATCH') {
      const issue = this.issues.find((i) => i.number === Number(issueRoute[1]));
      if (!issue) return this.send(req, res, 404, { message: 'Not Found' });
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      if (typeof body.state_reason === 'string') issue.state_reason = body.state_reason;
      return this.send(req, res, 200, issue);
    }
    const pullFilesRoute = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(path);
    if (pullFilesRoute && method === 'GET') {
      const pull = this.pulls.get(Number(pullFilesRoute[1]));
      if (!pull) return this.send(req, res, 404, { message: 'Not Found' });
      // GitHub lists at most 3,000 files of a pull request and silently stops there.
      return this.page(req, res, url, pull.files.slice(0, 3000));
    }
    const issueCommentsRoute = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
    if (issueCommentsRoute) {
      const issue = Number(issueCommentsRoute[1]);
      if (!this.pulls.has(issue)) return this.send(req, res, 404, { message: 'Not Found' });
      if (method === 'GET') return this.page(req, res, url, this.commentsOn(issue));
      if (method === 'POST') {
        if (typeof body.body !== 'string' || body.body.length > 65536) {
          return this.send(req, res, 422, { message: 'Validation Failed', errors: [{ field: 'body' }] });
        }
        return this.send(req, res, 201, this.addComment(issue, user, body.body));
      }
    }
    const commentRoute = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path);
    if (commentRoute) {
      const comment = this.comments.find((c) => c.id === Number(commentRoute[1]));
      if (!comment) return this.send(req, res, 404, { message: 'Not Found' });
      if (comment.user.login !== user.login) return this.send(req, res, 403, { message: 'Forbidden' });
      if (method === 'PATCH') {
        if (typeof body.body !== 'string' || body.body.length > 65536) {
          return this.send(req, res, 422, { message: 'Validation Failed' });
        }
        comment.body = body.body;
        return this.send(req, res, 200, comment);
      }
      if (method === 'DELETE') {
        this.comments = this.comments.filter((c) => c.id !== comment.id);
        return this.send(req, res, 204);
      }
    }
    const issueLabelsRoute = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/.exec(path);
    if (issueLabelsRoute) {
      const issue = Number(issueLabelsRoute[1]);
      if (!this.pulls.has(issue)) return this.send(req, res, 404, { message: 'Not Found' });
      const current = this.labels.get(issue) ?? [];
      if (method === 'GET')
        return this.page(
          req,
          res,
          url,
          current.map((name) => ({ name })),
        );
      if (method === 'POST') {
        const added = (body.labels as string[]).filter((l) => !current.includes(l));
        this.labels.set(issue, [...current, ...added]);
        return this.send(
          req,
          res,
          200,
          (this.labels.get(issue) ?? []).map((name) => ({ name })),
        );
      }
    }
    const issueLabelRoute = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels\/(.+)$/.exec(path);
    if (issueLabelRoute && method === 'DELETE') {
      const issue = Number(issueLabelRoute[1]);
      const name = decodeURIComponent(issueLabelRoute[2] ?? '');
      const current = this.labels.get(issue) ?? [];
      if (!current.includes(name)) return this.send(req, res, 404, { message: 'Label does not exist' });
      this.labels.set(
        issue,
        current.filter((l) => l !== name),
      );
      return this.send(req, res, 200, []);
    }
    if (/^\/repos\/[^/]+\/[^/]+$/.test(path)) {
      if (method === 'GET') return this.send(req, res, 200, this.repository);
      if (method === 'PATCH') {
        this.repository = { ...this.repository, ...body };
        return this.send(req, res, 200, this.repository);
      }
    }
    if (/^\/repos\/[^/]+\/[^/]+\/codeowners\/errors$/.test(path) && method === 'GET') {
      return this.send(req, res, 200, { errors: this.codeownersErrors });
    }
    if (/^\/repos\/[^/]+\/[^/]+\/actions\/permissions\/workflow$/.test(path)) {
      if (method === 'GET') return this.send(req, res, 200, this.workflowPermissions);
      if (method === 'PUT') {
        this.workflowPermissions = { ...this.workflowPermissions, ...body };
        return this.send(req, res, 204);
      }
    }
    if (/^\/repos\/[^/]+\/[^/]+\/rulesets$/.test(path)) {
      if (method === 'GET') {
        const summary = (source_type: string) => (r: Record<string, unknown> & { id: number }) => ({
          id: r.id,
          name: r.name,
          target: r.target,
          enforcement: r.enforcement,
          source_type,
        });
        const own = this.rulesets.map(summary('Repository'));
        // GitHub's default (includes_parents=true) lists the organisation's rulesets as well.
        const parents =
          url.searchParams.get('includes_parents') === 'false'
            ? []
            : this.parentRulesets.map(summary('Organization'));
        return this.page(req, res, url, [...parents, ...own]);
      }
      if (method === 'POST') {
        const ruleset = { ...body, id: this.nextId++ };
        this.rulesets.push(ruleset);
        return this.send(req, res, 201, ruleset);
      }
    }
    const rulesetRoute = /^\/repos\/[^/]+\/[^/]+\/rulesets\/(\d+)$/.exec(path);
    const parent = rulesetRoute && this.parentRulesets.find((r) => r.id === Number(rulesetRoute[1]));
    if (parent) {
      if (method === 'GET') return this.send(req, res, 200, parent);
      return this.send(req, res, 404, { message: 'Not Found' });
    }
    if (rulesetRoute) {
      const index = this.rulesets.findIndex((r) => r.id === Number(rulesetRoute[1]));
      if (index < 0) return this.send(req, res, 404, { message: 'Not Found' });
      if (method === 'GET') return this.send(req, res, 200, this.rulesets[index]);
      if (method === 'PUT') {
        const updated = { ...body, id: Number(rulesetRoute[1]) };
        this.rulesets[index] = updated;
        return this.send(req, res, 200, updated);
      }
    }
    this.send(req, res, 404, { message: `stand-in has no route for ${method} ${path}` });
  }
}
