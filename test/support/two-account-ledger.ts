import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';

/**
 * A ledger of the app's schema in a folder of its own, with one link and two accounts (1: 普通 B-1,
 * 2: 当座 B-2): what the statement writer's tests write their pages into. The caller closes the
 * database and removes the folder.
 */
export function twoAccountLedger(prefix: string): { db: AppDatabase; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = openAppDatabase(dir);
  db.exec(`
    INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at)
      VALUES ('c1', 'p', 'デモ信用金庫', 'http://bank', 'corporate', 'accounts', 'active', 'x', 'x');
    INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
      VALUES (1, 'c1', 'B-1', '本店', '普通', '0001001', 'ﾃｽﾄ'), (2, 'c1', 'B-2', '本店', '当座', '0001002', 'ﾃｽﾄ');`);
  return { db, dir };
}
