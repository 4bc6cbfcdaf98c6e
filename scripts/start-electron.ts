/**
 * `npm start`: builds the UI and the Electron main process, then runs the app. Where the Electron
 * binary is missing it says so in one line and points to the browser shell, before building anything.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary, NO_ELECTRON_MESSAGE } from './electron-binary.ts';

const binary = electronBinary();
if (!binary) {
  console.error(NO_ELECTRON_MESSAGE);
  process.exit(1);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const script of ['build:renderer', 'build:electron']) {
  const built = spawnSync(npm, ['run', '--silent', script], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const root = path.resolve(import.meta.dirname, '..');
const run = spawnSync(binary, [path.join(root, 'dist', 'electron', 'main.js')], { stdio: 'inherit' });
process.exit(run.status ?? 0);
