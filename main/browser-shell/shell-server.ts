import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppCore } from '../app-core.ts';
import { dispatch } from '../ipc-dispatch.ts';
import { RENDERER_CSP } from '../shell-policy.ts';
import {
  hasSecret,
  isLoopbackHost,
  isOwnOrigin,
  keyMatches,
  SECRET_COOKIE,
  staticPath,
} from './request-guard.ts';

export interface ShellServerOptions {
  core: AppCore;
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

const MAX_BODY = 64 * 1024;
const BRIDGE_SCRIPT = fs.readFileSync(new URL('./bridge-client.js', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The browser shell's HTTP side: the built renderer, the bridge script, and the IPC contract as
 * `POST /bridge/invoke` + `GET /bridge/events` (server-sent events), loopback only.
 */
export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const { core, secret } = options;
  const streams = new Set<http.ServerResponse>();
  const unsubscribe = core.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  let port = options.port;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (
      status: number,
      body: string | Buffer,
      type: string,
      extra: Record<string, string> = {},
    ) => {
      res.writeHead(status, {
        ...SECURITY_HEADERS,
        'Content-Type': type,
        'Cache-Control': 'no-store',
        ...extra,
      });
      res.end(body);
    };
    const refuse = (why: string) => send(403, `Forbidden: ${why}\n`, 'text/plain; charset=utf-8');

    if (!isLoopbackHost(req.headers.host, port)) return refuse('unknown host');
    const isPost = req.method === 'POST';
    if (!isOwnOrigin(req.headers.origin, port, isPost)) return refuse('foreign origin');

    // The page: the secret arrives once in ?key= (the printed URL) and is kept as a cookie.
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const fromKey = keyMatches(url.searchParams.get('key'), secret);
      if (!fromKey && !hasSecret(req.headers.cookie, secret)) {
        return send(
          403,
          '<!doctype html><meta charset="utf-8"><title>BankDemo</title><p>ターミナルに表示されたURLを開いてください。 / Open the URL printed in the terminal.</p>',
          'text/html; charset=utf-8',
        );
      }
      if (fromKey) {
        // Drop the key from the address bar and history; the cookie carries it from now on.
        return send(303, '', 'text/plain', {
          Location: '/',
          'Set-Cookie': `${SECRET_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      const html = fs
        .readFileSync(path.join(options.rendererDir, 'index.html'), 'utf8')
        .replace('<head>', '<head>\n    <script src="./bridge/bridge.js"></script>');
      return send(200, html, TYPES['.html']!);
    }

    if (url.pathname.startsWith('/bridge/') || url.pathname.startsWith('/test-hook/')) {
      if (!hasSecret(req.headers.cookie, secret)) return refuse('no session');
      if (req.method === 'GET' && url.pathname === '/bridge/bridge.js') {
        return send(200, BRIDGE_SCRIPT, TYPES['.js']!);
      }
      if (req.method === 'GET' && url.pathname === '/bridge/events') {
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
        });
        res.write(': connected\n\n');
        streams.add(res);
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
        req.on('close', () => {
          clearInterval(keepAlive);
          streams.delete(res);
        });
        return;
      }
      if (isPost && url.pathname === '/bridge/invoke') {
        if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return refuse('JSON only');
        return void readJson(req).then(
          async (body) => {
            const { channel, args } = (body ?? {}) as { channel?: unknown; args?: unknown };
            send(
              200,
              JSON.stringify(await dispatch(core.handlers, channel, args)),
              'application/json; charset=utf-8',
            );
          },
          () => send(413, 'Payload too large or not JSON\n', 'text/plain; charset=utf-8'),
        );
      }
      if (req.method === 'GET' && url.pathname === '/test-hook/opened-urls' && options.openedUrls) {
        return send(200, JSON.stringify(options.openedUrls), 'application/json; charset=utf-8');
      }
      return send(404, 'Not found\n', 'text/plain; charset=utf-8');
    }

    if (req.method !== 'GET') return send(405, 'Method not allowed\n', 'text/plain; charset=utf-8');
    const file = staticPath(options.rendererDir, url.pathname, path.join);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, 'Not found\n', 'text/plain; charset=utf-8');
    }
    send(200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
  });

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
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}
