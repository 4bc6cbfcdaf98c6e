import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { E2E_BANK } from '../../playwright.config.ts';

/** The bank Playwright started (playwright.config.ts `webServer`). */
export const bank = {
  issuer: `http://127.0.0.1:${E2E_BANK.port}`,
  tlsOrigin: `https://127.0.0.1:${E2E_BANK.tlsPort}`,
  dataDir: process.env.E2E_BANK_DATA_DIR ?? E2E_BANK.dataDir,
};

/** The code a customer's authenticator app shows now, computed from the documented secret. */
export function totpNow(base32Secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(base32Secret), digits: 6, period: 30 }).generate();
}

export async function qaPost(pathname: string, body: unknown = {}): Promise<Response> {
  return fetch(`${bank.issuer}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Saves a full-page screenshot under test-results/screens/ and attaches it to the HTML report. */
export async function screen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join('test-results', 'screens', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
