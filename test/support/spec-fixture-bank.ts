import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A bank API we cannot reach from here (GMO Aozora's), standing in on loopback with the answers its
 * published specification describes (test/fixtures/, each citing its source). It answers what the
 * test scripts, in order, per path, and records every request so the test can check what the
 * connector sent. The simulator's own dialect is tested against the real simulator elsewhere.
 */
interface ScriptedAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Writes the answer itself (a body streamed without end, a redirect), instead of `body`. */
  raw?: (res: http.ServerResponse) => void;
}

interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export interface SpecFixtureBank {
  /** Where the API answers, e.g. `http://127.0.0.1:PORT/ganb/api/corporation/v1`. */
  apiBase: string;
  requests: RecordedRequest[];
  /** Queues answers for a path (relative to the API base); the last one repeats. */
  script(pathname: string, ...answers: ScriptedAnswer[]): void;
  /** Answers a path by the request's query (e.g. per accountId). */
  route(pathname: string, answer: (query: URLSearchParams) => ScriptedAnswer): void;
  close(): Promise<void>;
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name), 'utf8')) as T;
}

export async function startSpecFixtureBank(basePath: string): Promise<SpecFixtureBank> {
  const scripts = new Map<string, ScriptedAnswer[]>();
  const routes = new Map<string, (query: URLSearchParams) => ScriptedAnswer>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    requests.push({ path: pathname, query: url.searchParams, headers: req.headers });
    const queue = scripts.get(pathname);
    const answer =
      routes.get(pathname)?.(url.searchParams) ?? (queue && (queue.length > 1 ? queue.shift()! : queue[0]));
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errorCode":"NO_SCRIPT"}');
      return;
    }
    if (answer.raw) {
      answer.raw(res);
      return;
    }
    res
      .writeHead(answer.status ?? 200, {
        'content-type': 'application/json;charset=UTF-8',
        ...answer.headers,
      })
      .end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}${basePath}`,
    requests,
    script(pathname, ...answers) {
      scripts.set(pathname, answers);
    },
    route(pathname, answer) {
      routes.set(pathname, answer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
