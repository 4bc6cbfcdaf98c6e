import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates.ts';
import { seedCustomers } from '../../simulator/customers/customer-store.ts';
import { SEED_PASSWORD_HASHES } from '../../simulator/customers/seed-password-hashes.ts';
import { openBankDatabase, type BankDatabase } from '../../simulator/db/database.ts';
import { sqlitePort } from '../../simulator/db/sqlite-port.ts';
import {
  dayFacts,
  generateDay,
  MARKETPLACE_MOVEMENTS_A_DAY,
  OPENING_BALANCE,
  type AccountProfile,
} from '../../simulator/ledger/history-generator.ts';
import { createLedgerStore, HISTORY_START } from '../../simulator/ledger/ledger-store.ts';
import { matchTransfers } from '../../main/books/transfer-matcher.ts';
import { MAX_PAGES_PER_RUN } from '../../main/sync/run-guard.ts';
import { TRANSACTIONS_PAGE_SIZE } from '../../shared/bank/api-types.ts';
import { DEFAULT_BANK } from '../../simulator/config.ts';
import { seededRandom } from '../../simulator/ledger/seeded-random.ts';

const dirs: string[] = [];
async function seededDb(): Promise<BankDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-ledger-'));
  dirs.push(dir);
  const db = openBankDatabase(dir);
  await seedCustomers(sqlitePort(db), DEFAULT_BANK.branches);
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
    'marketplace-takings',
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

  it('marketplace-takings: some 1,000,000 rows over the 730 days a bank serves, never below zero', () => {
    let [rows, balance] = [0, OPENING_BALANCE['marketplace-takings']];
    for (let i = 0; i < 730; i++) {
      const date = addDays('2024-12-08', i);
      const day = generateDay('marketplace-takings', date, balance, seededRandom('s', 'm', date));
      rows += day.length;
      for (const t of day) balance += t.type === 'deposit' ? t.amount : -t.amount;
      expect(balance).toBeGreaterThanOrEqual(0);
    }
    expect(rows).toBeGreaterThan(990_000);
    expect(rows).toBeLessThanOrEqual(MARKETPLACE_MOVEMENTS_A_DAY * 730);
    // Within the pages the desktop app takes in one run, or its first sync would end in an error.
    expect(Math.ceil(rows / TRANSACTIONS_PAGE_SIZE)).toBeLessThanOrEqual(MAX_PAGES_PER_RUN);
  });

  it('differs with another seed', () => {
    const day = (seed: string) =>
      generateDay('bulk-retail', '2026-03-02', 1e9, seededRandom(seed, 'x', '2026-03-02'));
    expect(day('one')).not.toEqual(day('two'));
  });
});

describe('the ledger', () => {
  it('is identical in two banks with the same seed', async () => {
    const [a, b] = [
      createLedgerStore(sqlitePort(await seededDb()), 'same'),
      createLedgerStore(sqlitePort(await seededDb()), 'same'),
    ];
    await a.ensureThrough('2025-01-31');
    await b.ensureThrough('2025-01-31');
    const range = (await a.seqRange('002019000001', '2025-01-01', '2025-01-31'))!;
    expect(await a.rows('002019000001', range.first, range.last, 5000)).toEqual(
      await b.rows('002019000001', range.first, range.last, 5000),
    );
  });

  it('gains the next day’s transactions when the day comes, continuing the balance', async () => {
    const ledger = createLedgerStore(sqlitePort(await seededDb()), 'demo');
    await ledger.ensureThrough('2025-03-10');
    const before = (await ledger.balances('002019000001', '2025-03-10')).balance;
    expect(await ledger.seqRange('002019000001', '2025-03-11', '2025-03-11')).toBeUndefined();
    await ledger.ensureThrough('2025-03-11');
    const range = (await ledger.seqRange('002019000001', '2025-03-11', '2025-03-11'))!;
    const rows = await ledger.rows('002019000001', range.first, range.last, 1000);
    expect(rows.length).toBeGreaterThan(100);
    const first = rows[0]!;
    expect(first.balance).toBe(before + (first.type === '1' ? first.amount : -first.amount));
  });
});

