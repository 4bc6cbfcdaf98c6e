import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-errors.ts';
import { DatabaseTooNewError, migrate } from '../../shared/sqlite-migrations.ts';
import { DATABASE_FILE, openAppDatabase } from '../../main/store/app-database.ts';
import { SCHEMA_MIGRATIONS } from '../../main/store/migrations/index.ts';
import { startupFailureMessage } from '../../main/startup-failure.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import { ViewQueries } from '../../main/store/view-queries.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database as an older release left it: its first `steps` migrations, and rows written then. */
function olderDatabase(steps: number, sql: string): void {
  const old = new Database(path.join(dir, DATABASE_FILE));
  // The fold of the release that wrote it: dashes were not yet the long-vowel mark.
  old.function('fold_kana', { deterministic: true }, (text) => String(text).normalize('NFKC'));
  migrate(old, SCHEMA_MIGRATIONS.slice(0, steps));
  old.exec(sql);
  old.close();
}

const ONE_ACCOUNT = `
  INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at)
    VALUES ('c1', 'local', 'デモ信用金庫', 'http://127.0.0.1:4010', 'corporate', '', 'active', '', '');
  INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
    VALUES (1, 'c1', 'a1', '本店', '普通', '1234567', 'ﾃｽﾄ');`;

describe('the migration guard', () => {
  it('refuses a database a newer version of the app migrated, with DATABASE_TOO_NEW, and leaves it as it was', () => {
    olderDatabase(SCHEMA_MIGRATIONS.length, ONE_ACCOUNT);
    const file = path.join(dir, DATABASE_FILE);
    const newer = new Database(file);
    newer.pragma(`user_version = ${SCHEMA_MIGRATIONS.length + 1}`);
    newer.close();
    const before = fs.readFileSync(file);

    const error = (() => {
      try {
        openAppDatabase(dir);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'DATABASE_TOO_NEW' });
    expect((error as Error).message).toContain(`schema ${SCHEMA_MIGRATIONS.length + 1}`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // The shells show it in words, Japanese and English, with no window to show it in.
    const { message } = startupFailureMessage(error);
    expect(message).toContain('新しいバージョンのアプリ');
    expect(message).toContain('newer version of the app');
  });

  it('the runner itself throws a coded DatabaseTooNewError (the bank uses it too)', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 3');
    expect(() => migrate(db, ['SELECT 1'])).toThrow(DatabaseTooNewError);
    expect(() => migrate(db, ['SELECT 1'])).toThrow(/newer version \(schema 3; this version knows 1\)/);
    db.close();
  });
});

describe('the kana re-fold migration', () => {
  it('re-folds remarks stored before dashes folded to ー, so カード finds ｶ-ﾄﾞ rows kept from then', () => {
    olderDatabase(
      3,
      `${ONE_ACCOUNT}
      INSERT INTO transactions VALUES (1, '0000000001', '2026-10-26', '2026-10-26', '2', 8000, 'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ', 92000, 'カ-ドデモカ-ド');`,
    );
    const db = openAppDatabase(dir);
    try {
      const found = new ViewQueries(db).transactions({ text: 'カード', offset: 0, limit: 10 });
      expect(found.total).toBe(1);
      expect(found.rows[0]!.remarks).toBe('ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ');
    } finally {
      db.close();
    }
  });
});

describe('statement order by arrival', () => {
  it('numbers the rows already stored in their old order and orders new ones as they arrive, whatever their itemKey', () => {
    olderDatabase(
      3,
      `${ONE_ACCOUNT}
      INSERT INTO transactions VALUES (1, '0000000002', '2026-10-27', '2026-10-27', '2', 3000, 'B', 97000, 'B');
      INSERT INTO transactions VALUES (1, '0000000001', '2026-10-27', '2026-10-27', '1', 100000, 'A', 100000, 'A');`,
    );
    const db = openAppDatabase(dir);
    try {
      // A bank whose keys do not sort in its order (a timestamp wrapped, a random id): "z" arrives before "a".
      new StatementWriter(db).writePage(
        1,
        [
          {
            itemKey: 'z',
            transactionDate: '2026-10-27',
            valueDate: '2026-10-27',
            transactionType: '2',
            amount: '7000',
            balance: '90000',
          },
          {
            itemKey: 'a',
            transactionDate: '2026-10-27',
            valueDate: '2026-10-27',
            transactionType: '1',
            amount: '-500',
            balance: '89500',
          },
        ],
        { runDateFrom: '2026-10-27', nextItemKey: null },
      );
      const { rows } = new ViewQueries(db).transactions({ order: 'asc', offset: 0, limit: 10 });
      expect(rows.map((r) => [r.itemKey, r.balance])).toEqual([
        ['0000000001', 100000],
        ['0000000002', 97000],
        ['z', 90000],
        ['a', 89500],
      ]);
      expect(rows[3]!.amount).toBe(-500);
      const newest = new ViewQueries(db).transactions({ order: 'desc', offset: 0, limit: 1 });
      expect(newest.rows[0]!.itemKey).toBe('a');
    } finally {
      db.close();
    }
  });
});
