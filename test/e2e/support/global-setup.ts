import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_BANK_TARGET, type E2eBankTarget } from './e2e-target.ts';

/** The seeded test users the specs log in as (README "Test users"). */
const USERS_THE_SUITE_NEEDS = ['1000000001', 'CORP0001', 'CORP0002', 'CORP9000'];

/**
 * Before any test: builds the UI once for the whole run (each test's app serves dist/renderer) and
 * checks that the bank offers what the suite relies on, so a wrongly pointed run stops with one clear
 * message instead of twelve timeouts. Afterwards it removes the data folder of a bank it started.
 */
export default async function globalSetup(): Promise<() => void> {
  execSync('npm run --silent build:renderer', { stdio: 'inherit' });
  await checkBank(E2E_BANK_TARGET);
  await openKeychainCollection();
  return () => {
    const dataDir = E2E_BANK_TARGET.started?.dataDir;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

/**
 * The test keyring (scripts/with-test-keyring.sh) makes its default collection on the first write:
 * made here, once, rather than by whichever of the workers' apps writes first.
 */
async function openKeychainCollection(): Promise<void> {
  const { default: keytar } = await import('keytar');
  try {
    await keytar.setPassword('bankdemo-e2e-setup', 'collection', 'made');
    await keytar.deletePassword('bankdemo-e2e-setup', 'collection');
  } catch {
    // No keyring in this session: the specs that need one fail with the app's own message.
  }
}

async function checkBank(bank: E2eBankTarget): Promise<void> {
  const problem = (what: string) =>
    new Error(
      `The bank at ${bank.issuer} cannot run the end-to-end suite: ${what} (README "The end-to-end suite").`,
    );
  const get = async (pathname: string) => {
    try {
      return await fetch(`${bank.issuer}${pathname}`);
    } catch (error) {
      throw problem(`${pathname} does not answer (${error instanceof Error ? error.message : error})`);
    }
  };
  if (!(await get('/.well-known/openid-configuration')).ok) throw problem('no OAuth discovery document');
  const users = await get('/qa/api/users');
  if (!users.ok) throw problem(`its QA API answers ${users.status} (it answers loopback callers only)`);
  const { users: list } = (await users.json()) as { users: { loginId: string }[] };
  const missing = USERS_THE_SUITE_NEEDS.filter((id) => !list.some((u) => u.loginId === id));
  if (missing.length > 0) throw problem(`the seeded test users ${missing.join(', ')} are missing`);
  const certificate = path.join(bank.certDir, 'CORP0002.crt');
  if (!fs.existsSync(certificate))
    throw problem(`no client certificate at ${certificate} (E2E_BANK_CERT_DIR)`);
}
