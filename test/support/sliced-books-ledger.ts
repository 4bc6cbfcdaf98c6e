import fs from 'node:fs';
import type Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { createBooks } from '../../main/books/books-handlers.ts';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import type { RuleInput } from '../../shared/ipc/books-contract.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';
import { linkOrdinaryAndChecking } from './books-ledger.ts';

/**
 * Ledgers for the tests of work in slices (test/client/rules-in-slices.test.ts,
 * export-in-slices.test.ts): a 普通 and a 当座 account of `linesPerAccount` lines each, written
 * through the sync's write path, deterministic, with 自動登録 rules that win most of them.
 */
const REMARKS = ['ｳﾘｱｹﾞ ｶ-ﾄﾞ', 'ｳﾘｱｹﾞ QR', 'ﾌﾘｺﾐ ｶ)ﾀﾅｶｼｻﾞｲ', 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', 'ATM'];
export const RULES: RuleInput[] = [
  { keyword: 'ｳﾘｱｹﾞ ｶ', match: 'prefix', type: '1', titleCode: 'sales', taxCode: 'sales10', action: 'auto' },
  { keyword: 'ﾌﾘｺﾐ', match: 'prefix', type: '2', titleCode: 'payables', taxCode: 'none', action: 'auto' },
  {
    keyword: 'ﾃﾞﾝｷﾘﾖｳｷﾝ',
    match: 'suffix',
    titleCode: 'utilities',
    taxCode: 'purchase10',
    counterparty: 'デモ電力',
    action: 'auto',
  },
];

/** `ledger(lines, events)` makes one (its books' events pushed to `events`); `closeLedgers` after each test. */
export function booksLedgers() {
  const dirs: string[] = [];
  const open: AppDatabase[] = [];
  const closeLedgers = () => {
    for (const db of open.splice(0)) db.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  };
  function ledger(linesPerAccount: number, events: AppEvent[] = []) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-rules-slices-'));
    dirs.push(dir);
    const db = openAppDatabase(dir);
    open.push(db);
    const writer = new StatementWriter(db);
    let random = 11;
    const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (const [index, account] of linkOrdinaryAndChecking(db).entries()) {
      const page: BankTransaction[] = [];
      for (let i = 0; i < linesPerAccount; i++) {
        const remarks = REMARKS[Math.floor(next() * REMARKS.length)]!;
        const date = new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 40))).toISOString().slice(0, 10);
        page.push({
          itemKey: String(i).padStart(8, '0'),
          transactionDate: date,
          valueDate: date,
          transactionType: remarks.startsWith('ｳﾘｱｹﾞ') ? '1' : '2',
          // A yen apart between the accounts: no line pairs as an own-account transfer.
          amount: String(1_000 + Math.floor(next() * 50) * 100 + index),
          remarks,
          balance: '0',
        });
      }
      writer.writePage(account.id, page, { runDateFrom: '2026-01-01', nextItemKey: null });
    }
    const books = createBooks(db, {
      now: () => new Date('2026-11-30T00:00:00Z'),
      emit: (event) => events.push(event),
    });
    return { db, books };
  }
  return { ledger, closeLedgers };
}

/** Every registered line with its entry's date, 取引先, rule and lines, as written (no ids, no times). */
export const registeredLines = (db: AppDatabase | Database.Database) =>
  db
    .prepare(
      `SELECT r.bank_account_id, r.item_key, r.line_date, r.line_amount, v.entry_date, v.counterparty, v.memo,
         v.rule_id, group_concat(l.side || ':' || l.title_code || ':' || l.tax_code || ':' || l.amount, ' ') AS lines
       FROM line_reviews r JOIN book_entries e ON e.id = r.entry_id
       JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
       JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
       WHERE r.status = 'registered' GROUP BY r.bank_account_id, r.item_key ORDER BY 1, 2`,
    )
    .all();
