import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { PassThrough } from 'node:stream';
import Router from '@koa/router';
import Koa, { type Context, type Next } from 'koa';
import type { AppCore } from '../app-core.ts';
import { log } from '../log/logger.ts';
import { createBridgeRouter } from './bridge-routes.ts';
import { attachBridgeSocket } from './bridge-socket.ts';
import { answerMalformedRequests } from './malformed-requests.ts';
import { isLoopbackHost, isOwnOrigin, keyMatches, SECRET_COOKIE, staticPath } from './request-guard.ts';
import { refuse, SECURITY_HEADERS, sendText } from './shell-responses.ts';

export interface ShellServerOptions {
  core: Pick<AppCore, 'handlers' | 'onEvent'>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port: number;
  secret: string;
  /** Under test: the URLs the core asked to open, served on /test-hook/opened-urls. */
  openedUrls?: string[];
}

export interface ShellServer {
  origin: string;
  /** The address to open: it carries the secret once, then the page lives on its cookie. */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const OPEN_THE_PRINTED_URL =
  '<!doctype html><meta charset="utf-8"><title>BankDemo</title><p>ターミナルに表示されたURLを開いてください。 / Open the URL printed in the terminal.</p>';

/**
 * The browser shell's HTTP side: the built renderer, the bridge script, and the IPC contract as
 * `POST /bridge/invoke` + `GET /bridge/events` (server-sent events), loopback only. Every request
 * passes the Host and Origin checks first; the bridge also wants the per-run secret's cookie.
 */
export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const { core, secret } = options;
  const streams = new Set<PassThrough>();
  const unsubscribe = core.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  // Known once listening (port 0 asks for a free one); no request is served before that.
  let port = options.port;
  const hasSession = (ctx: Context) => keyMatches(ctx.cookies.get(SECRET_COOKIE), secret);

  const pages = new Router();
  // The page: the secret arrives once in ?key= (the printed URL) and is kept as a cookie.
  pages.get(['/', '/index.html'], (ctx) => {
    const fromKey = keyMatches(new URLSearchParams(ctx.querystring).get('key'), secret);
    if (!fromKey && !hasSession(ctx)) {
      ctx.status = 403;
      ctx.type = TYPES['.html']!;
      ctx.body = OPEN_THE_PRINTED_URL;
      return;
    }
    if (fromKey) {
      // Drop the key from the address bar and history; the cookie carries it from now on.
      ctx.cookies.set(SECRET_COOKIE, secret, { httpOnly: true, sameSite: 'strict', path: '/' });
      ctx.status = 303;
      ctx.set('Location', '/');
      ctx.type = 'text/plain';
      ctx.body = '';
      return;
    }
    ctx.type = TYPES['.html']!;
    ctx.body = fs
      .readFileSync(path.join(options.rendererDir, 'index.html'), 'utf8')
      .replace('<head>', '<head>\n    <script src="./bridge/bridge.js"></script>');
  });
  const bridge = createBridgeRouter({
    core,
    streams,
    ...(options.openedUrls ? { openedUrls: options.openedUrls } : {}),
  });

  const app = new Koa();
  // A page that goes while its event stream is open (a reload, a closed tab) is no failure.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') log.error('shell.failed', { cause: error });
  });
  app.use(withSecurityHeaders);
  app.use(async (ctx, next) => {
    if (!isLoopbackHost(ctx.req.headers.host, port)) return refuse(ctx, 'unknown host');
    if (!isOwnOrigin(ctx.req.headers.origin, port, ctx.method === 'POST'))
      return refuse(ctx, 'foreign origin');
    // The path as a URL reads it (dot segments resolved), which is what the routes and files expect.
    ctx.path = new URL(ctx.url, 'http://127.0.0.1').pathname;
    await next();
  });
  app.use(pages.routes());
  const bridgeRoutes = bridge.routes() as Koa.Middleware;
  app.use(async (ctx, next) => {
    if (!isBridgePath(ctx.path)) return next();
    if (!hasSession(ctx)) return refuse(ctx, 'no session');
    // Nothing under /bridge/ or /test-hook/ falls through to the renderer's files.
    await bridgeRoutes(ctx, async () => sendText(ctx, 404, 'Not found\n'));
  });
  app.use((ctx) => serveRendererFile(ctx, options.rendererDir));

  const server = http.createServer(app.callback());
  answerMalformedRequests(server);
  const bridgeSocket = attachBridgeSocket(server, { core, secret, port: () => port });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/?key=${secret}`,
    async close() {
      unsubscribe();
      bridgeSocket.close();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The headers go on every answer, a refusal and a failure included (Koa's own error page drops them). */
async function withSecurityHeaders(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    log.error('shell.failed', { path: ctx.path, cause: error });
    sendText(ctx, 500, 'Internal error\n');
  }
  ctx.set(SECURITY_HEADERS);
}

const isBridgePath = (pathname: string) =>
  pathname.startsWith('/bridge/') || pathname.startsWith('/test-hook/');

function serveRendererFile(ctx: Context, rendererDir: string): void {
  if (ctx.method !== 'GET') return sendText(ctx, 405, 'Method not allowed\n');
  const file = staticPath(rendererDir, ctx.path, path.join);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return sendText(ctx, 404, 'Not found\n');
  ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  ctx.body = fs.readFileSync(file);
}
