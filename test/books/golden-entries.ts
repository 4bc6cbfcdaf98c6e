import { twoLineEntry, type ExportEntry } from '../../main/books/export/export-entry.ts';

const BANK = 'デモ信用金庫 本店 1001';
const CURRENT = 'デモ信用金庫 本店 1002';
const bank = { titleCode: 'ordinary_deposit', subTitle: BANK, taxCode: 'none' } as const;

/** The entries the golden files (golden/*.csv) hold. */
export const GOLDEN_ENTRIES: ExportEntry[] = [
  twoLineEntry({
    id: 1,
    date: '2026-04-01',
    debit: bank,
    credit: { titleCode: 'sales', taxCode: 'sales10' },
    amount: 110_000,
    counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
    memo: '4月分 売上',
  }),
  twoLineEntry({
    id: 2,
    date: '2026-04-05',
    debit: { titleCode: 'utilities', taxCode: 'purchase10' },
    credit: bank,
    amount: 8_250,
    counterparty: 'ﾃﾞﾝｷﾘﾖｳｷﾝ',
    memo: '電気料金, 3月分',
  }),
  twoLineEntry({
    id: 3,
    date: '2026-04-05',
    debit: { titleCode: 'fees', taxCode: 'purchase10' },
    credit: bank,
    amount: 440,
    counterparty: '',
    memo: '振込手数料',
  }),
  twoLineEntry({
    id: 4,
    date: '2026-04-10',
    debit: bank,
    credit: { titleCode: 'interest_income', taxCode: 'exempt' },
    amount: 3,
    counterparty: '',
    memo: '預金利息',
  }),
  twoLineEntry({
    id: 5,
    date: '2026-04-15',
    debit: { titleCode: 'supplies', taxCode: 'purchase8r' },
    credit: bank,
    amount: 1_080,
    counterparty: 'ﾀﾅｶ ﾀﾛｳ',
    memo: 'お茶"玉露"～',
  }),
  twoLineEntry({
    id: 6,
    date: '2026-04-20',
    debit: bank,
    credit: { titleCode: 'checking_deposit', subTitle: CURRENT, taxCode: 'none' },
    amount: 1_000_000,
    counterparty: '',
    memo: '口座振替',
  }),
  twoLineEntry({
    id: 7,
    date: '2026-04-25',
    debit: { titleCode: 'entertainment', taxCode: 'purchase10' },
    credit: bank,
    amount: 5_500,
    counterparty: '𠮷野家',
    memo: '会食🍣',
  }),
  // A customer's payment short by the transfer fee: a compound entry (複合仕訳) of three lines.
  {
    id: 8,
    date: '2026-04-28',
    lines: [
      { side: 'debit', ...bank, amount: 109_560 },
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 },
    ],
    counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
    memo: '4月分 入金',
  },
];

export const GOLDEN_BANK_TITLES: Record<string, string> = {
  [BANK]: 'ordinary_deposit',
  [CURRENT]: 'checking_deposit',
};
