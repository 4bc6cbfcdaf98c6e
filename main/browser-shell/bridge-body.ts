import type { IncomingMessage } from 'node:http';

/** The largest bridge call body: far above any call the app's page makes (a memo, a rule, a profile). */
export const MAX_BRIDGE_BODY = 64 * 1024;

export type BridgeBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'too-large' }
  | { kind: 'not-json' }
  /** The caller went away before its body ended: there is no one to answer. */
  | { kind: 'aborted' };

/**
 * A bridge call's JSON body, read up to `limit` bytes whatever Content-Length says or leaves out
 * (chunked). Beyond it the rest is read and dropped rather than the socket destroyed: closing a
 * socket with unread bytes sends a TCP reset, which can reach the caller before the 413 does.
 * Node's request timeout still bounds a body that never ends.
 */
export function readBridgeBody(req: IncomingMessage, limit = MAX_BRIDGE_BODY): Promise<BridgeBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discardRest(req);
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (result: BridgeBody) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      stop({ kind: 'too-large' });
      discardRest(req);
    };
    const onEnd = () => {
      try {
        stop({ kind: 'json', value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        stop({ kind: 'not-json' });
      }
    };
    const onClose = () => stop({ kind: 'aborted' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    // A socket error ends in 'close'; without a listener it would be thrown.
    req.on('error', () => {});
  });
}

function discardRest(req: IncomingMessage): void {
  req.on('error', () => {});
  req.resume();
}
