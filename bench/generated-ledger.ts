import { openAppDatabase } from '../main/store/app-database.ts';
import type { BankTransaction } from '../main/connectors/bank-connector.ts';
import { addDays, jstDate } from '../shared/dates.ts';
import { insertCorporateLink } from '../test/support/books-ledger.ts';
import { storesOf } from '../test/support/statement-ledger.ts';

/**
 * A ledger of `rows` generated transactions over two years in three accounts of one link, written
 * through the app's own write path (LedgerStore.writePage, so the search index and the sums are
 * kept by their triggers as in a sync). Remarks as a bank prints them: a few that recur (sales,
 * fees, utilities) and transfers from ~2,000 different names, so that the search index holds far
 * more than CORP9000's 15 distinct remarks. Deterministic: the same rows on every run.
 */
export function writeGeneratedLedger(dataDir: string, rows: number): { accountIds: string[] } {
  const db = openAppDatabase(dataDir);
  try {
    const store = storesOf(db);
    insertCorporateLink(db, 'generated', {
      linkedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    });
    const accounts = store.accounts.upsert(
      'generated',
      ['1', '2', '3'].map((n) => ({
        accountId: `gen-${n}`,
        branchCode: '001',
        branchName: '本店営業部',
        accountTypeCode: '1',
        accountTypeName: '普通預金',
        accountNumber: `900000${n}`,
        accountName: 'ｶ)ﾃﾞﾓｾｲｾｲ',
        currencyCode: 'JPY',
        servesStatements: true,
      })),
    );
    const today = jstDate(Date.now());
    const days = 730;
    const perAccount = Math.ceil(rows / accounts.length);
    let random = 20261130;
    const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (const [a, account] of accounts.entries()) {
      const count = Math.min(perAccount, rows - a * perAccount);
      let balance = 50_000_000;
      for (let start = 0; start < count; start += 5000) {
        const page: BankTransaction[] = [];
        for (let i = start; i < Math.min(count, start + 5000); i++) {
          const deposit = next() < 0.55;
          const amount = Math.floor(next() * 200) * 100 + 100;
          balance += deposit ? amount : -amount;
          page.push({
            itemKey: String(i + 1).padStart(10, '0'),
            transactionDate: addDays(today, -days + Math.floor((i * days) / count)),
            valueDate: addDays(today, -days + Math.floor((i * days) / count)),
            transactionType: deposit ? '1' : '2',
            amount: String(amount),
            remarks: remarksFor(next(), deposit),
            balance: String(Math.max(0, balance)),
          });
        }
        store.statements.writePage(account.id, page, {
          runDateFrom: addDays(today, -days),
          nextItemKey: null,
        });
      }
    }
    return { accountIds: accounts.map((a) => String(a.id)) };
  } finally {
    db.close();
  }
}

const RECURRING_IN = ['ｳﾘｱｹﾞ ｶ-ﾄﾞ', 'ｳﾘｱｹﾞ QR', 'ｳﾘｱｹﾞ ﾃﾞﾝｼﾏﾈ-', 'ﾘｿｸ'];
const RECURRING_OUT = ['ﾌﾘｺﾐﾃｽｳﾘﾖｳ', 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', 'ｺｳｻﾞﾌﾘｶｴ ｶﾞｽﾘﾖｳｷﾝ', 'ATM', 'ｷﾕｳﾖ'];
const FAMILY = ['ﾀﾅｶ', 'ｽｽﾞｷ', 'ｻﾄｳ', 'ﾀｶﾊｼ', 'ﾜﾀﾅﾍﾞ', 'ｲﾄｳ', 'ﾔﾏﾓﾄ', 'ﾅｶﾑﾗ', 'ｺﾊﾞﾔｼ', 'ｶﾄｳ'];
const GIVEN = ['ﾀﾛｳ', 'ﾊﾅｺ', 'ﾐﾕｷ', 'ｹﾝｼﾞ', 'ﾕｳｺ', 'ｼﾝｲﾁ', 'ｱｷﾗ', 'ﾒｸﾞﾐ', 'ﾋﾛｼ', 'ｻｸﾗ'];
const COMPANY = ['ｼﾖｳｼﾞ', 'ｻﾝｷﾞﾖｳ', 'ｼｻﾞｲ', 'ｳﾝﾕ', 'ﾃﾞﾝｷ', 'ｼﾖｸﾋﾝ', 'ｹﾝｾﾂ', 'ｼﾖｳｶｲ'];

function remarksFor(r: number, deposit: boolean): string {
  // 70 % recurring remarks; 30 % transfers, from 10 × 10 people and 10 × 8 × 25 companies.
  if (r < 0.7) {
    const list = deposit ? RECURRING_IN : RECURRING_OUT;
    return list[Math.floor((r / 0.7) * list.length)]!;
  }
  const n = Math.floor(((r - 0.7) / 0.3) * 2100);
  const name =
    n < 100
      ? `${FAMILY[n % 10]} ${GIVEN[Math.floor(n / 10)]}`
      : `ｶ)${FAMILY[n % 10]}${COMPANY[Math.floor(n / 10) % 8]}${Math.floor(n / 80)}`;
  return `ﾌﾘｺﾐ ${name}`;
}
