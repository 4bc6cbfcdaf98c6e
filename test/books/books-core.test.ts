import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldKana } from '../../shared/kana.ts';
import type { LineRef, QueueLine } from '../../shared/ipc/books-contract.ts';
import { BUILT_IN_TITLES } from '../../main/books/chart.ts';
import { carried, chartLookup } from '../../main/books/export/export-entry.ts';
import { parseExportFile } from '../../main/books/export/export-file.ts';
import { DATABASE_FILE, openAppDatabase } from '../../main/store/app-database.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import { SyncStateStore } from '../../main/store/sync-state-store.ts';
import { ChromiumCustomer } from '../support/chromium-customer.ts';
import { ledgerAccounts, ledgerStatement } from '../support/bank-statement.ts';
import { qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { debitOf } from '../support/entry-sides.ts';

/**
 * The bookkeeping through the app core, on CORP0001's two accounts (普通 and 当座) synced from the
 * real bank: the queue, registration, rules, transfers, exports, and what a re-sync, a bank that
 * changes a line and 連携解除 do to the journal.
 */
let bank: TestBank;
let app: TestCore;
let connectionId: string;
let accounts: { id: string; bankAccountId: string }[];

beforeAll(async () => {
  bank = await startTestBank();
  const customer = await ChromiumCustomer.launch(bank);
  let done: Promise<unknown> = Promise.resolve();
  app = await startTestCore(bank, { openExternal: async (url) => void (done = customer.linkCorporate(url)) });
  connectionId = (await app.call('connections:connect', { channel: 'corporate' })).id;
  await done;
  await customer.close();
  await app.call('sync:run', {});
  accounts = ledgerAccounts(app.dataDir);
}, 120_000);
afterAll(async () => {
  await app?.dispose();
  await bank?.dispose();
});

const ref = (line: QueueLine): LineRef => ({ accountId: line.accountId, itemKey: line.itemKey });
const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );
const allLines = () =>
  accounts.flatMap((a) =>
    ledgerStatement(app.dataDir, a.bankAccountId).map((l) => ({ ...l, accountId: a.id })),
  );

async function findUnreviewed(predicate: (line: QueueLine) => boolean): Promise<QueueLine> {
  for (let offset = 0; ; offset += 500) {
    const page = await app.call('books:queue-query', { status: 'unreviewed', offset, limit: 500 });
    const found = page.rows.find(predicate);
    if (found) return found;
    if (page.rows.length < 500) throw new Error('no such unreviewed line');
  }
}

