/**
 * The chart of account titles (勘定科目) and tax categories of a small Japanese business, under
 * our own codes, with the label each export target knows them by. Pure data: the core adds the
 * user's own titles beside these; the renderer shows them; the formatters look labels up here.
 *
 * Labels follow the names the vendors' default charts use (弥生会計, freee会計, マネーフォワード
 * クラウド会計); which of them a published source confirms is listed in
 * test/books/golden/README.md.
 */

import type { ChartKind, ExportTarget, TaxCode, TitleKind } from '../../shared/ipc/books-contract.ts';
import { TRANSITIONAL_TAXES } from './transitional-taxes.ts';

export interface AccountTitle {
  /** Our code: stable, never shown. User titles get `u` + digits. */
  code: string;
  name: string;
  kind: TitleKind;
  defaultTax: TaxCode;
  /** Bank titles (普通預金, 当座預金) are the bank side of a journal entry. */
  bank?: true;
  /** The label in each target; a missing one means the title cannot be exported there. */
  labels: Partial<Record<ExportTarget, string>>;
  builtIn: boolean;
  /** A built-in title of one kind of business only (absent: both charts hold it). */
  only?: ChartKind;
}

const same = (name: string): Record<ExportTarget, string> => ({ yayoi: name, freee: name, mf: name });

const title = (
  code: string,
  name: string,
  kind: TitleKind,
  defaultTax: TaxCode,
  extra: { bank?: true; labels?: Partial<Record<ExportTarget, string>>; only?: ChartKind } = {},
): AccountTitle => ({
  code,
  name,
  kind,
  defaultTax,
  ...(extra.bank ? { bank: true as const } : {}),
  labels: { ...same(name), ...extra.labels },
  builtIn: true,
  ...(extra.only ? { only: extra.only } : {}),
});

export const BUILT_IN_TITLES: readonly AccountTitle[] = [
  title('cash', '現金', 'asset', 'none'),
  title('ordinary_deposit', '普通預金', 'asset', 'none', { bank: true }),
  title('checking_deposit', '当座預金', 'asset', 'none', { bank: true }),
  title('receivables', '売掛金', 'asset', 'none'),
  title('payables', '買掛金', 'liability', 'none'),
  title('accrued', '未払金', 'liability', 'none'),
  title('withholdings', '預り金', 'liability', 'none'),
  title('loans', '短期借入金', 'liability', 'none'),
  title('owner_draw', '事業主貸', 'equity', 'none', { only: 'sole' }),
  title('owner_contribution', '事業主借', 'equity', 'none', { only: 'sole' }),
  title('sales', '売上高', 'revenue', 'sales10'),
  title('interest_income', '受取利息', 'revenue', 'exempt'),
  title('misc_income', '雑収入', 'revenue', 'sales10'),
  title('purchases', '仕入高', 'expense', 'purchase10'),
  title('salaries', '給料手当', 'expense', 'none'),
  title('legal_welfare', '法定福利費', 'expense', 'none'),
  title('welfare', '福利厚生費', 'expense', 'purchase10'),
  title('rent', '地代家賃', 'expense', 'purchase10'),
  title('utilities', '水道光熱費', 'expense', 'purchase10'),
  title('communication', '通信費', 'expense', 'purchase10'),
  title('travel', '旅費交通費', 'expense', 'purchase10'),
  title('fees', '支払手数料', 'expense', 'purchase10'),
  title('supplies', '消耗品費', 'expense', 'purchase10'),
  title('advertising', '広告宣伝費', 'expense', 'purchase10'),
  title('entertainment', '接待交際費', 'expense', 'purchase10'),
  title('insurance', '保険料', 'expense', 'exempt', { labels: { freee: '保険料', mf: '保険料' } }),
  title('taxes', '租税公課', 'expense', 'none'),
  title('interest_expense', '支払利息', 'expense', 'exempt'),
  title('misc_expense', '雑費', 'expense', 'purchase10'),
  // Issue 21, item 14: the rest of the standard charts, both kinds (names as 弥生・freee・MF use them).
  title('accrued_income', '未収入金', 'asset', 'none'),
  title('suspense_payments', '仮払金', 'asset', 'none'),
  title('equipment', '工具器具備品', 'asset', 'purchase10'),
  title('suspense_receipts', '仮受金', 'liability', 'none'),
  title('long_loans', '長期借入金', 'liability', 'none'),
  title('outsourcing', '外注費', 'expense', 'purchase10'),
  title('packing', '荷造運賃', 'expense', 'purchase10'),
  title('meetings', '会議費', 'expense', 'purchase10'),
  title('books', '新聞図書費', 'expense', 'purchase10'),
  title('vehicle', '車両費', 'expense', 'purchase10'),
  title('repairs', '修繕費', 'expense', 'purchase10'),
  title('depreciation', '減価償却費', 'expense', 'none'),
  // A company's (法人) only.
  title('accrued_corporate_tax', '未払法人税等', 'liability', 'none', { only: 'corporation' }),
  title('capital', '資本金', 'equity', 'none', { only: 'corporation' }),
  title('retained_earnings', '繰越利益剰余金', 'equity', 'none', { only: 'corporation' }),
  title('officer_pay', '役員報酬', 'expense', 'none', { only: 'corporation' }),
  title('corporate_tax', '法人税等', 'expense', 'none', {
    only: 'corporation',
    labels: { freee: '法人税・住民税及び事業税' },
  }),
  // A sole proprietor's (個人事業主) only, beside 事業主貸・事業主借 above.
  title('owner_capital', '元入金', 'equity', 'none', { only: 'sole' }),
  title('family_pay', '専従者給与', 'expense', 'none', { only: 'sole' }),
];

