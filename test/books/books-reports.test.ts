import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueLine } from '../../shared/ipc/books-contract.ts';
import type { TrialBalanceView } from '../../shared/ipc/reports-contract.ts';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { ReportQueries } from '../../main/store/books/report-queries.ts';
import { ChromiumCustomer } from '../support/chromium-customer.ts';
import { ledgerAccounts, ledgerStatement, type StatementLine } from '../support/bank-statement.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';

/**
 * The reports over CORP0001's two accounts synced from the real bank into a real SQLite file:
 * opening balances as of 2026-01-01 taken from the bank's own balances, the 2026 lines of both
 * accounts registered (入金 → 雑収入, 出金 → 雑費) plus a few by hand; then the 試算表 against a
 * recomputation from what was registered, the 元帳's running balance, and 残高照合 finding a line
 * the sync missed and one it doubled.
 */
let bank: TestBank;
let app: TestCore;
let accounts: {
  id: string;
  bankAccountId: string;
  label: string;
  titleCode: string;
  lines: StatementLine[];
}[];
const START = '2026-01-01';
const signed = (l: { type: string; amount: number }) => (l.type === '1' ? l.amount : -l.amount);

beforeAll(async () => {
  bank = await startTestBank();
  const customer = await ChromiumCustomer.launch(bank);
  let done: Promise<unknown> = Promise.resolve();
  app = await startTestCore(bank, { openExternal: async (url) => void (done = customer.linkCorporate(url)) });
  await app.call('connections:connect', { channel: 'corporate' });
  await done;
  await customer.close();
  await app.call('sync:run', {});
  const chart = await app.call('books:chart-get');
  accounts = ledgerAccounts(app.dataDir).map((a) => {
    const title = chart.titles.find((t) => t.bankAccounts.some((b) => b.bankAccountId === a.bankAccountId))!;
    const label = title.bankAccounts.find((b) => b.bankAccountId === a.bankAccountId)!.name;
    return { ...a, label, titleCode: title.code, lines: ledgerStatement(app.dataDir, a.bankAccountId) };
  });
}, 180_000);
afterAll(async () => {
  await app?.dispose();
  await bank?.dispose();
});

/** The bank's balance at the end of 2025: the last line's before 2026, else the first's before it. */
const balanceBefore = (lines: readonly StatementLine[], date: string) => {
  const before = lines.filter((l) => l.transactionDate < date).at(-1);
  if (before) return before.balance;
  return lines[0]!.balance - signed(lines[0]!);
};

async function unreviewed(): Promise<QueueLine[]> {
  const all: QueueLine[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await app.call('books:queue-query', { status: 'unreviewed', offset, limit: 500 });
    all.push(...page.rows);
    if (page.rows.length < 500) return all;
  }
}

const RECEIVABLE = 250_000;
const PAYABLE = 80_000;

