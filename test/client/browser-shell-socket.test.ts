import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bareShell } from '../support/bare-shell.ts';

/**
 * The browser shell's bridge socket over a real WebSocket: the page's calls travel on it (a frame
 * each instead of a request each), so it passes every check the HTTP bridge does — and the Origin
 * check above all, since a WebSocket is not bound by the same-origin policy: without it, any site
 * the user visits could open one to the loopback port and drive the app.
 */
const SECRET = 'socket-test-secret';
const bare = bareShell(SECRET);

interface Handshake {
  origin?: string;
  cookie?: string;
  host?: string;
  path?: string;
}

const asThePage = (): Handshake => ({ origin: bare.shell().origin, cookie: `bankdemo_shell=${SECRET}` });

/** Opens a socket with the handshake's headers: the socket, or the HTTP status that refused it. */
function connect(handshake: Handshake): Promise<{ socket?: WebSocket; refused?: number }> {
  const url = `${bare.shell().origin.replace('http', 'ws')}${handshake.path ?? '/bridge/socket'}`;
  const headers: Record<string, string> = {};
  if (handshake.cookie) headers.cookie = handshake.cookie;
  if (handshake.host) headers.host = handshake.host;
  const socket = new WebSocket(url, { headers, ...(handshake.origin ? { origin: handshake.origin } : {}) });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ refused: response.statusCode }));
    socket.once('error', reject);
  });
}

/** Sends raw text and resolves with the first answer, or the close code if it closes instead. */
function exchange(socket: WebSocket, text: string): Promise<{ answer?: unknown; closed?: number }> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve({ answer: JSON.parse(String(data)) }));
    socket.once('close', (code) => resolve({ closed: code }));
    socket.send(text);
  });
}

async function openAsThePage(): Promise<WebSocket> {
  const { socket } = await connect(asThePage());
  expect(socket).toBeDefined();
  return socket!;
}

describe('the browser shell’s bridge socket', () => {
  it('answers a call as POST /bridge/invoke does, with the call’s id', async () => {
    const socket = await openAsThePage();
    const viaSocket = await exchange(socket, JSON.stringify({ id: 7, channel: 'settings:get' }));
    socket.close();
    const viaHttp = await fetch(`${bare.shell().origin}/bridge/invoke`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: bare.shell().origin,
        cookie: asThePage().cookie!,
      },
      body: JSON.stringify({ channel: 'settings:get' }),
    });
    const answer = (await viaHttp.json()) as { ok: boolean };
    expect(answer.ok).toBe(true);
    expect(viaSocket).toEqual({ answer: { id: 7, result: answer } });
  });

  it('answers several calls out at once, each under its own id', async () => {
    const socket = await openAsThePage();
    const answers = new Map<number, unknown>();
    const all = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        const { id, result } = JSON.parse(String(data)) as { id: number; result: unknown };
        answers.set(id, result);
        if (answers.size === 3) resolve();
      }),
    );
    socket.send(JSON.stringify({ id: 1, channel: 'settings:get' }));
    socket.send(JSON.stringify({ id: 2, channel: 'no:such-channel' }));
    socket.send(JSON.stringify({ id: 3, channel: 'connections:list' }));
    await all;
    socket.close();
    expect(answers.get(1)).toMatchObject({ ok: true });
    expect(answers.get(2)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(answers.get(3)).toEqual({ ok: true, value: [] });
  });

  it.each<[string, () => Handshake]>([
    ['without the session’s cookie', () => ({ origin: bare.shell().origin })],
    ['with a wrong secret', () => ({ ...asThePage(), cookie: 'bankdemo_shell=guessed' })],
    ['from another site (a page the user visits)', () => ({ ...asThePage(), origin: 'http://evil.example' })],
    ['without an Origin (not a browser page)', () => ({ cookie: asThePage().cookie })],
    [
      'under another host name (DNS rebinding)',
      () => ({ ...asThePage(), host: `rebound.example:${new URL(bare.shell().origin).port}` }),
    ],
    ['on another path', () => ({ ...asThePage(), path: '/bridge/other' })],
  ])('refuses the handshake %s: 403, no socket', async (_, handshake) => {
    expect(await connect(handshake())).toEqual({ refused: 403 });
  });

  it('closes on a message over 64 KB (1009), and the next socket works', async () => {
    const socket = await openAsThePage();
    const padded = JSON.stringify({ id: 1, channel: 'settings:get', args: { pad: 'a'.repeat(65 * 1024) } });
    expect(await exchange(socket, padded)).toEqual({ closed: 1009 });
    const next = await openAsThePage();
    expect(await exchange(next, JSON.stringify({ id: 2, channel: 'settings:get' }))).toMatchObject({
      answer: { id: 2, result: { ok: true } },
    });
    next.close();
  });

  it.each([
    ['text that is not JSON', 'hello'],
    ['a call without an id to answer to', JSON.stringify({ channel: 'settings:get' })],
    ['an id that is not a whole number', JSON.stringify({ id: 'x', channel: 'settings:get' })],
  ])('closes on %s (1008)', async (_, text) => {
    const socket = await openAsThePage();
    expect(await exchange(socket, text)).toEqual({ closed: 1008 });
  });
});
