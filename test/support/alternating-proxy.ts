import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AlternatingProxy {
  /** http://127.0.0.1:<port>: the one address clients see (BANK_PUBLIC_URL). */
  url: string;
  port: number;
  /** How many requests each upstream answered, in the order given. */
  served: number[];
  /** The instances requests alternate between (set once they run: their ports are known then). */
  setUpstreams(origins: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * A load balancer as small as a test needs: request 1 to the first bank process, request 2 to the
 * second, and so on, each over a fresh upstream connection (so no keep-alive pins a client to one
 * process). `Host` and every other header pass through unchanged, as a real proxy in front of
 * several instances does; bodies and answers are streamed both ways.
 */
export async function startAlternatingProxy(port = 0): Promise<AlternatingProxy> {
  let upstreams: URL[] = [];
  const served: number[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    if (upstreams.length === 0) {
      res.writeHead(503).end();
      return;
    }
    const index = next++ % upstreams.length;
    served[index] = (served[index] ?? 0) + 1;
    const target = upstreams[index]!;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.rawHeaders,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    served,
    setUpstreams(origins) {
      upstreams = origins.map((o) => new URL(o));
      served.length = 0;
      served.push(...origins.map(() => 0));
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
