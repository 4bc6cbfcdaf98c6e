import type { EntryVersionView, JournalLine } from '../../../shared/ipc/books-contract.ts';

/** What one version changed from the one before it: fields before/after, lines taken out and put in. Pure. */
export interface VersionChanges {
  fields: { field: 'date' | 'counterparty' | 'memo'; before: string; after: string }[];
  removed: JournalLine[];
  added: JournalLine[];
}

const key = (l: JournalLine) => `${l.side}|${l.titleCode}|${l.subTitle ?? ''}|${l.taxCode}|${l.amount}`;

export function versionChanges(before: EntryVersionView, after: EntryVersionView): VersionChanges {
  const fields = (['date', 'counterparty', 'memo'] as const)
    .filter((f) => before[f] !== after[f])
    .map((f) => ({ field: f, before: before[f], after: after[f] }));
  const afterKeys = after.lines.map(key);
  const beforeKeys = before.lines.map(key);
  return {
    fields,
    removed: before.lines.filter((l) => !afterKeys.includes(key(l))),
    added: after.lines.filter((l) => !beforeKeys.includes(key(l))),
  };
}
