/**
 * `npm start`: makes sure Electron's binary is there (downloading it once, within a time limit,
 * where it is missing), builds the UI and the Electron main process, then runs the app. When the
 * binary cannot be had it says in one line what failed and points to the browser shell, before
 * building anything.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureElectron } from './electron-binary.ts';

const electron = await ensureElectron({
  onDownload: (url) => console.log(`Downloading Electron's binary (about 100 MB, once) from ${url} …`),
});
if ('message' in electron) {
  console.error(electron.message);
  process.exit(1);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const script of ['build:renderer', 'build:electron']) {
  const built = spawnSync(npm, ['run', '--silent', script], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const root = path.resolve(import.meta.dirname, '..');
const run = spawnSync(electron.binary, [path.join(root, 'dist', 'electron', 'main.js')], {
  stdio: 'inherit',
});
process.exit(run.status ?? 0);
