import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { combineHandlers, type HandlersByDomain } from '../../main/handlers/combine-handlers.ts';
import { dispatch } from '../../main/ipc-dispatch.ts';
import { IPC_CHANNELS, IPC_DOMAINS, IPC_VERBS } from '../../shared/ipc/channels.ts';
import { IPC_ARGS } from '../../shared/ipc/contract.ts';

/**
 * The IPC contract's shape, as docs/architecture.md states it: every channel reads
 * `domain:verb` or `domain:thing-verb` in kebab-case, each domain has one contract file and one
 * handler map, and every channel has exactly one schema and one handler.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOMAINS = Object.keys(IPC_DOMAINS);

/** Where a domain's handler map lives: beside its own folder in main/ if it has one, else main/handlers/. */
const handlerFilesOf = (domain: string) =>
  [`main/${domain}/${domain}-handlers.ts`, `main/handlers/${domain}-handlers.ts`].filter((file) =>
    fs.existsSync(path.join(ROOT, file)),
  );

describe('IPC channel names', () => {
  it.each(IPC_CHANNELS)('%s reads domain:verb or domain:thing-verb, in kebab-case', (channel) => {
    expect(channel).toMatch(/^[a-z]+:(?:[a-z]+-)*[a-z]+$/);
    const verb = channel.split(/[:-]/).at(-1)!;
    expect(IPC_VERBS, `${channel} ends in a verb of IPC_VERBS`).toContain(verb);
  });

  it('the names before the split into domains answer as unknown channels', async () => {
    const old = [
      'ledger:accounts',
      'ledger:account-groups',
      'ledger:transactions',
      'books:addTitle',
      'journal:queue',
    ];
    for (const channel of old)
      expect(await dispatch(core.handlers, channel, undefined)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', detail: 'unknown channel' },
      });
  });
});

describe('one contract file and one handler map per domain', () => {
  it.each(DOMAINS)('%s: its contract file holds the schemas of exactly its channels', async (domain) => {
    const contract = (await import(`../../shared/ipc/${domain}-contract.ts`)) as Record<string, unknown>;
    const argNames = Object.keys(contract).filter((name) => name.endsWith('_ARGS'));
    expect(argNames).toEqual([`${domain.toUpperCase()}_ARGS`]);
    const own = IPC_CHANNELS.filter((channel) => channel.startsWith(`${domain}:`));
    expect(Object.keys(contract[argNames[0]!] as object).sort()).toEqual([...own].sort());
  });

  it.each(DOMAINS)('%s: its handler map is one file, <domain>-handlers.ts', (domain) => {
    expect(handlerFilesOf(domain)).toHaveLength(1);
  });

  it('the combined contract has one schema for every channel and none besides', () => {
    expect(Object.keys(IPC_ARGS).sort()).toEqual([...IPC_CHANNELS].sort());
  });
});

let core: AppCore;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-ipc-'));
  core = await createAppCore({
    dataDir,
    shell: 'browser',
    openExternal: async () => {},
    // Nothing here links, so the keyring is never written; its own service name all the same.
    vault: new KeytarVault('bankdemo-test-ipc-channels'),
    syncIntervalMs: 0,
  });
});
afterAll(async () => {
  await core?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('every channel has exactly one handler', () => {
  it("the core's combined handlers answer every channel and nothing else", () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  const maps = (): HandlersByDomain => {
    const byDomain: Record<string, Record<string, unknown>> = {};
    for (const domain of DOMAINS)
      byDomain[domain] = Object.fromEntries(
        Object.entries(core.handlers).filter(([channel]) => channel.startsWith(`${domain}:`)),
      );
    return byDomain as unknown as HandlersByDomain;
  };

  it('combining refuses a domain map that answers another domain’s channel', () => {
    const planted = maps();
    (planted.accounts as Record<string, unknown>)['statements:query'] = core.handlers['statements:query'];
    expect(() => combineHandlers(planted)).toThrow(/accounts handlers answer statements:query/);
  });

  it('combining refuses a channel no domain answers', () => {
    const planted = maps();
    delete (planted.books as Record<string, unknown>)['books:export'];
    expect(() => combineHandlers(planted)).toThrow(/no handler for books:export/);
  });
});
