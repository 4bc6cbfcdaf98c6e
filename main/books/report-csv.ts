import type { CsvFile, LedgerView, TrialBalanceView } from '../../shared/ipc/reports-contract.ts';
import { csvDocument } from './export/csv.ts';
import { guardFormula } from './export/formula-guard.ts';

/**
 * The 試算表 and the 元帳 as CSV for a spreadsheet or the accountant: UTF-8 with a BOM (Excel
 * otherwise reads a file without one as Shift_JIS and garbles it), CRLF, formulas guarded as the
 * exports guard them. Headers in the app's language; amounts as plain integers. Pure.
 */

type Language = 'ja' | 'en';

const HEADERS = {
  ja: {
    trial: ['区分', '勘定科目', '貸借', '前月繰越', '借方', '貸方', '残高'],
    ledger: ['日付', '相手科目', '取引先', '摘要', '借方', '貸方', '残高'],
    bs: '貸借対照表',
    pl: '損益計算書',
    debit: '借方',
    credit: '貸方',
    total: '合計',
    carry: '前月繰越',
    several: '諸口',
  },
  en: {
    trial: ['Section', 'Account title', 'Side', 'Brought forward', 'Debit', 'Credit', 'Balance'],
    ledger: ['Date', 'Contra account', 'Counterparty', 'Memo', 'Debit', 'Credit', 'Balance'],
    bs: 'Balance sheet',
    pl: 'Profit and loss',
    debit: 'Debit',
    credit: 'Credit',
    total: 'Total',
    carry: 'Brought forward',
    several: 'Sundries',
  },
} as const;

const BOM = '\uFEFF';

const file = (fileName: string, text: string): CsvFile => ({
  fileName,
  mimeType: 'text/csv;charset=utf-8',
  base64: Buffer.from(BOM + text, 'utf8').toString('base64'),
});

export function trialBalanceCsv(view: TrialBalanceView, language: Language): CsvFile {
  const h = HEADERS[language];
  const rows: (string | number)[][] = [[...h.trial]];
  for (const { section, rows: titles } of view.sections)
    for (const r of titles)
      rows.push([h[section], guardFormula(r.name), h[r.side], r.carry, r.debit, r.credit, r.balance]);
  const t = view.totals;
  rows.push([h.total, '', h.debit, t.carryDebit, t.debit, '', t.balanceDebit]);
  rows.push([h.total, '', h.credit, t.carryCredit, '', t.credit, t.balanceCredit]);
  return file(`trial-balance-${view.dateFrom}_${view.dateTo}.csv`, csvDocument(rows));
}

export function ledgerCsv(view: LedgerView, language: Language): CsvFile {
  const h = HEADERS[language];
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
  return file(`ledger-${view.titleCode}${sub}-${view.dateFrom}_${view.dateTo}.csv`, csvDocument(rows));
}