/** The built-in titles of a kind's standard chart. */
export const chartCodes = (kind: ChartKind): string[] =>
  BUILT_IN_TITLES.filter((t) => t.only === undefined || t.only === kind).map((t) => t.code);

export interface TaxCategory {
  code: TaxCode;
  name: string;
  /** 税込 amounts: the tax inside is floor(amount × rate / (100 + rate)). */
  rate: number;
  /** Labels per target; 非課税 has one for sales and one for purchases in every target. */
  labels: Record<ExportTarget, { sales: string; purchase: string }>;
  /** Money Forward's インボイス column (a transitional category: 80%控除…); absent: empty. */
  mfInvoice?: string;
  /** Targets whose spelling of this category no vendor text confirms (reported on export). */
  unconfirmed?: ExportTarget[];
}

const both = (label: string) => ({ sales: label, purchase: label });

export const TAX_CATEGORIES: readonly TaxCategory[] = [
  {
    code: 'sales10',
    name: '課税売上10%',
    rate: 10,
    labels: { yayoi: both('課税売上込10%'), freee: both('課税売上10%'), mf: both('課税売上 10%') },
  },
  {
    code: 'sales8r',
    name: '課税売上8%(軽減)',
    rate: 8,
    labels: { yayoi: both('課税売上込軽減8%'), freee: both('課税売上8%（軽）'), mf: both('課税売上 (軽)8%') },
  },
  {
    code: 'purchase10',
    name: '課対仕入10%',
    rate: 10,
    labels: { yayoi: both('課対仕入込10%'), freee: both('課対仕入10%'), mf: both('課税仕入 10%') },
  },
  {
    code: 'purchase8r',
    name: '課対仕入8%(軽減)',
    rate: 8,
    labels: { yayoi: both('課対仕入込軽減8%'), freee: both('課対仕入8%（軽）'), mf: both('課税仕入 (軽)8%') },
  },
  {
    code: 'exempt',
    name: '非課税',
    rate: 0,
    labels: {
      yayoi: { sales: '非課売上', purchase: '非課仕入' },
      freee: { sales: '非課売上', purchase: '非課仕入' },
      mf: { sales: '非課税売上', purchase: '非課税仕入' },
    },
  },
  {
    code: 'none',
    name: '対象外',
    rate: 0,
    labels: { yayoi: both('対象外'), freee: both('対象外'), mf: both('対象外') },
  },
  // After the base categories: a label read back finds the base first (MF's 税区分 is shared).
  ...TRANSITIONAL_TAXES,
];

const taxCategory = (code: TaxCode): TaxCategory => TAX_CATEGORIES.find((t) => t.code === code)!;

/** The consumption tax inside a tax-included amount, rounded down as the vendors' defaults do. */
export const taxIncluded = (amount: number, code: TaxCode): number => {
  const { rate } = taxCategory(code);
  return rate === 0 ? 0 : Math.floor((amount * rate) / (100 + rate));
};

/** The tax label in a target: 非課税 reads as sales on a revenue title and as purchases elsewhere. */
export const taxLabel = (code: TaxCode, kind: TitleKind, target: ExportTarget): string => {
  const labels = taxCategory(code).labels[target];
  return kind === 'revenue' ? labels.sales : labels.purchase;
};
