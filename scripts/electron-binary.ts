import fs from 'node:fs';
import path from 'node:path';

const ELECTRON_PACKAGE = path.resolve(import.meta.dirname, '..', 'node_modules', 'electron');

/**
 * The Electron executable that `npm install` downloaded, or undefined when it could not (no internet
 * at install time, as on our build machines). Read from the electron package's path.txt without
 * calling `require('electron')`, which would try the download again and wait on the network.
 */
export function electronBinary(): string | undefined {
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(ELECTRON_PACKAGE, 'dist');
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(distDir, fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : undefined;
}

export const NO_ELECTRON_MESSAGE =
  "Electron's binary is not installed on this machine (npm downloads it on install when there is internet access); " +
  'run `npm run start:browser` for the same app in your browser.';
