import type { TaxCode } from '../../../shared/ipc/books-contract.ts';
import type { Language } from '../../../shared/ipc/contract.ts';

/**
 * The built-in account titles' English names (issue 21, item 14). The Japanese name is the data —
 * entries, rules and exports carry it — and English is only how the screens show it; a user's own
 * title is shown as typed.
 */
const TITLE_NAMES_EN: Record<string, string> = {
  cash: 'Cash',
  ordinary_deposit: 'Ordinary deposits',
  checking_deposit: 'Current accounts',
  receivables: 'Accounts receivable',
  accrued_income: 'Other receivables',
  suspense_payments: 'Suspense payments',
  equipment: 'Tools, furniture and fixtures',
  payables: 'Accounts payable',
  accrued: 'Other payables',
  withholdings: 'Deposits received',
  loans: 'Short-term borrowings',
  long_loans: 'Long-term borrowings',
  suspense_receipts: 'Suspense receipts',
  accrued_corporate_tax: 'Income taxes payable',
  owner_draw: 'Owner’s drawings',
  owner_contribution: 'Owner’s contributions',
  owner_capital: 'Owner’s capital',
  capital: 'Capital stock',
  retained_earnings: 'Retained earnings',
  sales: 'Sales',
  interest_income: 'Interest income',
  misc_income: 'Miscellaneous income',
  purchases: 'Purchases',
  officer_pay: 'Directors’ compensation',
  salaries: 'Salaries and wages',
  family_pay: 'Family employee salaries',
  legal_welfare: 'Statutory welfare expenses',
  welfare: 'Employee benefits',
  outsourcing: 'Outsourcing',
  rent: 'Rent',
  utilities: 'Utilities',
  communication: 'Communication',
  travel: 'Travel and transportation',
  packing: 'Packing and shipping',
  fees: 'Fees and commissions',
  supplies: 'Supplies',
  advertising: 'Advertising',
  entertainment: 'Entertainment',
  meetings: 'Meetings',
  books: 'Books and subscriptions',
  vehicle: 'Vehicle expenses',
  repairs: 'Repairs',
  depreciation: 'Depreciation',
  insurance: 'Insurance',
  taxes: 'Taxes and dues',
  interest_expense: 'Interest expense',
  misc_expense: 'Miscellaneous expenses',
  corporate_tax: 'Corporate taxes',
};

const TAX_NAMES_EN: Record<TaxCode, string> = {
  sales10: 'Taxable sales 10%',
  sales8r: 'Taxable sales 8% (reduced)',
  purchase10: 'Taxable purchases 10%',
  purchase8r: 'Taxable purchases 8% (reduced)',
  exempt: 'Tax-exempt',
  none: 'Not subject to tax',
  // From a seller who is not a registered invoice issuer: the transitional credited share.
  purchase10_80: 'Taxable purchases 10% (80% credited)',
  purchase10_70: 'Taxable purchases 10% (70% credited)',
  purchase10_50: 'Taxable purchases 10% (50% credited)',
  purchase10_30: 'Taxable purchases 10% (30% credited)',
  purchase8r_80: 'Taxable purchases 8% reduced (80% credited)',
  purchase8r_70: 'Taxable purchases 8% reduced (70% credited)',
  purchase8r_50: 'Taxable purchases 8% reduced (50% credited)',
  purchase8r_30: 'Taxable purchases 8% reduced (30% credited)',
};

/** A title's name in the screen's language: a built-in title's English name, else the data's. */
export function titleNameIn(title: { code: string; name: string; builtIn: boolean }, lang: Language): string {
  return lang === 'en' && title.builtIn ? (TITLE_NAMES_EN[title.code] ?? title.name) : title.name;
}

export function taxNameIn(tax: { code: TaxCode; name: string }, lang: Language): string {
  return lang === 'en' ? TAX_NAMES_EN[tax.code] : tax.name;
}
