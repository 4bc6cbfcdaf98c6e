import { AccountStore, type StoredAccount } from '../../main/store/account-store.ts';
import type { AppDatabase } from '../../main/store/app-database.ts';
import { ConnectionStore } from '../../main/store/connection-store.ts';

/**
 * The ledger the books' tests start from: a corporate link `c1` to デモ信用金庫 holding a 普通
 * (account type '1') and a 当座 ('2'), as a sync would have stored them. The tests write their own
 * lines into these accounts through the sync's write path.
 */
export function linkOrdinaryAndChecking(db: AppDatabase): [ordinary: StoredAccount, checking: StoredAccount] {
  insertCorporateLink(db, 'c1', {
    linkedAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2027-01-30T00:00:00.000Z',
  });
  const [ordinary, checking] = new AccountStore(db).upsert(
    'c1',
    [
      ['1', '普通預金', '0001001'],
      ['2', '当座預金', '0002002'],
    ].map(([code, typeName, number]) => ({
      accountId: `acct-${code}`,
      branchCode: '001',
      branchName: '本店営業部',
      accountTypeCode: code!,
      accountTypeName: typeName!,
      accountNumber: number!,
      accountName: 'ｶ)ﾃﾞﾓｼﾖｳﾃﾝ',
      currencyCode: 'JPY',
      servesStatements: true,
    })),
  );
  return [ordinary!, checking!];
}

/** An active corporate link to デモ信用金庫 with both scopes, as the link flow stores it. */
export function insertCorporateLink(
  db: AppDatabase,
  id: string,
  when: { linkedAt: string; expiresAt: string },
): void {
  new ConnectionStore(db).insert({
    id,
    profileId: 'local',
    bankName: 'デモ信用金庫',
    issuer: 'http://127.0.0.1:4010',
    channel: 'corporate',
    scopes: ['balances:read', 'transactions:read'],
    status: 'active',
    ...when,
  });
}
