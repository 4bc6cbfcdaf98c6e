import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore } from '../../main/app-core.ts';
import { localBankProfile } from '../../main/bank-profiles.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { startLinkedCore } from '../support/unsynced-ledger.ts';

let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

describe('settings', () => {
  let app: TestCore;
  afterEach(async () => {
    await app?.dispose();
  });

  it('start as 日本語, every 15 minutes, with the built-in bank alone; changes outlive a restart', async () => {
    app = await startTestCore(bank, { openExternal: async () => {} });
    expect(await app.call('settings:get')).toEqual({
      language: 'ja',
      syncIntervalMinutes: 15,
      fiscalYearStartMonth: 1,
      profiles: [
        {
          id: 'local',
          name: 'デモ信用金庫',
          issuer: bank.issuer,
          clientId: 'bankdemo-desktop',
          apiBase: `${bank.issuer}/api/v1`,
          dialect: 'bankdemo',
          scopes: [
            { name: 'balances:read', grants: ['balances:read'] },
            { name: 'transactions:read', grants: ['transactions:read'] },
          ],
          builtIn: true,
        },
      ],
    });
    expect(await app.call('settings:update', { language: 'en' })).toMatchObject({
      language: 'en',
      syncIntervalMinutes: 15,
    });
    expect(await app.call('settings:update', { syncIntervalMinutes: 0 })).toMatchObject({
      language: 'en',
      syncIntervalMinutes: 0,
    });
    await app.restart();
    expect(await app.call('settings:get')).toMatchObject({ language: 'en', syncIntervalMinutes: 0 });
  });

  it('keep the fiscal year’s start month (1–12) across a restart and refuse a month that is not one', async () => {
    app = await startTestCore(bank, { openExternal: async () => {} });
    expect(await app.call('settings:update', { fiscalYearStartMonth: 4 })).toMatchObject({
      fiscalYearStartMonth: 4,
      syncIntervalMinutes: 15,
    });
    for (const month of [0, 13, 4.5])
      await expect(app.call('settings:update', { fiscalYearStartMonth: month })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    await app.restart();
    expect(await app.call('settings:get')).toMatchObject({ fiscalYearStartMonth: 4 });
  });

  it('refuses an interval that is not offered and a language the app does not have (INVALID_ARGUMENT)', async () => {
    app = await startTestCore(bank, { openExternal: async () => {} });
    await expect(app.call('settings:update', { syncIntervalMinutes: 7 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(app.call('settings:update', { language: 'fr' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await app.call('settings:get')).toMatchObject({ language: 'ja', syncIntervalMinutes: 15 });
  });
});

describe('the sync interval', () => {
  let app: TestCore;
  afterEach(async () => {
    vi.useRealTimers();
    await app?.dispose();
  });

  const MINUTE = 60_000;
  const count = (type: string) => app.events.filter((e) => e.type === type).length;
  /**
   * Moves the clock of the scheduler's timer on and returns how many syncs began meanwhile, once
   * they have finished (their HTTP runs on real time).
   */
  const after = async (minutes: number) => {
    const [started, finished] = [count('sync:started'), count('sync:finished')];
    vi.advanceTimersByTime(minutes * MINUTE);
    const began = count('sync:started') - started;
    while (count('sync:finished') < finished + began) await new Promise((r) => setTimeout(r, 20));
    return began;
  };

  it('a new interval takes effect at once on the running scheduler; 0 leaves the launch sync and syncs on demand', async () => {
    // Linked first, then reopened as the app runs: with background syncs on, as the user set them.
    app = await startLinkedCore(bank, 'CORP0001', 'Corp-Pass-1');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const reopen = async () => {
      await app.core.close();
      const from = app.events.length;
      app.core = await createAppCore({
        dataDir: app.dataDir,
        shell: 'browser',
        vault: app.vault,
        builtInProfile: { ...localBankProfile(bank.issuer), local: false },
        openExternal: async () => {},
      });
      app.core.onEvent((event) => app.events.push(event));
      // The launch sync; once it has finished no sync runs when the clock moves.
      while (!app.events.slice(from).some((e) => e.type === 'sync:finished')) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return app.events.slice(from).filter((e) => e.type === 'sync:started').length;
    };

    expect(await reopen()).toBe(1);
    await app.call('settings:update', { syncIntervalMinutes: 5 });
    expect(await after(4)).toBe(0);
    expect(await after(1)).toBe(1);
    expect(await after(5)).toBe(1);

    await app.call('settings:update', { syncIntervalMinutes: 60 });
    expect(await after(59)).toBe(0);
    expect(await after(1)).toBe(1);

    await app.call('settings:update', { syncIntervalMinutes: 0 });
    expect(await after(180)).toBe(0);
    expect(await reopen()).toBe(1);
    expect(await after(180)).toBe(0);
  });
});
