import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeDownloadFailure,
  ELECTRON_PACKAGE,
  ensureElectron,
  executableName,
} from '../../scripts/electron-binary.ts';

/**
 * `npm start`'s Electron step against a fake download host: a local HTTP server given as
 * ELECTRON_MIRROR that fails one way per test. The electron package is a copy of the real one's
 * package.json and checksums.json, so nothing is written into node_modules.
 */
type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let work: string;
let electronDir: string;
const servers: { server: http.Server; sockets: Set<Socket> }[] = [];

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-electron-get-'));
  electronDir = path.join(work, 'electron');
  fs.mkdirSync(electronDir);
  for (const file of ['package.json', 'checksums.json'])
    fs.copyFileSync(path.join(ELECTRON_PACKAGE, file), path.join(electronDir, file));
});

afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function fakeMirror(behaviour: Behaviour): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    behaviour(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ server, sockets });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const fetchFrom = (mirror: string, timeoutMs = 20_000, extra: NodeJS.ProcessEnv = {}) =>
  ensureElectron({
    electronDir,
    timeoutMs,
    env: { ELECTRON_MIRROR: mirror, electron_config_cache: path.join(work, 'cache'), ...extra },
  });

const version = JSON.parse(fs.readFileSync(path.join(ELECTRON_PACKAGE, 'package.json'), 'utf8')).version;

describe('npm start fetching the Electron binary', () => {
  it('asks the mirror for this version and platform, and names the HTTP 404 it got', async () => {
    const mirror = await fakeMirror((_req, res) => res.writeHead(404).end('not here'));
    const result = await fetchFrom(mirror.url);
    expect(mirror.requests).toEqual([
      `/v${version}/electron-v${version}-${process.platform}-${process.arch}.zip`,
    ]);
    expect(result).toEqual({
      message: expect.stringMatching(/HTTP 404 Not Found .*ELECTRON_MIRROR.*npm run start:browser/),
    });
    expect((result as { message: string }).message).not.toContain('\n');
  });

  it('says there is no network to the host when the download host refuses the connection', async () => {
    const port = await closedPort();
    const result = await fetchFrom(`http://127.0.0.1:${port}/`);
    expect(result).toEqual({
      message: `Could not download Electron ${version}: no network to 127.0.0.1:${port} (ECONNREFUSED: the connection was refused); run \`npm run start:browser\` for the same app in your browser.`,
    });
  });

  it('refuses a file whose checksum is not the one the electron package ships', async () => {
    const mirror = await fakeMirror((_req, res) =>
      res.writeHead(200, { 'Content-Length': '16' }).end('not electron.zip'),
    );
    const result = await fetchFrom(mirror.url);
    expect(result).toEqual({ message: expect.stringMatching(/does not match the checksum.*start:browser/) });
    expect(fs.existsSync(path.join(electronDir, 'path.txt'))).toBe(false);
  });

  it('gives up at the time limit when the download is too slow, and says which limit', async () => {
    const mirror = await fakeMirror((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100000000' });
      res.write('PK'); // …and nothing more
    });
    const started = Date.now();
    const result = await fetchFrom(mirror.url, 1500);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toEqual({
      message: expect.stringMatching(
        /did not finish within 2 s \(BANKDEMO_ELECTRON_DOWNLOAD_SECONDS.*start:browser/,
      ),
    });
  });

  it('names the proxy when ELECTRON_GET_USE_PROXY sends the download through one that refuses', async () => {
    const dispatcher = Symbol.for('undici.globalDispatcher.1');
    const saved = (globalThis as Record<symbol, unknown>)[dispatcher];
    const proxy = `http://127.0.0.1:${await closedPort()}`;
    // @electron/get's agent reads the proxy from the process's environment, as on a user's machine.
    const before = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    Object.assign(process.env, { HTTP_PROXY: proxy, NO_PROXY: '' });
    try {
      const mirror = await fakeMirror((_req, res) => res.writeHead(404).end());
      const result = await fetchFrom(mirror.url, 20_000, {
        ELECTRON_GET_USE_PROXY: '1',
        HTTP_PROXY: proxy,
      });
      expect(result).toEqual({
        message: expect.stringContaining(`the proxy ${proxy} refused the connection`),
      });
      expect(mirror.requests).toEqual([]);
    } finally {
      (globalThis as Record<symbol, unknown>)[dispatcher] = saved;
      if (before.HTTP_PROXY === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = before.HTTP_PROXY;
      if (before.NO_PROXY === undefined) delete process.env.NO_PROXY;
      else process.env.NO_PROXY = before.NO_PROXY;
    }
  });

  it('uses an Electron already on the machine (ELECTRON_OVERRIDE_DIST_PATH) without downloading', async () => {
    const mirror = await fakeMirror((_req, res) => res.writeHead(500).end());
    const dist = path.join(work, 'dist');
    fs.mkdirSync(path.dirname(path.join(dist, executableName())), { recursive: true });
    fs.writeFileSync(path.join(dist, executableName()), '');
    expect(await fetchFrom(mirror.url, 20_000, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({
      binary: path.join(dist, executableName()),
    });
    expect(mirror.requests).toEqual([]);
  });

  it('says so when ELECTRON_OVERRIDE_DIST_PATH points at a folder without Electron', async () => {
    const mirror = await fakeMirror((_req, res) => res.writeHead(500).end());
    const result = await fetchFrom(mirror.url, 20_000, { ELECTRON_OVERRIDE_DIST_PATH: work });
    expect(result).toEqual({ message: expect.stringMatching(/^ELECTRON_OVERRIDE_DIST_PATH is .* has no/) });
    expect(mirror.requests).toEqual([]);
  });
});

describe('the one line a failed download is told in', () => {
  const context = {
    version: '45.4.1',
    url: 'https://github.com/electron/electron/releases/download/v45.4.1/',
    timeoutMs: 300_000,
  };
  const networkError = (code: string) =>
    Object.assign(new TypeError('fetch failed'), { cause: { code, message: code } });
  it.each([
    [
      'a name that does not resolve',
      networkError('ENOTFOUND'),
      undefined,
      'no network to github.com (ENOTFOUND: the name does not resolve)',
    ],
    [
      'a network that is unreachable',
      networkError('ENETUNREACH'),
      undefined,
      'no network to github.com (ENETUNREACH: the network is unreachable)',
    ],
    [
      'a proxy asking for credentials',
      Object.assign(new Error('HTTPError'), {
        response: { status: 407, statusText: 'Proxy Authentication Required' },
      }),
      'http://proxy:3128',
      'the proxy http://proxy:3128 asks for credentials (HTTP 407)',
    ],
    [
      'a timeout',
      Object.assign(new Error('aborted'), { name: 'TimeoutError' }),
      undefined,
      'did not finish within 300 s',
    ],
    [
      'a 403',
      Object.assign(new Error('HTTPError'), { response: { status: 403, statusText: 'Forbidden' } }),
      undefined,
      'github.com answered HTTP 403 Forbidden',
    ],
  ])('tells %s', (_name, error, proxy, expected) => {
    const line = describeDownloadFailure(error, { ...context, proxy });
    expect(line).toContain(expected);
    expect(line).toMatch(
      /^Could not download Electron 45\.4\.1: .*; run `npm run start:browser` for the same app in your browser\.$/,
    );
  });
});
