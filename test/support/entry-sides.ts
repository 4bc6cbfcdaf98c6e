import type { JournalEntryView, JournalLine } from '../../shared/ipc/books-contract.ts';

/** A two-line entry's debit line and credit line (a bank line's registration writes one of each). */
export const debitOf = (e: Pick<JournalEntryView, 'lines'>): JournalLine => {
  const lines = e.lines.filter((l) => l.side === 'debit');
  if (lines.length !== 1) throw new Error(`not a two-line entry: ${lines.length} debit lines`);
  return lines[0]!;
};

export const creditOf = (e: Pick<JournalEntryView, 'lines'>): JournalLine => {
  const lines = e.lines.filter((l) => l.side === 'credit');
  if (lines.length !== 1) throw new Error(`not a two-line entry: ${lines.length} credit lines`);
  return lines[0]!;
};

/**
 * What a registration wrote of an entry, as the core's entryFor chose it (the 記帳日, version and
 * totals left out): the shape every "written line by line as chosen" test compares.
 */
export const asWritten = (e: JournalEntryView) => ({
  date: e.date,
  lines: e.lines,
  counterparty: e.counterparty,
  memo: e.memo,
  source: e.source,
  ...(e.ruleId !== undefined ? { ruleId: e.ruleId } : {}),
});
