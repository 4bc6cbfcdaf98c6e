import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates.ts';
import { seedCustomers } from '../../simulator/customers/customer-store.ts';
import { openBankDatabase, type BankDatabase } from '../../simulator/db/database.ts';
import { dayFacts, generateDay, type AccountProfile } from '../../simulator/ledger/history-generator.ts';
import { createLedgerStore } from '../../simulator/ledger/ledger-store.ts';
import { DEFAULT_BANK } from '../../simulator/config.ts';
import { seededRandom } from '../../simulator/ledger/seeded-random.ts';

const dirs: string[] = [];
async function seededDb(): Promise<BankDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-ledger-'));
  dirs.push(dir);
  const db = openBankDatabase(dir);
  await seedCustomers(db, DEFAULT_BANK.branches);
  return db;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('calendar facts', () => {
  it.each([
    ['2026-10-23', { isPayday: true, isBusinessDay: true }], // the 25th is a Sunday: paid on Friday
    ['2026-10-25', { isPayday: false, isBusinessDay: false }],
    ['2026-11-02', { isFirstBusinessDay: true }], // the 1st is a Sunday
    ['2026-11-30', { isMonthEnd: true }],
  ] as const)('%s', (date, expected) => expect(dayFacts(date)).toMatchObject(expected));
});

describe('a generated day', () => {
  const profiles: AccountProfile[] = [
    'salary-earner',
    'household',
    'business',
    'business-current',
    'bulk-retail',
  ];

  it.each(profiles)(
    '%s: is the same for the same seed, and never takes the balance below zero',
    (profile) => {
      for (let i = 0; i < 60; i++) {
        const date = addDays('2026-01-01', i);
        const a = generateDay(profile, date, 5_000, seededRandom('s', profile, date));
        const b = generateDay(profile, date, 5_000, seededRandom('s', profile, date));
        expect(a).toEqual(b);
        let balance = 5_000;
        for (const t of a) {
          expect(Number.isInteger(t.amount) && t.amount > 0).toBe(true);
          expect(t.remarks).toMatch(/^[\uFF61-\uFF9F A-Z()-]+$/);
          balance += t.type === 'deposit' ? t.amount : -t.amount;
          expect(balance).toBeGreaterThanOrEqual(0);
        }
      }
    },
  );

  it('differs with another seed', () => {
    const day = (seed: string) =>
      generateDay('bulk-retail', '2026-03-02', 1e9, seededRandom(seed, 'x', '2026-03-02'));
    expect(day('one')).not.toEqual(day('two'));
  });
});

describe('the ledger', () => {
  it('is identical in two banks with the same seed', async () => {
    const [a, b] = [createLedgerStore(await seededDb(), 'same'), createLedgerStore(await seededDb(), 'same')];
    a.ensureThrough('2025-01-31');
    b.ensureThrough('2025-01-31');
    const range = a.seqRange('002019000001', '2025-01-01', '2025-01-31')!;
    expect(a.rows('002019000001', range.first, range.last, 5000)).toEqual(
      b.rows('002019000001', range.first, range.last, 5000),
    );
  });

  it('gains the next day’s transactions when the day comes, continuing the balance', async () => {
    const ledger = createLedgerStore(await seededDb(), 'demo');
    ledger.ensureThrough('2025-03-10');
    const before = ledger.balances('002019000001', '2025-03-10').balance;
    expect(ledger.seqRange('002019000001', '2025-03-11', '2025-03-11')).toBeUndefined();
    ledger.ensureThrough('2025-03-11');
    const range = ledger.seqRange('002019000001', '2025-03-11', '2025-03-11')!;
    const rows = ledger.rows('002019000001', range.first, range.last, 1000);
    expect(rows.length).toBeGreaterThan(100);
    const first = rows[0]!;
    expect(first.balance).toBe(before + (first.type === '1' ? first.amount : -first.amount));
  });
});
