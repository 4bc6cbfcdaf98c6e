import type { JournalEntryView } from '../../shared/ipc/books-contract.ts';
import { utf8CsvWithBom } from './export/csv.ts';
import { guardFormula } from './export/formula-guard.ts';

/** The search result's columns: an entry's 記帳日 and 遅延入力 beside each of its lines. */
const ENTRIES_CSV_HEADER = [
  '仕訳番号',
  '版',
  '取引日',
  '記帳日',
  '遅延入力',
  '貸借',
  '勘定科目',
  '補助科目',
  '税区分',
  '金額',
  '取引先',
  '摘要',
];

/**
 * The 仕訳帳's search result as a file (電子帳簿保存法 asks that found entries can be downloaded):
 * one row per line, so a compound entry keeps every line; UTF-8 with a BOM, which spreadsheets
 * open as UTF-8. Text a user or a bank wrote is guarded against formulas. Pure.
 */
export function entriesCsv(
  entries: readonly JournalEntryView[],
  titleName: (code: string) => string,
): Buffer {
  const rows: string[][] = [ENTRIES_CSV_HEADER];
  for (const e of entries)
    for (const l of e.lines)
      rows.push([
        String(e.id),
        String(e.version),
        e.date,
        e.recordedOn,
        e.late ? '遅延' : '',
        l.side === 'debit' ? '借方' : '貸方',
        titleName(l.titleCode),
        guardFormula(l.subTitle ?? ''),
        l.taxCode,
        String(l.amount),
        guardFormula(e.counterparty),
        guardFormula(e.memo),
      ]);
  return utf8CsvWithBom(rows);
}
