import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBank, type RunningBank } from '../../simulator/bank-server.ts';
import { loadBankConfig } from '../../simulator/config.ts';

export interface TestBank extends RunningBank {
  /** Stops the bank and deletes its data folder. */
  dispose(): Promise<void>;
}

/** A real bank on free loopback ports with its own empty data folder. */
export async function startTestBank(env: Record<string, string> = {}): Promise<TestBank> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-test-'));
  const bank = await startBank(
    loadBankConfig({ BANK_PORT: '0', BANK_TLS_PORT: '0', BANK_DATA_DIR: dataDir, ...env }),
  );
  return {
    ...bank,
    async dispose() {
      await bank.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST to the QA JSON API, as automation does. */
export async function qaPost(
  bank: Pick<RunningBank, 'issuer'>,
  pathname: string,
  body: unknown = {},
): Promise<Response> {
  return fetch(`${bank.issuer}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Whether the QA API reports the customer locked out. */
export async function qaLocked(bank: Pick<RunningBank, 'issuer'>, loginId: string): Promise<boolean> {
  const res = await fetch(`${bank.issuer}/qa/api/users`);
  const { users } = (await res.json()) as { users: { loginId: string; locked: boolean }[] };
  return users.find((u) => u.loginId === loginId)!.locked;
}

export async function qaOtp(bank: Pick<RunningBank, 'issuer'>, loginId: string): Promise<string> {
  const res = await fetch(`${bank.issuer}/qa/api/otp/${loginId}`);
  return ((await res.json()) as { code: string }).code;
}

export interface QaLink {
  id: string;
  loginId: string;
  clientId: string;
  channel: string;
  status: string;
  revokedBy?: string;
  createdAt: string;
}

/**
 * The bank's links (consents) for one customer and the desktop app, newest last. The QA API lists
 * newest first in creation order; createdAt has whole seconds only, so two links made in the same
 * second cannot be ordered by it — re-sorting on it once picked the older link of such a pair.
 */
export async function desktopLinks(bank: Pick<RunningBank, 'issuer'>, loginId: string): Promise<QaLink[]> {
  const res = await fetch(`${bank.issuer}/qa/api/links`);
  const { links } = (await res.json()) as { links: QaLink[] };
  return links.filter((l) => l.loginId === loginId && l.clientId === 'bankdemo-desktop').reverse();
}
