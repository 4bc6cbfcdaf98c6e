import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ElectronGet from '@electron/get';

/** The electron package of this project: its version, checksums and its own install step. */
export const ELECTRON_PACKAGE = path.resolve(import.meta.dirname, '..', 'node_modules', 'electron');

/** How long `npm start` lets the download take (the zip is about 100 MB), unless told otherwise. */
export const DEFAULT_DOWNLOAD_SECONDS = 300;

const BROWSER_HINT = 'run `npm run start:browser` for the same app in your browser.';

/** The executable's path inside a dist folder, as electron's install.js writes it to path.txt. */
export function executableName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return platform === 'win32' ? 'electron.exe' : 'electron';
}

export type ElectronLookup = { binary: string } | { message: string };

/**
 * The Electron executable to run: the one at ELECTRON_OVERRIDE_DIST_PATH (an Electron already on
 * the machine), else the one the electron package installed. Read from the package's files without
 * `require('electron')`, which would start a download of its own with no time limit.
 */
export function installedElectron(
  env: NodeJS.ProcessEnv = process.env,
  electronDir = ELECTRON_PACKAGE,
): ElectronLookup | undefined {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, executableName());
    return isFile(binary)
      ? { binary }
      : {
          message:
            `ELECTRON_OVERRIDE_DIST_PATH is ${override}, which has no ${executableName()}; ` +
            `point it at the folder holding Electron's executable, or ${BROWSER_HINT}`,
        };
  }
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return isFile(binary) ? { binary } : undefined;
}

const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

export interface EnsureElectronOptions {
  env?: NodeJS.ProcessEnv;
  /** The electron package (tests give a copy of its package.json and checksums.json). */
  electronDir?: string;
  timeoutMs?: number;
  /** Told once before a download starts (npm start prints it). */
  onDownload?(url: string): void;
}

/**
 * Electron 45 has no install script, so `npm install` never fetches the binary: fetch it here with
 * the package's own downloader (@electron/get: ELECTRON_MIRROR, its cache, ELECTRON_GET_USE_PROXY
 * with HTTPS_PROXY, and the package's checksums.json), within a time limit, then let the package's
 * install step (install.js) unpack it from that cache. A failure comes back as one line naming
 * what really failed.
 */
export async function ensureElectron(options: EnsureElectronOptions = {}): Promise<ElectronLookup> {
  const env = options.env ?? process.env;
  const electronDir = options.electronDir ?? ELECTRON_PACKAGE;
  const found = installedElectron(env, electronDir);
  if (found) return found;

  const require = createRequire(path.join(ELECTRON_PACKAGE, 'package.json'));
  const electronGet = (await import(
    pathToFileURL(require.resolve('@electron/get')).href
  )) as typeof ElectronGet;
  const { version } = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const checksums = JSON.parse(fs.readFileSync(path.join(electronDir, 'checksums.json'), 'utf8')) as Record<
    string,
    string
  >;
  const proxy = proxyOf(env);
  if (proxy) electronGet.initializeProxy();
  const timeoutMs = options.timeoutMs ?? downloadSeconds(env) * 1000;
  const details = {
    version,
    artifactName: 'electron',
    checksums,
    ...(env.electron_config_cache ? { cacheRoot: env.electron_config_cache } : {}),
    ...(env.ELECTRON_MIRROR ? { mirrorOptions: { mirror: env.ELECTRON_MIRROR } } : {}),
  };
  const url = `${env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/'}v${version}/`;
  options.onDownload?.(url);

  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(new DownloadTimeout()), timeoutMs);
  try {
    await Promise.race([
      electronGet.downloadArtifact({ ...details, downloadOptions: { signal: limit.signal, quiet: true } }),
      new Promise((_, reject) => limit.signal.addEventListener('abort', () => reject(limit.signal.reason))),
    ]);
  } catch (error) {
    return { message: describeDownloadFailure(error, { version, url, timeoutMs, proxy }) };
  } finally {
    clearTimeout(timer);
  }

  // The zip is in @electron/get's cache now: the package's install step finds it there and unpacks it.
  const unpacked = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    env: { ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const installed = installedElectron(env, electronDir);
  if (unpacked.status === 0 && installed) return installed;
  const reason = unpacked.stderr.trim().split('\n')[0] || `exit code ${unpacked.status}`;
  return {
    message: `Electron ${version} was downloaded but could not be unpacked (${reason}); ${BROWSER_HINT}`,
  };
}

class DownloadTimeout extends Error {
  override name = 'DownloadTimeout';
}

function downloadSeconds(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.BANKDEMO_ELECTRON_DOWNLOAD_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_DOWNLOAD_SECONDS;
}

/**
 * The proxy @electron/get goes through: only when ELECTRON_GET_USE_PROXY is set, as it does (its
 * undici agent reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the process's environment).
 */
function proxyOf(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.ELECTRON_GET_USE_PROXY) return undefined;
  return env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
}

const NETWORK_CAUSES: Record<string, string> = {
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name does not resolve',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
};

/**
 * One line saying what stopped the download — the time limit, the proxy, an HTTP status, a
 * checksum, no network to the host — and pointing to the browser shell. Pure: tested table-driven.
 */
export function describeDownloadFailure(
  error: unknown,
  context: { version: string; url: string; timeoutMs: number; proxy?: string | undefined },
): string {
  const host = hostOf(context.url);
  const what = `Could not download Electron ${context.version}`;
  const err = error instanceof Error ? error : new Error(String(error));
  const cause = (err.cause ?? {}) as { code?: string; message?: string };
  const status = (err as { response?: { status?: number; statusText?: string } }).response;
  let reason: string;
  if (err.name === 'DownloadTimeout' || err.name === 'TimeoutError' || err.name === 'AbortError') {
    reason = `the download from ${host} did not finish within ${Math.round(context.timeoutMs / 1000)} s (BANKDEMO_ELECTRON_DOWNLOAD_SECONDS raises the limit)`;
  } else if (status?.status === 407 || /\b407\b/.test(cause.message ?? '')) {
    reason = `the proxy ${context.proxy ?? ''} asks for credentials (HTTP 407)`;
  } else if (status?.status) {
    const statusText = status.statusText ? ` ${status.statusText}` : '';
    reason = `${host} answered HTTP ${status.status}${statusText} for Electron's zip (check ELECTRON_MIRROR)`;
  } else if (/checksum/i.test(err.message)) {
    reason = `the file from ${host} does not match the checksum the electron package ships (a mirror or proxy altered it)`;
  } else if (context.proxy && cause.code === 'ECONNREFUSED') {
    reason = `the proxy ${context.proxy} refused the connection (ECONNREFUSED)`;
  } else if (cause.code && cause.code in NETWORK_CAUSES) {
    const via = context.proxy ? ` through the proxy ${context.proxy}` : '';
    reason = `no network to ${host}${via} (${cause.code}: ${NETWORK_CAUSES[cause.code]})`;
  } else if (context.proxy && /proxy/i.test(`${cause.message ?? ''} ${err.message}`)) {
    reason = `the proxy ${context.proxy} refused the request (${oneLine(cause.message ?? err.message)})`;
  } else {
    reason = oneLine(cause.message ? `${err.message}: ${cause.message}` : err.message);
  }
  return `${what}: ${reason}; ${BROWSER_HINT}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