describe('opening balances (期首残高)', () => {
  it('refuses debits that differ from credits with BOOKS_OPENING_UNBALANCED and saves nothing', async () => {
    await expect(
      app.call('reports:opening-balances-save', {
        asOf: START,
        rows: [
          { titleCode: 'receivables', debit: 1000, credit: 0 },
          { titleCode: 'owner_contribution', debit: 0, credit: 999 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'BOOKS_OPENING_UNBALANCED' });
    expect(await app.call('reports:opening-balances-get')).toEqual({
      asOf: null,
      rows: [],
      debitTotal: 0,
      creditTotal: 0,
    });
  });

  it('saves the bank accounts’ balances at the start as 普通預金/当座預金 by 補助科目, balanced by 事業主借', async () => {
    const banks = accounts.map((a) => ({
      titleCode: a.titleCode,
      subTitle: a.label,
      debit: balanceBefore(a.lines, START),
      credit: 0,
    }));
    const debit = banks.reduce((s, b) => s + b.debit, 0) + RECEIVABLE;
    const saved = await app.call('reports:opening-balances-save', {
      asOf: START,
      rows: [
        ...banks,
        { titleCode: 'receivables', debit: RECEIVABLE, credit: 0 },
        { titleCode: 'payables', debit: 0, credit: PAYABLE },
        { titleCode: 'owner_contribution', debit: 0, credit: debit - PAYABLE },
      ],
    });
    expect(saved.asOf).toBe(START);
    expect(saved.debitTotal).toBe(debit);
    expect(saved.creditTotal).toBe(debit);
  });

  it('refuses to register a line dated before the opening balances (BOOKS_DATE_BEFORE_OPENING), writing nothing', async () => {
    const early = (await unreviewed()).find((l) => l.date < START)!;
    await expect(
      app.call('books:lines-register', {
        lines: [{ accountId: early.accountId, itemKey: early.itemKey }],
        titleCode: 'misc_expense',
        taxCode: 'none',
      }),
    ).rejects.toMatchObject({ code: 'BOOKS_DATE_BEFORE_OPENING' });
    expect((await app.call('books:entries-query', { offset: 0, limit: 10 })).total).toBe(0);
  });
});

/** What the books should hold, recomputed from what was registered: per title, debit and credit. */
const expected = new Map<string, { debit: number; credit: number }>();
const book = (title: string, debit: number, credit: number) => {
  const t = expected.get(title) ?? { debit: 0, credit: 0 };
  expected.set(title, { debit: t.debit + debit, credit: t.credit + credit });
};

describe('the 残高試算表', () => {
  beforeAll(async () => {
    const lines = (await unreviewed()).filter((l) => l.date >= START && l.date <= '2026-12-31');
    for (let i = 0; i < lines.length; i += 1000) {
      const chunk = lines.slice(i, i + 1000).map((l) => ({ accountId: l.accountId, itemKey: l.itemKey }));
      await app.call('books:lines-register', { lines: chunk, titleCode: 'misc_income', taxCode: 'sales10' });
      await app.call('books:lines-register', {
        lines: chunk,
        titleCode: 'misc_expense',
        taxCode: 'purchase10',
      });
    }
    for (const l of lines) {
      const bankTitle = accounts.find((a) => a.id === l.accountId)!.titleCode;
      if (l.type === '1') {
        book(bankTitle, l.amount, 0);
        book('misc_income', 0, l.amount);
      } else {
        book('misc_expense', l.amount, 0);
        book(bankTitle, 0, l.amount);
      }
    }
  }, 120_000);

  it('has every title of the year as recomputed by hand, with the opening balances carried, and balances', async () => {
    const tb = await app.call('reports:trial-balance-get', { dateFrom: START, dateTo: '2026-12-31' });
    const rows = tb.sections.flatMap((s) => s.rows);
    const opening = new Map<string, number>();
    for (const r of (await app.call('reports:opening-balances-get')).rows)
      opening.set(r.titleCode, (opening.get(r.titleCode) ?? 0) + r.debit - r.credit);
    const titles = new Set([...expected.keys(), ...opening.keys()]);
    expect(new Set(rows.map((r) => r.titleCode))).toEqual(titles);
    for (const code of titles) {
      const row = rows.find((r) => r.titleCode === code)!;
      const moved = expected.get(code) ?? { debit: 0, credit: 0 };
      const sign = row.side === 'debit' ? 1 : -1;
      expect(row, code).toMatchObject({
        carry: sign * (opening.get(code) ?? 0) + 0,
        debit: moved.debit,
        credit: moved.credit,
        balance: sign * ((opening.get(code) ?? 0) + moved.debit - moved.credit) + 0,
      });
    }
    expectBalanced(tb);
    expect(
      tb.sections
        .find((s) => s.section === 'pl')!
        .rows.map((r) => r.titleCode)
        .sort(),
    ).toEqual(['misc_expense', 'misc_income']);
  });

  it('carries what came before a later period as 前月繰越 (P/L titles from the fiscal year’s start) and still balances', async () => {
    const tb = await app.call('reports:trial-balance-get', { dateFrom: '2026-04-01', dateTo: '2026-06-30' });
    const year = await app.call('reports:trial-balance-get', { dateFrom: START, dateTo: '2026-06-30' });
    const q1 = await app.call('reports:trial-balance-get', { dateFrom: START, dateTo: '2026-03-31' });
    for (const row of tb.sections.flatMap((s) => s.rows)) {
      const whole = year.sections.flatMap((s) => s.rows).find((r) => r.titleCode === row.titleCode)!;
      const before = q1.sections.flatMap((s) => s.rows).find((r) => r.titleCode === row.titleCode);
      expect(row.carry, row.titleCode).toBe(before?.balance ?? 0);
      expect(row.balance, row.titleCode).toBe(whole.balance);
    }
    expectBalanced(tb);
  });

  it('writes the 試算表 as UTF-8 CSV with a BOM that reads back to its rows', async () => {
    const file = await app.call('reports:trial-balance-export', { dateFrom: START, dateTo: '2026-12-31' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('区分,勘定科目,貸借,前月繰越,借方,貸方,残高');
    const tb = await app.call('reports:trial-balance-get', { dateFrom: START, dateTo: '2026-12-31' });
    expect(lines).toHaveLength(1 + tb.sections.flatMap((s) => s.rows).length + 2);
    expect(lines.some((l) => l.startsWith('損益計算書,雑費,借方,0,'))).toBe(true);
  });
});

function expectBalanced(tb: TrialBalanceView) {
  expect(tb.totals.debit).toBe(tb.totals.credit);
  expect(tb.totals.balanceDebit).toBe(tb.totals.balanceCredit);
  expect(tb.totals.carryDebit).toBe(tb.totals.carryCredit);
  expect(tb.balanced).toBe(true);
}

describe('the 総勘定元帳', () => {
  it('gives each line its running balance from the opening balance, page after page, ending on the 試算表’s balance', async () => {
    const a = accounts[0]!;
    const q = { titleCode: a.titleCode, subTitle: a.label, dateFrom: START, dateTo: '2026-12-31' };
    const first = await app.call('reports:ledger-query', { ...q, offset: 0, limit: 50 });
    const rest = [];
    for (let offset = 50; offset < first.total; offset += 700)
      rest.push(...(await app.call('reports:ledger-query', { ...q, offset, limit: 700 })).rows);
    expect(first.carry).toBe(balanceBefore(a.lines, START));
    let balance = first.carry;
    for (const row of [...first.rows, ...rest]) {
      balance += row.debit - row.credit;
      expect(row.balance).toBe(balance);
      expect(row.counterName).toBe(row.debit > 0 ? '雑収入' : '雑費');
    }
    expect(first.rows.length + rest.length).toBe(first.total);
    expect(balance).toBe(first.closing);
    // Past the last page: no rows, the same totals.
    const past = await app.call('reports:ledger-query', { ...q, offset: first.total, limit: 10 });
    expect(past).toMatchObject({
      rows: [],
      total: first.total,
      closing: first.closing,
      debitTotal: first.debitTotal,
    });
    // The bank's own balance on the last line of the year: every line is registered.
    expect(balance).toBe(a.lines.filter((l) => l.transactionDate <= '2026-12-31').at(-1)!.balance);
  });
});

describe('残高照合', () => {
  it('finds nothing unexplained when every line is registered and the opening balances are the bank’s', async () => {
    const view = await app.call('reports:reconciliation-get');
    for (const a of view.accounts) {
      expect(a.unexplained, a.label).toBe(0);
      expect(a.changes).toEqual([]);
    }
  });

  it('finds a line the sync missed and one it doubled, on their dates, with the lines around them', async () => {
    const a = accounts[0]!;
    const lines2026 = a.lines.filter((l) => l.transactionDate >= START);
    const missed = lines2026[10]!;
    const doubled = lines2026.find((l) => l.transactionDate > lines2026[40]!.transactionDate)!;
    // The missed line: never synced, so never booked — its entry goes back to 未処理 and the row goes.
    await app.call('books:lines-reopen', { lines: [{ accountId: a.id, itemKey: missed.itemKey }] });
    const db = new Database(path.join(app.dataDir, DATABASE_FILE));
    db.prepare('DELETE FROM transactions WHERE account_id = ? AND item_key = ?').run(
      Number(a.id),
      missed.itemKey,
    );
    const copy = db
      .prepare('SELECT * FROM transactions WHERE account_id = ? AND item_key = ?')
      .get(Number(a.id), doubled.itemKey) as Record<string, unknown>;
    db.prepare(
      `INSERT INTO transactions (account_id, item_key, seq, transaction_date, value_date, type, amount, remarks, remarks_folded, balance)
       VALUES (@account_id, 'doubled-1', @seq, @transaction_date, @value_date, @type, @amount, @remarks, @remarks_folded, @balance)`,
    ).run({ ...copy, seq: copy.seq as number });
    db.close();
    const view = await app.call('reports:reconciliation-get');
    const account = view.accounts.find((x) => x.accountId === a.id)!;
    expect(account.changes.map((c) => [c.date, c.unexplained])).toEqual([
      [missed.transactionDate, signed(missed)],
      [doubled.transactionDate, signed(missed) - signed(doubled)],
    ]);
    expect(account.unexplained).toBe(signed(missed) - signed(doubled));
    expect(account.around.filter((l) => l.chainBreak)).toHaveLength(1);
    expect(account.around.some((l) => l.date === missed.transactionDate)).toBe(true);
    expect(view.accounts.find((x) => x.accountId !== a.id)!.unexplained).toBe(0);
  });

  it('reads the bank’s days from the totals as a scan of every row gives them, lines registered or not', async () => {
    // Some lines 未処理 again, so that a day holds both kinds.
    const a = accounts[1]!;
    const reopened = a.lines.filter((l) => l.transactionDate >= START).filter((_, i) => i % 7 === 0);
    await app.call('books:lines-reopen', {
      lines: reopened.map((l) => ({ accountId: a.id, itemKey: l.itemKey })),
    });
    const db = new Database(path.join(app.dataDir, DATABASE_FILE), { readonly: true });
    try {
      // The query bankDays ran before it read the totals: every row, its review looked up.
      const scan = db.prepare(
        `SELECT t.transaction_date AS date,
           (SELECT l.balance FROM transactions l WHERE l.account_id = t.account_id
              AND l.transaction_date = t.transaction_date ORDER BY l.seq DESC LIMIT 1) AS bankBalance,
           sum(CASE WHEN r.status = 'registered' THEN 0 WHEN t.type = '1' THEN t.amount ELSE -t.amount END)
             AS notBookedNet
         FROM transactions t JOIN accounts a ON a.id = t.account_id
         LEFT JOIN line_reviews r ON r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key
         WHERE t.account_id = @account AND (@since IS NULL OR t.transaction_date >= @since)
         GROUP BY t.transaction_date ORDER BY t.transaction_date`,
      );
      const reports = new ReportQueries(db);
      for (const account of accounts) {
        for (const since of [null, START, '2026-03-15']) {
          const expected = scan.all({ account: Number(account.id), since });
          expect(expected.length).toBeGreaterThan(0);
          expect(reports.bankDays(Number(account.id), since), `${account.id} ${since}`).toEqual(expected);
        }
      }
      expect(
        scan
          .all({ account: Number(a.id), since: START })
          .some((d) => (d as { notBookedNet: number }).notBookedNet !== 0),
      ).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe('自動登録 and the opening balances', () => {
  it('leaves the lines dated before the opening balances 未処理 and registers none of them', async () => {
    const fee = (await app.call('books:rules-list')).find((r) => r.keyword === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ')!;
    const { id, keyword, match, type, titleCode, taxCode, memo, counterparty } = fee;
    await app.call('books:rules-save', {
      id,
      keyword,
      match,
      type,
      titleCode,
      taxCode,
      memo,
      counterparty,
      action: 'auto',
    });
    const before = (await unreviewed()).filter((l) => l.remarks === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' && l.date < START);
    expect(before.length).toBeGreaterThan(0);
    await app.call('books:rules-apply');
    const after = (await unreviewed()).filter((l) => l.remarks === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' && l.date < START);
    expect(after.map((l) => l.itemKey)).toEqual(before.map((l) => l.itemKey));
    expect((await app.call('books:entries-query', { dateTo: '2025-12-31', offset: 0, limit: 1 })).total).toBe(
      0,
    );
  });
});
