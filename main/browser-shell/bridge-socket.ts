import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppCore } from '../app-core.ts';
import { dispatch } from '../ipc-dispatch.ts';
import { log } from '../log/logger.ts';
import { MAX_BRIDGE_BODY } from './bridge-body.ts';
import { hasSecret, isLoopbackHost, isOwnOrigin } from './request-guard.ts';

const BRIDGE_SOCKET_PATH = '/bridge/socket';

/**
 * The IPC contract over one WebSocket per page: `{ id, channel, args }` in, `{ id, result }` out,
 * answered in any order. The page sends 明細's page calls here (bridge-client.js says why only
 * those); any channel is answered as `POST /bridge/invoke` answers it, for a fraction of its cost:
 * a fetch is a new request through the browser's network stack each time (headers, cookies,
 * checks), a socket message is a frame on a connection already open — what a list dragged through
 * 100,000 rows, asking for rows every frame, needs. The upgrade passes the same checks as every
 * bridge request (Host, Origin required, the per-run secret's cookie): a WebSocket is not bound by
 * the same-origin policy, so without the Origin check any site the user visits could open one.
 */
export function attachBridgeSocket(
  server: http.Server,
  options: { core: Pick<AppCore, 'handlers'>; secret: string; port: () => number },
): { close(): void } {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_BODY });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const port = options.port();
    const allowed =
      new URL(req.url ?? '/', 'http://127.0.0.1').pathname === BRIDGE_SOCKET_PATH &&
      isLoopbackHost(req.headers.host, port) &&
      isOwnOrigin(req.headers.origin, port, true) &&
      hasSecret(req.headers.cookie, options.secret);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serve(ws, options.core));
  });
  return {
    close() {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}

function serve(ws: WebSocket, core: Pick<AppCore, 'handlers'>): void {
  ws.on('error', (error) => log.warn('shell.socket-failed', { cause: error }));
  ws.on('message', (data, isBinary) => {
    let call: { id?: unknown; channel?: unknown; args?: unknown };
    try {
      call = isBinary ? {} : (JSON.parse(String(data)) as typeof call);
    } catch {
      call = {};
    }
    const id = typeof call.id === 'number' && Number.isSafeInteger(call.id) ? call.id : undefined;
    if (id === undefined) {
      // Nothing to answer to: a page that sends this is not ours.
      ws.close(1008, 'a call needs a numeric id');
      return;
    }
    void dispatch(core.handlers, call.channel, call.args)
      .then((result) => JSON.stringify({ id, result }))
      // Every call is answered: one whose result cannot be written says so rather than never.
      .catch((error: unknown) => {
        log.error('shell.socket-answer-failed', { cause: error });
        return JSON.stringify({ id, result: { ok: false, error: { code: 'INTERNAL' } } });
      })
      .then((answer) => {
        if (ws.readyState === ws.OPEN) ws.send(answer);
      });
  });
}
