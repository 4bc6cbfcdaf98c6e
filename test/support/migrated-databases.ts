/**
 * Databases at each version of a schema, for the migration steps' tests and for
 * scripts/freeze-migrated-databases.ts, which keeps one as each step left it when it was released.
 * A database at version N has run the first N steps and holds a few rows written then, in the
 * columns that version had, so that the later steps' copies, rebuilds and triggers have rows to
 * carry.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { SCHEMA_MIGRATIONS } from '../../main/store/migrations/index.ts';
import { foldKana } from '../../shared/kana.ts';
import { migrate } from '../../shared/sqlite-migrations.ts';
import { MIGRATIONS } from '../../simulator/db/migrations/index.ts';

export interface MigratedSchema {
  /** The fixtures' prefix: test/fixtures/migrations/<name>-0007.sqlite.gz. */
  name: 'app' | 'bank';
  /** The folder of the step files, from the repository's root. */
  folder: string;
  steps: readonly string[];
  /** What the program registers on the handle before it migrates. */
  prepare(db: Database.Database): void;
  /** Rows a database at `version` holds, in that version's columns. */
  rowsAt(version: number): string;
}

const root = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(root, 'test/fixtures/migrations');

export function sha256(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** The step files of a folder (`0001-….ts`), in the order of their numbers. */
export function stepFiles(schema: MigratedSchema): string[] {
  return fs
    .readdirSync(path.join(root, schema.folder))
    .filter((file) => /^\d{4}-[a-z0-9-]+\.ts$/.test(file))
    .sort();
}

export function stepFilePath(schema: MigratedSchema, file: string): string {
  return path.join(root, schema.folder, file);
}

/** A database that has run the first `version` steps, with that version's rows. */
export function databaseAt(schema: MigratedSchema, version: number): Database.Database {
  const db = new Database(':memory:');
  schema.prepare(db);
  migrate(db, schema.steps.slice(0, version));
  db.exec(schema.rowsAt(version));
  return db;
}

export function fixtureFile(schema: MigratedSchema, version: number): string {
  return path.join(FIXTURES, `${schema.name}-${String(version).padStart(4, '0')}.sqlite.gz`);
}

/** The database kept as step `version` left it when it was released, opened in memory. */
export function frozenDatabase(schema: MigratedSchema, version: number): Database.Database {
  const db = new Database(zlib.gunzipSync(fs.readFileSync(fixtureFile(schema, version))));
  schema.prepare(db);
  return db;
}

export function freeze(schema: MigratedSchema, version: number): void {
  const db = databaseAt(schema, version);
  fs.mkdirSync(FIXTURES, { recursive: true });
  fs.writeFileSync(fixtureFile(schema, version), zlib.gzipSync(db.serialize(), { level: 9 }));
  db.close();
}

/**
 * Everything in sqlite_master — tables, indexes, triggers, views, the full-text index's own
 * tables — by type and name, its SQL with runs of white space as one space; and user_version.
 */
export function schemaOf(db: Database.Database): string[] {
  const rows = db
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
  return [
    `user_version ${db.pragma('user_version', { simple: true }) as number}`,
    ...rows.map((row) =>
      [row.type, row.name, row.tbl_name, (row.sql ?? '').replace(/\s+/g, ' ').trim()].join(' | '),
    ),
  ];
}

/** The desktop app's ledger: a linked account with three rows, settings and a bank, the books. */
export const APP_SCHEMA: MigratedSchema = {
  name: 'app',
  folder: 'main/store/migrations',
  steps: SCHEMA_MIGRATIONS,
  prepare(db) {
    db.function('fold_kana', { deterministic: true }, (text) => foldKana(String(text)));
  },
  rowsAt(version) {
    if (version === 0) return '';
    const row = (seq: number, key: string, date: string, type: string, amount: number, remarks: string) =>
      `INSERT INTO transactions (account_id, item_key, transaction_date, value_date, type, amount, remarks, balance` +
      `${version >= 2 ? ', remarks_folded' : ''}${version >= 6 ? ', seq' : ''})` +
      ` VALUES (1, '${key}', '${date}', '${date}', '${type}', ${amount}, '${remarks}', 100000` +
      `${version >= 2 ? `, fold_kana('${remarks}')` : ''}${version >= 6 ? `, ${seq}` : ''});`;
    const bank = `
      INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at, last_sync)
        VALUES ('c1', 'local', 'デモ信用金庫', 'http://127.0.0.1:4010', 'corporate',
        'accounts', 'active', '2026-01-05T00:00:00Z', '2026-04-05T00:00:00Z', NULL);
      INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
        VALUES (1, 'c1', 'a1', '本店', '普通', '1234567', 'ﾃｽﾄ');
      ${row(1, '0000000001', '2026-01-05', '2', 8000, 'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ')}
      ${row(2, '0000000002', '2026-01-05', '1', 250000, 'ｷﾕｳﾖ')}
      ${row(3, '0000000003', '2026-01-06', '2', 8000, 'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ')}`;
    const settings = `
      UPDATE settings SET language = 'en', sync_interval_minutes = 30;
      INSERT INTO bank_profiles (id, name, issuer, client_id, api_base, created_at)
        VALUES ('p1', 'よそ銀行', 'https://bank.example', 'client-1', 'https://bank.example/api', '2026-01-05T00:00:00Z');`;
    // The bank sends line 3 again with another amount: step 9's trigger records it.
    const books = `
      INSERT INTO book_titles (id, name, kind, default_tax, created_at) VALUES (1, '広告宣伝費', 'expense', 'purchase10', '2026-01-06T00:00:00Z');
      INSERT INTO book_rules (keyword, folded, match, type, title_code, tax_code, action, created_at)
        VALUES ('ｶｰﾄﾞ', 'カード', 'contains', '2', '広告宣伝費', 'purchase10', 'suggest', '2026-01-06T00:00:00Z');
      ${
        version >= 16
          ? `INSERT INTO book_entries (id, source, recorded_on, created_at) VALUES (1, 'bank', '2026-01-06', '2026-01-06T00:00:00Z');
        INSERT INTO book_entry_versions (entry_id, version, change, entry_date, counterparty, memo, written_at)
          VALUES (1, 1, 'registered', '2026-01-05', 'デモカード', '', '2026-01-06T00:00:00Z');
        INSERT INTO book_entry_lines VALUES (1, 1, 1, 'debit', '広告宣伝費', NULL, 'purchase10', 8000),
          (1, 1, 2, 'credit', '普通預金', NULL, 'none', 8000);`
          : `INSERT INTO journal_entries (id, entry_date, debit_title, debit_tax, credit_title, credit_tax, amount, counterparty, memo, source, created_at)
        VALUES (1, '2026-01-05', '広告宣伝費', 'purchase10', '普通預金', 'none', 8000, 'デモカード', '', 'bank', '2026-01-06T00:00:00Z');`
      }
      INSERT INTO line_reviews (bank_account_id, item_key, status, entry_id, line_date, line_type, line_amount, line_remarks, reviewed_at)
        VALUES ('a1', '0000000001', 'registered', 1, '2026-01-05', '2', 8000, 'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ', '2026-01-06T00:00:00Z');
      INSERT OR IGNORE ${row(3, '0000000003', '2026-01-06', '2', 9000, 'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ').slice('INSERT '.length)}`;
    return [bank, version >= 3 ? settings : '', version >= 9 ? books : ''].join('\n');
  },
};

/** The bank's database: a customer with an account, a link and an audit entry, a ledger, a holding. */
export const BANK_SCHEMA: MigratedSchema = {
  name: 'bank',
  folder: 'simulator/db/migrations',
  steps: MIGRATIONS,
  prepare() {},
  rowsAt(version) {
    if (version === 0) return '';
    const customer = `
      INSERT INTO customers (id, login_id, channel, name, name_kana, password_hash)
        VALUES ('u1', 'CORP9000', 'corporate', 'デモ商事', 'ﾃﾞﾓｼﾖｳｼﾞ', 'scrypt$x');
      INSERT INTO accounts (id, customer_id, branch_code, branch_name, account_type_code, account_number,
        account_name, account_name_kana, position)
        VALUES ('acc1', 'u1', '001', '本店', '01', '1234567', 'デモ商事', 'ﾃﾞﾓｼﾖｳｼﾞ', 0);
      INSERT INTO links (grant_id, customer_id, client_id, channel, scopes, account_ids, created_at, expires_at)
        VALUES ('g1', 'u1', 'bankdemo-desktop', 'corporate', 'openid accounts', '["acc1"]', 1767225600, 1775001600);
      INSERT INTO interaction_state (uid, csrf_token, created_at) VALUES ('i1', 'csrf', 1767225600);
      INSERT INTO audit_log (at, event, outcome, customer_id) VALUES (1767225600, 'login', 'success', 'u1');`;
    const ledger = `
      INSERT INTO transactions (account_id, seq, transaction_date, value_date, type, amount, remarks, balance)
        VALUES ('acc1', 1, '2026-01-05', '2026-01-05', '1', 250000, 'ｷﾕｳﾖ', 250000);
      INSERT INTO ledger_state VALUES ('acc1', 0, '2026-01-05', 1, 250000);`;
    const holding = `
      INSERT INTO holdings VALUES ('h1', 'u1', '001', '本店', '51', '7654321', 'USD', 123456, 1);`;
    return [customer, version >= 2 ? ledger : '', version >= 3 ? holding : ''].join('\n');
  },
};
