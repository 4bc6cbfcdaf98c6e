import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { bareShell } from '../support/bare-shell.ts';

/**
 * The browser shell's bridge over real HTTP, byte for byte (a raw socket, so a test controls the
 * framing a browser would not send): a body over 64 KB is answered 413 in the bridge's JSON error
 * shape however it is framed, never with a reset connection.
 */
const SECRET = 'bridge-test-secret';
const bare = bareShell(SECRET);

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `head` and then each body part as given, and reads `count` responses. A reset, or the
 * socket closing before they all arrived, fails the request.
 */
function exchange(head: string[], body: (string | Buffer)[], count = 1): Promise<RawResponse[]> {
  const port = Number(new URL(bare.shell().origin).port);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const responses: RawResponse[] = [];
    let received = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('close', () =>
      reject(new Error(`closed before ${count} responses: ${received.toString('latin1')}`)),
    );
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      for (let response = nextResponse(); response; response = nextResponse()) responses.push(response);
      if (responses.length < count) return;
      socket.removeAllListeners('close');
      socket.destroy();
      resolve(responses);
    });
    /** The first whole response in `received`, taken off it. */
    function nextResponse(): RawResponse | undefined {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const framed =
        headers['transfer-encoding'] === 'chunked'
          ? unchunk(received.subarray(end + 4))
          : (() => {
              const length = Number(headers['content-length']);
              return { length, body: received.subarray(end + 4), consumed: length };
            })();
      if (!framed || !(framed.body.length >= framed.length)) return undefined;
      received = received.subarray(end + 4 + framed.consumed);
      const body = framed.body.subarray(0, framed.length).toString('utf8');
      return { status: Number(statusLine!.split(' ')[1]), headers, body };
    }
    socket.on('connect', () => {
      socket.write(`${[...head, '', ''].join('\r\n')}`);
      for (const part of body) socket.write(part);
    });
  });
}

/** A chunked body as sent, or undefined while its last chunk has not come. */
function unchunk(bytes: Buffer): { length: number; body: Buffer; consumed: number } | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
    if (size === 0) break;
  }
  const body = Buffer.concat(parts);
  return { length: body.length, body, consumed: at };
}

async function rawRequest(head: string[], body: (string | Buffer)[]): Promise<RawResponse> {
  return (await exchange(head, body))[0]!;
}

const bridgeHead = (framing: string) => [
  'POST /bridge/invoke HTTP/1.1',
  `Host: ${new URL(bare.shell().origin).host}`,
  `Origin: ${bare.shell().origin}`,
  `Cookie: bankdemo_shell=${SECRET}`,
  'Content-Type: application/json',
  framing,
];

/** A bridge call of `size` bytes: a real channel, its argument padded out. */
function callOfSize(size: number): Buffer {
  const shell = JSON.stringify({ channel: 'connections:list', args: '' });
  return Buffer.from(shell.replace('""', `"${'a'.repeat(size - shell.length)}"`));
}

function chunked(body: Buffer, chunkSize: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < body.length; at += chunkSize) {
    const chunk = body.subarray(at, at + chunkSize).toString('latin1');
    parts.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  }
  return [...parts, '0\r\n\r\n'];
}

const tooLarge = {
  ok: false,
  error: { code: 'REQUEST_TOO_LARGE', detail: 'a bridge call is at most 65536 bytes' },
};

describe('the browser shell’s bridge, over real HTTP', () => {
  it('answers a call of 64 KB or less', async () => {
    const body = callOfSize(64 * 1024);
    const response = await rawRequest(bridgeHead(`Content-Length: ${body.length}`), [body]);
    // The padded argument is refused by the channel's schema: the body itself was taken.
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('answers a 65 KB body 413 with the bridge’s JSON error, not a reset', async () => {
    const body = callOfSize(65 * 1024);
    const response = await rawRequest(bridgeHead(`Content-Length: ${body.length}`), [body]);
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(JSON.parse(response.body)).toEqual(tooLarge);
  });

  it('answers a 65 KB body sent in chunks (no Content-Length) 413 with the JSON error', async () => {
    const response = await rawRequest(
      bridgeHead('Transfer-Encoding: chunked'),
      chunked(callOfSize(65 * 1024), 4096),
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual(tooLarge);
  });

  it('answers at once a Content-Length over the limit, before the body it claims has come', async () => {
    // It claims 10 MB and sends 65 KB: the answer does not wait for the rest.
    const response = await rawRequest(bridgeHead(`Content-Length: ${10 * 1024 * 1024}`), [
      callOfSize(65 * 1024),
    ]);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual(tooLarge);
  });

  it('reads no more than a Content-Length claims: a 65 KB body under a 1 KB claim is refused in JSON, not reset', async () => {
    const [call, rest] = await exchange(bridgeHead('Content-Length: 1024'), [callOfSize(65 * 1024)], 2);
    // The call is its claimed 1 KB, half a JSON text; the bytes after it are no request at all.
    expect(call!.status).toBe(400);
    expect(JSON.parse(call!.body)).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', detail: 'the body is not JSON' },
    });
    expect(rest!.status).toBe(400);
    expect(JSON.parse(rest!.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('still refuses a large body without the session, before reading it', async () => {
    const head = bridgeHead('Content-Length: 70000').filter((line) => !line.startsWith('Cookie'));
    const response = await rawRequest(head, [callOfSize(70000)]);
    expect(response.status).toBe(403);
    expect(response.body).toBe('Forbidden: no session\n');
  });

  it('takes the key once from the printed URL into an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const host = new URL(bare.shell().origin).host;
    const response = await rawRequest([`GET /?key=${SECRET} HTTP/1.1`, `Host: ${host}`], []);
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/');
    expect(response.headers['set-cookie']).toBe(
      `bankdemo_shell=${SECRET}; path=/; samesite=strict; httponly`,
    );
    const wrongKey = await rawRequest([`GET /?key=${SECRET}x HTTP/1.1`, `Host: ${host}`], []);
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.headers['set-cookie']).toBeUndefined();
  });

  it('puts its CSP and X-Frame-Options on a refusal too', async () => {
    const response = await rawRequest(['GET /bridge/bridge.js HTTP/1.1', 'Host: rebound.example'], []);
    expect(response.status).toBe(403);
    expect(response.body).toBe('Forbidden: unknown host\n');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });
});
