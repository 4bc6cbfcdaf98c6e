import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startShellServer, type ShellServer } from '../../main/browser-shell/shell-server.ts';
import { startTestCore, type TestCore } from './test-client-core.ts';

/**
 * The browser shell over a real core and a stand-in page (no renderer build, no bank: nothing here
 * links or syncs), started before the file's tests with `secret` and stopped after them. Call it at
 * the top of the file; `shell()` is the running server.
 */
export function bareShell(secret: string): { shell(): ShellServer } {
  let core: TestCore | undefined;
  let shell: ShellServer | undefined;
  let rendererDir: string | undefined;
  beforeAll(async () => {
    core = await startTestCore({ issuer: 'http://127.0.0.1:9' }, { openExternal: async () => {} });
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-renderer-'));
    fs.writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><head></head><body></body></html>',
    );
    shell = await startShellServer({ core: core.core, rendererDir, port: 0, secret });
  });
  afterAll(async () => {
    await shell?.close();
    await core?.dispose();
    if (rendererDir) fs.rmSync(rendererDir, { recursive: true, force: true });
  });
  return { shell: () => shell! };
}
