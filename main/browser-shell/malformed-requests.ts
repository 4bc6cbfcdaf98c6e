import type http from 'node:http';
import type net from 'node:net';

/** How long what is still coming is read before the connection is cut all the same. */
const LINGER_MS = 10_000;

const NOT_A_REQUEST = JSON.stringify({
  ok: false,
  error: {
    code: 'INVALID_ARGUMENT',
    detail: 'not an HTTP request (bytes past a body’s Content-Length, or a malformed head)',
  },
});

/**
 * Bytes Node cannot read as a request (most often the rest of a body whose Content-Length claimed
 * less than was sent) are answered 400 in the bridge's JSON error shape, after the answer to the
 * request before them, and the connection is closed by reading what is still coming: Node's own
 * answer destroys the socket with those bytes unread, a TCP reset that can swallow both answers.
 */
export function answerMalformedRequests(server: http.Server): void {
  server.on('clientError', (_error: Error, socket: net.Socket) => {
    const answer = () => {
      socket.on('error', () => {});
      if (socket.writable) {
        socket.end(
          [
            'HTTP/1.1 400 Bad Request',
            'Content-Type: application/json; charset=utf-8',
            `Content-Length: ${Buffer.byteLength(NOT_A_REQUEST)}`,
            'Connection: close',
            '',
            NOT_A_REQUEST,
          ].join('\r\n'),
        );
      }
      socket.resume();
      socket.setTimeout(LINGER_MS, () => socket.destroy());
    };
    const inFlight = (socket as net.Socket & { _httpMessage?: http.ServerResponse | null })._httpMessage;
    if (inFlight && !inFlight.writableFinished) inFlight.once('finish', answer);
    else answer();
  });
}