describe('balances kept in memory (one bank process on its SQLite file)', () => {
  it('answers at once, without a promise, once read, and follows a posting', async () => {
    const ledger = createLedgerStore(sqlitePort(await seededDb()), 'demo');
    expect(ledger.ensureThrough('2025-03-10')).toBeInstanceOf(Promise);
    await ledger.ensureThrough('2025-03-10');
    expect(ledger.ensureThrough('2025-03-10')).toBeUndefined();
    const read = await ledger.balances('002019000001', '2025-03-10');
    const kept = ledger.balances('002019000001', '2025-03-10');
    expect(kept).not.toBeInstanceOf(Promise);
    expect(kept).toEqual(read);
    await ledger.post('002019000001', '2025-03-10', [{ type: 'deposit', amount: 1234, remarks: 'ﾃｽﾄ' }]);
    expect(ledger.balances('002019000001', '2025-03-10')).toEqual({ ...read, balance: read.balance + 1234 });
    // A new day's closing balances are read again, once.
    await ledger.ensureThrough('2025-03-11');
    const nextDay = ledger.balances('002019000001', '2025-03-11');
    expect(nextDay).toBeInstanceOf(Promise);
    expect((await nextDay).previousDayBalance).toBe(read.balance + 1234);
  });

  it('reads the database every time where other processes share it', async () => {
    const ledger = createLedgerStore(sqlitePort(await seededDb(), true), 'demo');
    await ledger.ensureThrough('2025-03-10');
    await ledger.balances('002019000001', '2025-03-10');
    expect(ledger.ensureThrough('2025-03-10')).toBeInstanceOf(Promise);
    expect(ledger.balances('002019000001', '2025-03-10')).toBeInstanceOf(Promise);
  });
});

describe('seeding', () => {
  it('adds test users missing from an older data folder and leaves the others as they are', async () => {
    const db = await seededDb();
    const hashOf = (loginId: string) =>
      (
        db.prepare('SELECT password_hash AS h FROM customers WHERE login_id = ?').get(loginId) as {
          h: string;
        }
      ).h;
    // A customer already there keeps what the folder holds (a password changed since, here), even
    // though the seed now carries a precomputed hash for them.
    db.prepare("UPDATE customers SET password_hash = 'scrypt$kept' WHERE login_id = 'CORP0001'").run();
    const before = hashOf('CORP0001');
    // A data folder made before CORP0003 was a test user.
    db.prepare("DELETE FROM holdings WHERE customer_id = 'C-CORP0003'").run();
    db.prepare("DELETE FROM accounts WHERE customer_id = 'C-CORP0003'").run();
    db.prepare("DELETE FROM customers WHERE id = 'C-CORP0003'").run();

    await seedCustomers(sqlitePort(db), DEFAULT_BANK.branches);

    expect(hashOf('CORP0001')).toBe(before);
    expect(hashOf('CORP0003')).toBe(SEED_PASSWORD_HASHES.CORP0003);
    const holdings = db
      .prepare(
        "SELECT id, account_type_code AS type FROM holdings WHERE customer_id = 'C-CORP0003' ORDER BY position",
      )
      .all();
    expect(holdings).toEqual([
      { id: '002115003002', type: '11' },
      { id: '002515003003', type: '51' },
    ]);
    db.close();
  });

  it('prints a counter row with no 摘要 now and then on the newer users’ accounts only', () => {
    const days = Array.from({ length: 120 }, (_, i) => addDays('2025-01-06', i));
    const unmarked = (profile: AccountProfile) =>
      days
        .flatMap((d) => generateDay(profile, d, 5_000_000, seededRandom('s', 'a', d)))
        .filter((t) => t.remarks === '').length;
    expect(unmarked('business-counter')).toBeGreaterThan(0);
    expect(unmarked('household-counter')).toBeGreaterThan(0);
    for (const profile of [
      'salary-earner',
      'household',
      'business',
      'business-current',
      'bulk-retail',
      'marketplace-takings',
    ] as const)
      expect(unmarked(profile)).toBe(0);
  });
});

