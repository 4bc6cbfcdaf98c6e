/**
 * `npm run lint:electron`: Electronegativity's static checks of the Electron shell and the renderer.
 * It only advises (and is no longer maintained), so each finding we keep is listed below with why;
 * anything else fails the lint.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ELECTRON_VERSION = '45.4.1';
/** check → file:line-free reason it is accepted. Keep in step with README "Security". */
const REVIEWED: Record<string, string> = {
  PRELOAD_JS_CHECK:
    'the preload (main/electron/preload.ts) exposes only the IPC contract through contextBridge, never ipcRenderer',
  CSP_GLOBAL_CHECK:
    "csp-evaluator rates script-src 'self' as bypassable when the app's own origin serves JSONP or user uploads; app://bankdemo serves only the built renderer",
  OPEN_EXTERNAL_JS_CHECK:
    'openExternal opens only http(s) URLs on a configured bank issuer origin (isBankUrl), and only when the core asks',
};

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations?: Array<{
    physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } };
  }>;
}

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'node_modules', '.bin', 'electronegativity');
const unexpected: string[] = [];
// One run over both folders: its global checks (CSP, navigation, permissions) need the shell and the page together.
const input = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
for (const folder of ['main', 'renderer'])
  fs.cpSync(path.join(root, folder), path.join(input, folder), { recursive: true });
const report = path.join(input, 'findings.sarif');
try {
  execFileSync(bin, ['-i', input, '-r', '-v', 'false', '-e', ELECTRON_VERSION, '-o', report], {
    cwd: root,
    stdio: 'ignore',
  });
  const sarif = JSON.parse(fs.readFileSync(report, 'utf8')) as { runs: Array<{ results: SarifResult[] }> };
  for (const result of sarif.runs.flatMap((run) => run.results)) {
    const location = result.locations?.[0]?.physicalLocation;
    const where = `${location?.artifactLocation?.uri ?? '(whole app)'}:${location?.region?.startLine ?? 0}`;
    const reason = REVIEWED[result.ruleId];
    if (reason) console.log(`reviewed  ${result.ruleId} ${where} — ${reason}`);
    else unexpected.push(`${result.ruleId} ${where}: ${result.message.text}`);
  }
} finally {
  fs.rmSync(input, { recursive: true, force: true });
}
if (unexpected.length > 0) {
  console.error(`Electronegativity found what nobody has reviewed:\n  ${unexpected.join('\n  ')}`);
  process.exit(1);
}
console.log('electronegativity: no unreviewed findings in main/ and renderer/');
