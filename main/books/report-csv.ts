import type { CsvFile, LedgerView, TrialBalanceView } from '../../shared/ipc/reports-contract.ts';
import { utf8CsvWithBom } from './export/csv.ts';
import { guardFormula } from './export/formula-guard.ts';

/**
 * The 試算表 and the 元帳 as CSV for a spreadsheet or the accountant: UTF-8 with a BOM (Excel
 * otherwise reads a file without one as Shift_JIS and garbles it), CRLF, formulas guarded as the
 * exports guard them. Headers in the app's language; amounts as plain integers. Pure.
 */

type Language = 'ja' | 'en';

/** Each label in both languages side by side, so that neither is ever left without the other. */
const LABELS = {
  trial: {
    ja: ['区分', '勘定科目', '貸借', '前月繰越', '借方', '貸方', '残高'],
    en: ['Section', 'Account title', 'Side', 'Brought forward', 'Debit', 'Credit', 'Balance'],
  },
  ledger: {
    ja: ['日付', '相手科目', '取引先', '摘要', '借方', '貸方', '残高'],
    en: ['Date', 'Contra account', 'Counterparty', 'Memo', 'Debit', 'Credit', 'Balance'],
  },
  bs: { ja: '貸借対照表', en: 'Balance sheet' },
  pl: { ja: '損益計算書', en: 'Profit and loss' },
  debit: { ja: '借方', en: 'Debit' },
  credit: { ja: '貸方', en: 'Credit' },
  total: { ja: '合計', en: 'Total' },
  carry: { ja: '前月繰越', en: 'Brought forward' },
  several: { ja: '諸口', en: 'Sundries' },
} as const;

type Labels = { [K in keyof typeof LABELS]: (typeof LABELS)[K][Language] };

const labelsIn = (language: Language): Labels =>
  Object.fromEntries(Object.entries(LABELS).map(([key, both]) => [key, both[language]])) as Labels;

const file = (fileName: string, rows: readonly (readonly (string | number)[])[]): CsvFile => ({
  fileName,
  mimeType: 'text/csv;charset=utf-8',
  base64: utf8CsvWithBom(rows).toString('base64'),
});

export function trialBalanceCsv(view: TrialBalanceView, language: Language): CsvFile {
  const h = labelsIn(language);
  const rows: (string | number)[][] = [[...h.trial]];
  for (const { section, rows: titles } of view.sections)
    for (const r of titles)
      rows.push([h[section], guardFormula(r.name), h[r.side], r.carry, r.debit, r.credit, r.balance]);
  const t = view.totals;
  rows.push([h.total, '', h.debit, t.carryDebit, t.debit, '', t.balanceDebit]);
  rows.push([h.total, '', h.credit, t.carryCredit, '', t.credit, t.balanceCredit]);
  return file(`trial-balance-${view.dateFrom}_${view.dateTo}.csv`, rows);
}

export function ledgerCsv(view: LedgerView, language: Language): CsvFile {
  const h = labelsIn(language);
  const rows: (string | number)[][] = [[...h.ledger], [view.dateFrom, h.carry, '', '', '', '', view.carry]];
  for (const r of view.rows)
    rows.push([
      r.date,
      r.counterName === null ? h.several : guardFormula(r.counterName),
      guardFormula(r.counterparty),
      guardFormula(r.memo),
      r.debit || '',
      r.credit || '',
      r.balance,
    ]);
  rows.push([view.dateTo, h.total, '', '', view.debitTotal, view.creditTotal, view.closing]);
  const sub = view.subTitle ? `-${view.subTitle.replace(/[^\p{L}\p{N}]+/gu, '_')}` : '';
  return file(`ledger-${view.titleCode}${sub}-${view.dateFrom}_${view.dateTo}.csv`, rows);
}