describe('own-account transfers in the generated history', () => {
  const corp0001 = (db: BankDatabase) =>
    db
      .prepare(
        "SELECT id, account_type_code AS type FROM accounts WHERE customer_id = 'C-CORP0001' ORDER BY position",
      )
      .all() as { id: string; type: '01' | '02' }[];
  const statement = async (
    ledger: ReturnType<typeof createLedgerStore>,
    id: string,
    from: string,
    to: string,
  ) => {
    const range = await ledger.seqRange(id, from, to);
    return range ? await ledger.rows(id, range.first, range.last, 100_000) : [];
  };

  it('books both halves: each ¥1,000,000 leaving CORP0001’s 当座 arrives in its 普通 the same day', async () => {
    const db = await seededDb();
    const ledger = createLedgerStore(sqlitePort(db), 'demo');
    await ledger.ensureThrough('2026-11-30');
    const accounts = corp0001(db);
    const checking = accounts.find((a) => a.type === '02')!.id;
    const ordinary = accounts.find((a) => a.type === '01')!.id;
    const sent = (await statement(ledger, checking, HISTORY_START, '2026-11-30')).filter(
      (r) => r.remarks === 'ｺｳｻﾞﾌﾘｶｴ ﾌﾂｳﾖｷﾝ',
    );
    const arrived = (await statement(ledger, ordinary, HISTORY_START, '2026-11-30')).filter(
      (r) => r.remarks === 'ｺｳｻﾞﾌﾘｶｴ ﾄｳｻﾞﾖｷﾝ',
    );
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.every((r) => r.type === '2' && r.amount === 1_000_000)).toBe(true);
    expect(arrived.map((r) => [r.transactionDate, r.type, r.amount])).toEqual(
      sent.map((r) => [r.transactionDate, '1', r.amount]),
    );
    // The 普通 statement still adds up row by row with the arrivals in it.
    const rows = await statement(ledger, ordinary, HISTORY_START, '2026-11-30');
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i]!;
      expect(r.balance).toBe(rows[i - 1]!.balance + (r.type === '1' ? r.amount : -r.amount));
    }
    // What left the customer's accounts by transfer is what arrived: no money lost between them.
    expect(arrived.reduce((s, r) => s + r.amount, 0)).toBe(sent.reduce((s, r) => s + r.amount, 0));
  });

  it('gives the app’s transfer matcher real pairs', async () => {
    const db = await seededDb();
    const ledger = createLedgerStore(sqlitePort(db), 'demo');
    await ledger.ensureThrough('2026-06-30');
    const statements = await Promise.all(
      corp0001(db).map(async ({ id }) => ({
        id,
        rows: await statement(ledger, id, '2026-01-01', '2026-06-30'),
      })),
    );
    const lines = statements.flatMap(({ id, rows }) =>
      rows
        .filter((r) => r.amount === 1_000_000)
        .map((r) => ({
          accountId: id,
          itemKey: String(r.seq),
          date: r.transactionDate,
          type: r.type,
          amount: r.amount,
        })),
    );
    const pairs = matchTransfers(lines);
    // Month ends on a business day: 31 March, 30 April, 30 June.
    expect(pairs.map((p) => p.from.date)).toEqual(['2026-03-31', '2026-04-30', '2026-06-30']);
    for (const { from, to } of pairs) {
      expect(from.date).toBe(to.date);
      expect(from.accountId).not.toBe(to.accountId);
    }
  });

  it('leaves a data folder’s generated days as they are: an arrival on a day already made is not booked', async () => {
    const db = await seededDb();
    const ledger = createLedgerStore(sqlitePort(db), 'demo');
    await ledger.ensureThrough('2026-03-31');
    const accounts = corp0001(db);
    const checking = accounts.find((a) => a.type === '02')!.id;
    const ordinary = accounts.find((a) => a.type === '01')!.id;
    const ordinaryBefore = await statement(ledger, ordinary, HISTORY_START, '2026-03-31');
    // The 当座 behind the 普通 (as a folder made before could be): its March is made again.
    db.prepare("DELETE FROM transactions WHERE account_id = ? AND transaction_date >= '2026-03-01'").run(
      checking,
    );
    const last = db
      .prepare('SELECT seq, balance FROM transactions WHERE account_id = ? ORDER BY seq DESC LIMIT 1')
      .get(checking) as { seq: number; balance: number };
    db.prepare(
      "UPDATE ledger_state SET generated_through = '2026-02-28', last_seq = ?, balance = ? WHERE account_id = ?",
    ).run(last.seq, last.balance, checking);
    const again = createLedgerStore(sqlitePort(db), 'demo');
    await again.ensureThrough('2026-03-31');
    expect(await statement(again, ordinary, HISTORY_START, '2026-03-31')).toEqual(ordinaryBefore);
    expect(
      (await statement(again, checking, '2026-03-31', '2026-03-31')).some(
        (r) => r.remarks === 'ｺｳｻﾞﾌﾘｶｴ ﾌﾂｳﾖｷﾝ',
      ),
    ).toBe(true);
  });
});
