/**
 * A local stand-in, over real HTTP on 127.0.0.1, for the parts of GitHub's REST API the audit uses:
 * a merged pull request (merged_by, head), its reviews, the pull requests of a commit, and issues (list
 * with creator and state filters, create, update). Pages follow GitHub's Link header. Every request it
 * answers is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInUser {
  login: string;
  type: 'User' | 'Bot';
}

export interface StandInPull {
  number: number;
  head: string;
  base: string;
  merged_by: string | null;
  merge_commit_sha: string | null;
  reviews: { login: string; state: 'APPROVED' | 'COMMENTED' | 'CHANGES_REQUESTED'; commit_id: string }[];
  /** Commits GitHub associates with the pull request (its own commits and its squash or rebase result). */
  commits: string[];
}

export interface StandInIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  user: StandInUser;
  pull_request?: { url: string };
}

export const BOT_USER: StandInUser = { login: 'github-actions[bot]', type: 'Bot' };
export const BOT_TOKEN = 'stand-in-bot-token';

export class AuditGitHubStandIn {
  readonly users = new Map<string, StandInUser>([[BOT_TOKEN, BOT_USER]]);
  readonly pulls = new Map<number, StandInPull>();
  readonly issues: StandInIssue[] = [];
  readonly log: { method: string; path: string; status: number }[] = [];
  /** Paths (regular expressions) answered with this status instead. */
  readonly failures: { path: RegExp; status: number }[] = [];
  baseUrl = '';
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.send(req, res, 500, { message: String(error) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((e) => (e ? reject(e) : resolve())));
  }

  addPull(pull: Partial<StandInPull> & { number: number; head: string }): void {
    this.pulls.set(pull.number, {
      base: 'main',
      merged_by: null,
      merge_commit_sha: null,
      reviews: [],
      commits: [],
      ...pull,
    });
  }

  addIssue(
    issue: Omit<StandInIssue, 'number' | 'state_reason'> & { state_reason?: string | null },
  ): StandInIssue {
    const stored = { state_reason: null, ...issue, number: this.issues.length + 1 };
    this.issues.push(stored);
    return stored;
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers = {}): void {
    this.log.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', status });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private page(req: IncomingMessage, res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${this.baseUrl}${next.pathname}${next.search}>; rel="next"`;
    }
    this.send(req, res, 200, items.slice((page - 1) * perPage, page * perPage), headers);
  }

  private pullJson(pull: StandInPull): unknown {
    return {
      number: pull.number,
      head: { sha: pull.head },
      base: { ref: pull.base },
      merged_at: pull.merged_by ? '2026-01-01T00:00:00Z' : null,
      merge_commit_sha: pull.merge_commit_sha,
      merged_by: pull.merged_by ? { login: pull.merged_by, type: 'User' } : null,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const failure = this.failures.find((f) => f.path.test(path));
    if (failure)
      return this.send(req, res, failure.status, { message: `stand-in failure ${failure.status}` });
    const user = this.users.get((req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, ''));
    if (!user) return this.send(req, res, 401, { message: 'Bad credentials' });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body =
      chunks.length > 0
        ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
        : {};
    const on = (verb: string, pattern: RegExp): RegExpExecArray | null =>
      method === verb ? pattern.exec(path) : null;

    const pullGet = on('GET', /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/);
    if (pullGet) {
      const pull = this.pulls.get(Number(pullGet[1]));
      return pull
        ? this.send(req, res, 200, this.pullJson(pull))
        : this.send(req, res, 404, { message: 'Not Found' });
    }
    const reviewsGet = on('GET', /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/);
    if (reviewsGet) {
      const pull = this.pulls.get(Number(reviewsGet[1]));
      if (!pull) return this.send(req, res, 404, { message: 'Not Found' });
      const reviews = pull.reviews.map((r, i) => ({
        id: i + 1,
        user: { login: r.login, type: 'User' },
        state: r.state,
        commit_id: r.commit_id,
      }));
      return this.page(req, res, url, reviews);
    }
    const commitPulls = on('GET', /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]{40})\/pulls$/);
    if (commitPulls) {
      const sha = commitPulls[1];
      const pulls = [...this.pulls.values()].filter(
        (p) => p.commits.includes(sha ?? '') || p.merge_commit_sha === sha,
      );
      return this.send(
        req,
        res,
        200,
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
        const issue = this.addIssue({ title: body.title, body: body.body, state: 'open', user });
        return this.send(req, res, 201, issue);
      }
    }
    const issuePatch = on('PATCH', /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/);
    if (issuePatch) {
      const issue = this.issues.find((i) => i.number === Number(issuePatch[1]));
      if (!issue) return this.send(req, res, 404, { message: 'Not Found' });
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      if (typeof body.state_reason === 'string') issue.state_reason = body.state_reason;
      return this.send(req, res, 200, issue);
    }
    this.send(req, res, 404, { message: `stand-in has no route for ${method} ${path}` });
  }
}
