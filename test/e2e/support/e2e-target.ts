import os from 'node:os';
import path from 'node:path';

/**
 * Which bank the end-to-end suite runs against, read once from the environment (the config and the
 * fixtures both import it, in Playwright's main process and in its workers alike).
 *
 * - Nothing set: the suite starts デモ信用金庫 itself (`node simulator/main.ts`) on
 *   E2E_PORT_BASE + 40 (HTTP) and + 41 (certificate login), with a fresh data folder.
 * - E2E_BANK_ISSUER: a bank that is already running; the suite starts none and the app links to it.
 *   E2E_BANK_TLS_ORIGIN is its certificate-login origin (default: the issuer's port + 1, https) and
 *   E2E_BANK_CERT_DIR the folder with the corporate users' client certificates (`<login id>.crt`
 *   and `.key`; the simulator writes them to `<data dir>/pki/clients/`).
 */
export interface E2eBankTarget {
  issuer: string;
  tlsOrigin: string;
  certDir: string;
  /** Set when the suite starts the bank itself: where it listens and keeps its data. */
  started?: { port: number; tlsPort: number; dataDir: string };
}

const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 4300);

function nextPortOrigin(issuer: string): string {
  const url = new URL(issuer);
  return `https://${url.hostname}:${Number(url.port || 80) + 1}`;
}

function resolveTarget(env: NodeJS.ProcessEnv): E2eBankTarget {
  const issuer = env.E2E_BANK_ISSUER?.replace(/\/+$/, '');
  if (issuer) {
    if (!env.E2E_BANK_CERT_DIR) {
      throw new Error('E2E_BANK_ISSUER is set: set E2E_BANK_CERT_DIR too (the bank’s pki/clients folder)');
    }
    return {
      issuer,
      tlsOrigin: env.E2E_BANK_TLS_ORIGIN ?? nextPortOrigin(issuer),
      certDir: path.resolve(env.E2E_BANK_CERT_DIR),
    };
  }
  // The workers inherit the main process's environment, so they agree on the folder.
  env.E2E_STARTED_BANK_DATA_DIR ??= path.join(os.tmpdir(), `bankdemo-e2e-bank-${process.pid}`);
  const dataDir = env.E2E_STARTED_BANK_DATA_DIR;
  const port = PORT_BASE + 40;
  return {
    issuer: `http://127.0.0.1:${port}`,
    tlsOrigin: `https://127.0.0.1:${port + 1}`,
    certDir: path.join(dataDir, 'pki', 'clients'),
    started: { port, tlsPort: port + 1, dataDir },
  };
}

export const E2E_BANK_TARGET = resolveTarget(process.env);
