/**
 * `npm run web [-- --port N]`: builds the request builder and serves it on this machine, printing its
 * URL. A plain static server of the built folder, nothing else: the page needs no server of its own.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, UserError } from '../core/errors.ts';
import { buildArguments, buildSite, siteConfig, sizeSummary } from './build-web.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serves the files of `dir` (GET and HEAD only, nothing outside it) on `port` of 127.0.0.1; 0 picks one. */
export function serveSite(dir: string, port = 0): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path\n');
      return;
    }
    const file = resolve(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if ((file !== root && !file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      done({ server, url: `http://127.0.0.1:${bound}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const argv = process.argv.slice(2);
    const at = argv.indexOf('--port');
    const port = at >= 0 ? Number(argv[at + 1]) : 8080;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port needs a port number');
    const { out, overrides } = buildArguments(at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv);
    const files = await buildSite(out, siteConfig(overrides));
    const { url } = await serveSite(out, port);
    console.log(`built the request builder (${sizeSummary(files)}); serving it at ${url} (Ctrl-C stops)`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    console.error(`web: ${error.message}`);
    process.exitCode = 2;
  }
}