describe('the review queue', () => {
  it('lists every synced line as 未処理, newest first, in pages that neither overlap nor skip', async () => {
    const total = allLines().length;
    const first = await app.call('books:queue-query', { status: 'unreviewed', limit: 100 });
    expect(first.counts).toEqual({ unreviewed: total, registered: 0, ignored: 0 });
    expect(first.total).toBe(total);
    const second = await app.call('books:queue-query', { status: 'unreviewed', offset: 100, limit: 100 });
    const keys = [...first.rows, ...second.rows].map((l) => `${l.accountId}/${l.itemKey}`);
    expect(new Set(keys).size).toBe(200);
    const dates = [...first.rows, ...second.rows].map((l) => l.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('suggests a starter rule’s title for ﾌﾘｺﾐﾃｽｳﾘﾖｳ and names the rule, with 取引先 read from remarks elsewhere', async () => {
    const fee = await findUnreviewed((l) => l.remarks === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ');
    const rules = await app.call('books:rules-list');
    const starter = rules.find((r) => r.keyword === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ')!;
    expect(fee.suggestion).toMatchObject({
      ruleId: starter.id,
      titleCode: 'fees',
      taxCode: 'purchase10',
      reason: { ruleId: starter.id, match: 'exact' },
    });
    const transfer = await findUnreviewed((l) => l.remarks.startsWith('ﾌﾘｺﾐ '));
    expect(transfer.counterparty).toBe(transfer.remarks.slice('ﾌﾘｺﾐ '.length));
  });
});

describe('registering lines', () => {
  it('makes an entry with the account’s 預金 and 補助科目 on the bank side; two quick clicks register once', async () => {
    const line = await findUnreviewed((l) => l.type === '2' && l.remarks === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ');
    const choice = { lines: [ref(line)], titleCode: 'fees', taxCode: 'purchase10' };
    const [a, b] = await Promise.all([
      app.call('books:lines-register', choice),
      app.call('books:lines-register', choice),
    ]);
    expect(a.created + b.created).toBe(1);
    expect(a.entries[0]!.id).toBe(b.entries[0]!.id);
    expect(a.entries[0]).toMatchObject({
      date: line.date,
      amount: line.amount,
      lines: [
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: line.amount },
        {
          side: 'credit',
          titleCode: expect.stringMatching(/_deposit$/),
          subTitle: line.accountLabel,
          taxCode: 'none',
          amount: line.amount,
        },
      ],
      memo: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ',
    });
    const registered = await app.call('books:queue-query', { status: 'registered' });
    expect(registered.rows.map((l) => l.itemKey)).toContain(line.itemKey);
    expect((await app.call('books:entries-query', {})).total).toBe(1);
  });

  it('refuses to register a registered line otherwise (BOOKS_LINE_REGISTERED), and reopen makes it 未処理 again', async () => {
    const [line] = (await app.call('books:queue-query', { status: 'registered' })).rows;
    expect(
      await codeOf(
        app.call('books:lines-register', {
          lines: [ref(line!)],
          titleCode: 'misc_expense',
          taxCode: 'purchase10',
        }),
      ),
    ).toBe('BOOKS_LINE_REGISTERED');
    expect(await app.call('books:lines-reopen', { lines: [ref(line!)] })).toEqual({ count: 1 });
    expect((await app.call('books:entries-query', {})).total).toBe(0);
    await app.call('books:lines-register', { lines: [ref(line!)], titleCode: 'fees', taxCode: 'purchase10' });
  });

  it('offers a rule when no rule foresaw the choice, and the saved rule counts the past lines it matches', async () => {
    const line = await findUnreviewed((l) => l.remarks.startsWith('ｺｷﾞﾃ ｼﾊﾗｲ'));
    const result = await app.call('books:lines-register', {
      lines: [ref(line)],
      titleCode: 'payables',
      taxCode: 'none',
    });
    expect(result.offerRule).toMatchObject({
      keyword: line.counterparty,
      match: 'contains',
      type: '2',
      titleCode: 'payables',
    });
    const preview = await app.call('books:rules-preview', result.offerRule);
    const keyword = foldKana(line.counterparty);
    const expected = allLines().filter((l) => l.type === '2' && foldKana(l.remarks).includes(keyword)).length;
    expect(preview.matches).toBe(expected);
    expect(preview.samples.every((s) => s.remarks.includes(line.counterparty))).toBe(true);
    const saved = await app.call('books:rules-save', result.offerRule);
    const next = await findUnreviewed((l) => l.remarks === line.remarks);
    expect(next.suggestion).toMatchObject({ ruleId: saved.id, titleCode: 'payables' });
  });

  it('ignores a line (無視) and counts it apart', async () => {
    const line = await findUnreviewed((l) => l.type === '1');
    expect(await app.call('books:lines-ignore', { lines: [ref(line)] })).toEqual({ count: 1 });
    const queue = await app.call('books:queue-query', { status: 'ignored' });
    expect(queue.counts.ignored).toBe(1);
    expect(queue.rows[0]!.itemKey).toBe(line.itemKey);
  });
});

describe('rules', () => {
  const rule = {
    keyword: 'ﾃｶﾞﾀ',
    match: 'prefix',
    type: '1',
    titleCode: 'receivables',
    taxCode: 'none',
    action: 'suggest',
  } as const;

  it('refuses an empty or blank keyword (BOOKS_KEYWORD_INVALID) in preview and save', async () => {
    for (const keyword of ['', '  　']) {
      expect(await codeOf(app.call('books:rules-preview', { ...rule, keyword }))).toBe(
        'BOOKS_KEYWORD_INVALID',
      );
      expect(await codeOf(app.call('books:rules-save', { ...rule, keyword }))).toBe('BOOKS_KEYWORD_INVALID');
    }
  });

  it('refuses a second rule of the same condition (BOOKS_RULE_CONFLICT), however the keyword is typed', async () => {
    await app.call('books:rules-save', rule);
    expect(
      await codeOf(app.call('books:rules-save', { ...rule, keyword: 'てがた', titleCode: 'sales' })),
    ).toBe('BOOKS_RULE_CONFLICT');
  });

  it('lets a more specific rule overlap, and the preview says which wins and why', async () => {
    const preview = await app.call('books:rules-preview', {
      ...rule,
      keyword: 'ﾃｶﾞﾀ ｹﾂｻｲ',
      titleCode: 'sales',
      taxCode: 'sales10',
    });
    const saved = (await app.call('books:rules-list')).find((r) => r.keyword === 'ﾃｶﾞﾀ')!;
    expect(preview.overlaps).toContainEqual({
      ruleId: saved.id,
      keyword: 'ﾃｶﾞﾀ',
      winner: 'this',
      why: 'longer-keyword',
    });
  });

  it('自動登録 registers the lines it wins after a sync — also a new one — and a re-sync duplicates or changes nothing', async () => {
    const auto = await app.call('books:rules-save', {
      keyword: 'ｼﾔｶｲﾎｹﾝﾘﾖｳ',
      match: 'exact',
      type: '2',
      titleCode: 'legal_welfare',
      taxCode: 'none',
      action: 'auto',
    });
    const { registered } = await app.call('books:rules-apply');
    const expected = allLines().filter((l) => l.remarks === 'ｼﾔｶｲﾎｹﾝﾘﾖｳ').length;
    expect(registered).toBe(expected);
    const before = await app.call('books:entries-query', { limit: 1000 });

    const current = accounts[0]!;
    await qaPost(bank, `/qa/api/accounts/${current.bankAccountId}/transactions`, {
      items: [{ transactionType: '2', amount: 650_000, remarks: 'ｼﾔｶｲﾎｹﾝﾘﾖｳ' }],
    });
    await app.call('sync:run', {});
    await app.call('sync:run', {});
    const after = await app.call('books:entries-query', { limit: 1000 });
    expect(after.total).toBe(before.total + 1);
    expect(after.rows.filter((e) => before.rows.some((b) => b.id === e.id))).toEqual(before.rows);
    expect(after.rows.filter((e) => e.ruleId === auto.id)).toHaveLength(expected + 1);
    expect(app.events.some((e) => e.type === 'books:changed')).toBe(true);
  });
});

describe('own-account transfers', () => {
  it('pairs a 当座 出金 with the 普通 入金 of the same amount, and books them once', async () => {
    const [a, b] = accounts;
    await qaPost(bank, `/qa/api/accounts/${a!.bankAccountId}/transactions`, {
      items: [{ transactionType: '2', amount: 777_777, remarks: 'ﾌﾘｶｴ ﾃﾞﾓｼﾖｳｼﾞ' }],
    });
    await qaPost(bank, `/qa/api/accounts/${b!.bankAccountId}/transactions`, {
      items: [{ transactionType: '1', amount: 777_777, remarks: 'ﾌﾘｶｴ ﾃﾞﾓｼﾖｳｼﾞ' }],
    });
    await app.call('sync:run', {});
    const out = await findUnreviewed((l) => l.amount === 777_777 && l.type === '2');
    expect(out.transfer).toMatchObject({ accountId: b!.id });
    const to = { accountId: out.transfer!.accountId, itemKey: out.transfer!.itemKey };
    const entry = await app.call('books:transfers-register', { from: ref(out), to });
    expect(await app.call('books:transfers-register', { from: ref(out), to })).toEqual(entry);
    expect(entry).toMatchObject({
      source: 'transfer',
      amount: 777_777,
      lines: [
        { side: 'debit', subTitle: expect.any(String), amount: 777_777 },
        { side: 'credit', subTitle: out.accountLabel, amount: 777_777 },
      ],
    });
    const registered = (
      await app.call('books:queue-query', { status: 'registered', limit: 500 })
    ).rows.filter((l) => l.entryId === entry.id);
    expect(registered).toHaveLength(2);
  });
});

describe('a line the bank later changes', () => {
  it('is flagged on the line and its entry, and neither the ledger nor the entry is rewritten', async () => {
    const [line] = (await app.call('books:queue-query', { status: 'registered', limit: 1 })).rows;
    const account = accounts.find((a) => a.id === line!.accountId)!;
    const original = ledgerStatement(app.dataDir, account.bankAccountId).find(
      (l) => l.itemKey === line!.itemKey,
    )!;
    // The sync's own write path, as a later page from the bank would bring it.
    const db = openAppDatabase(app.dataDir);
    try {
      const cursor = new SyncStateStore(db).cursor(Number(account.id));
      new StatementWriter(db).writePage(
        Number(account.id),
        [
          {
            itemKey: original.itemKey,
            transactionDate: original.transactionDate,
            valueDate: original.transactionDate,
            transactionType: original.type as '1' | '2',
            amount: String(original.amount + 1),
            remarks: 'ﾍﾝｺｳｺﾞ',
            balance: String(original.balance),
          },
        ],
        { runDateFrom: cursor.runDateFrom ?? original.transactionDate, nextItemKey: cursor.nextItemKey },
      );
    } finally {
      db.close();
    }
    expect(
      ledgerStatement(app.dataDir, account.bankAccountId).find((l) => l.itemKey === line!.itemKey),
    ).toEqual(original);
    const flagged = (await app.call('books:queue-query', { status: 'registered', limit: 500 })).rows.find(
      (l) => l.itemKey === line!.itemKey && l.accountId === line!.accountId,
    )!;
    expect(flagged.changedAtBank).toEqual({
      date: original.transactionDate,
      type: original.type,
      amount: original.amount + 1,
      remarks: 'ﾍﾝｺｳｺﾞ',
    });
    const entry = (await app.call('books:entries-query', { limit: 1000 })).rows.find(
      (e) => e.id === flagged.entryId,
    )!;
    expect(entry).toMatchObject({ amount: original.amount, changedAtBank: true });
  });
});

describe('exports', () => {
  it('writes a 弥生 file of a date range whose entries read back as the journal’s', async () => {
    const entries = (await app.call('books:entries-query', { limit: 1000 })).rows;
    const dateFrom = entries[0]!.date;
    const dateTo = entries.at(-1)!.date;
    const file = await app.call('books:export', { target: 'yayoi', dateFrom, dateTo });
    expect(file.entries).toBe(entries.length);
    expect(file.files).toHaveLength(1);
    const parsed = parseExportFile(
      'yayoi',
      Buffer.from(file.files[0]!.base64!, 'base64'),
      chartLookup(BUILT_IN_TITLES),
    );
    expect(parsed).toEqual(entries.map(carried));
  });

  it('refuses a range without entries (BOOKS_EXPORT_EMPTY) and a title without the target’s name (BOOKS_TITLE_UNMAPPED)', async () => {
    expect(
      await codeOf(app.call('books:export', { target: 'mf', dateFrom: '2000-01-01', dateTo: '2000-12-31' })),
    ).toBe('BOOKS_EXPORT_EMPTY');
    const own = await app.call('books:titles-add', {
      name: '車両費',
      kind: 'expense',
      defaultTax: 'purchase10',
      labels: { yayoi: '車両費' },
    });
    const line = await findUnreviewed((l) => l.type === '2');
    await app.call('books:lines-register', {
      lines: [ref(line)],
      titleCode: own.code,
      taxCode: 'purchase10',
      memo: 'ガソリン代🚗',
    });
    const range = { dateFrom: line.date, dateTo: line.date };
    expect(await codeOf(app.call('books:export', { target: 'mf', ...range }))).toBe('BOOKS_TITLE_UNMAPPED');
    const yayoi = await app.call('books:export', { target: 'yayoi', ...range });
    expect(yayoi.warnings).toContainEqual(
      expect.objectContaining({ code: 'BOOKS_CHARS_REPLACED', field: 'memo', detail: '🚗 → 〓' }),
    );
  });
});

describe('仕訳帳 and the chart', () => {
  it('filters the journal by dates and by a title on either side', async () => {
    const all = (await app.call('books:entries-query', { limit: 1000 })).rows;
    const fees = await app.call('books:entries-query', { titleCode: 'fees' });
    expect(fees.rows.length).toBeGreaterThan(0);
    expect(fees.rows.every((e) => e.lines.some((l) => l.titleCode === 'fees'))).toBe(true);
    expect(fees.total).toBe(all.filter((e) => e.lines.some((l) => l.titleCode === 'fees')).length);
    const day = all[0]!.date;
    const oneDay = await app.call('books:entries-query', { dateFrom: day, dateTo: day });
    expect(oneDay.total).toBe(all.filter((e) => e.date === day).length);
  });

  it('adds the user’s 補助科目 to a title, beside the bank accounts the chart lists under 普通預金', async () => {
    const title = await app.call('books:sub-titles-add', { titleCode: 'payables', name: 'ﾄｳｶｲｼｻﾞｲ' });
    expect(title.subTitles).toContain('ﾄｳｶｲｼｻﾞｲ');
    const { titles } = await app.call('books:chart-get');
    expect(titles.find((x) => x.code === 'ordinary_deposit')!.subTitles[0]).toBe('本店営業部 5001001');
    expect(await codeOf(app.call('books:sub-titles-add', { titleCode: 'nope', name: 'x' }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('月次推移', () => {
  it('totals each title per month as the entries add up, and each account’s money in and out as the bank lines do', async () => {
    const monthly = await app.call('books:month-totals-get', {
      dateFrom: '2000-01-01',
      dateTo: '2099-12-31',
    });
    const entries = (await app.call('books:entries-query', { limit: 1000 })).rows;
    const legal = monthly.titles.find((t) => t.titleCode === 'legal_welfare')!;
    expect(legal.total).toBe(
      entries.filter((e) => debitOf(e).titleCode === 'legal_welfare').reduce((s, e) => s + e.amount, 0),
    );
    for (const account of monthly.accounts) {
      const lines = allLines().filter((l) => l.accountId === account.accountId);
      expect(account.deposits.reduce((a, b) => a + b, 0)).toBe(
        lines.filter((l) => l.type === '1').reduce((s, l) => s + l.amount, 0),
      );
      expect(account.balances.at(-1)).toBe(lines.at(-1)!.balance);
    }
  });
});

describe('連携解除 with the data deleted', () => {
  it('says how many entries came from the connection first, and keeps every journal entry', async () => {
    const before = await app.call('books:entries-query', { limit: 1000 });
    const { entries } = await app.call('books:connection-entries-count', { connectionId });
    expect(entries).toBe(before.total);
    await app.call('connections:disconnect', { connectionId, keepData: false });
    expect(await app.call('books:entries-query', { limit: 1000 })).toEqual(before);
    const db = new Database(path.join(app.dataDir, DATABASE_FILE), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n).toBe(0);
    db.close();
  });
});
