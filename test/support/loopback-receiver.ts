import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The redirect target a native app owns (RFC 8252): a listener on 127.0.0.1, a free port, path
 * /callback. It records the first callback it receives.
 */
export interface LoopbackReceiver {
  redirectUri: string;
  /** Resolves with the full callback URL (query included) once the browser arrives. */
  callback: Promise<URL>;
  close(): Promise<void>;
}

export async function startLoopbackReceiver(): Promise<LoopbackReceiver> {
  let resolveCallback!: (url: URL) => void;
  const callback = new Promise<URL>((resolve) => (resolveCallback = resolve));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    resolveCallback(url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>連携が完了しました。</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    callback,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
