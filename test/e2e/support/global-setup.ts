import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { E2E_BANK_TARGET } from './e2e-target.ts';

/**
 * Builds the UI once for the whole run (each test's app serves dist/renderer), and afterwards
 * removes the data folder of the bank the suite started.
 */
export default function globalSetup(): () => void {
  execSync('npm run --silent build:renderer', { stdio: 'inherit' });
  return () => {
    const dataDir = E2E_BANK_TARGET.started?.dataDir;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
