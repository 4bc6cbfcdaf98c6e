import { useState } from 'react';
import type { JournalEntryView } from '../../../shared/ipc/books-contract.ts';
import { Dialog } from '../app/Dialog.tsx';
import type { ErrorState } from '../app/use-error.ts';
import { call } from '../bridge.ts';
import { useWords } from '../i18n/words.ts';
import {
  draftOf,
  emptyLine,
  EntryLinesEditor,
  EntryTextFields,
  linesOf,
  type LineDraft,
} from './EntryLinesEditor.tsx';
import type { ChartData } from './use-chart.ts';
import { DateInput } from '../app/DateInput.tsx';

/**
 * A 振替伝票 typed by hand (no `entry`), or the 修正 of an entry (its next version, with a reason
 * kept in its history). Any number of lines; registering waits until debits equal credits.
 */
export function EntryEditor({
  chart,
  entry,
  today,
  errors,
  onSaved,
  onCancel,
}: {
  chart: ChartData;
  entry?: JournalEntryView;
  today: string;
  errors: ErrorState;
  onSaved(entry: JournalEntryView): void;
  onCancel(): void;
}) {
  const { t } = useWords();
  const [date, setDate] = useState(entry?.date ?? today);
  const [lines, setLines] = useState<LineDraft[]>(
    entry ? entry.lines.map(draftOf) : [emptyLine('debit'), emptyLine('credit')],
  );
  const [counterparty, setCounterparty] = useState(entry?.counterparty ?? '');
  const [memo, setMemo] = useState(entry?.memo ?? '');
  const [reason, setReason] = useState('');
  const parsed = linesOf(lines);
  const balanced =
    parsed !== undefined &&
    parsed.reduce((s, l) => s + (l.side === 'debit' ? l.amount : -l.amount), 0) === 0 &&
    parsed.some((l) => l.side === 'debit') &&
    parsed.some((l) => l.side === 'credit');
  const ready = balanced && /^\d{4}-\d{2}-\d{2}$/.test(date) && (!entry || reason.trim() !== '');
  const save = () => {
    if (!parsed || !ready) return;
    const content = { date, lines: parsed, counterparty: counterparty.trim(), memo: memo.trim() };
    const request = entry
      ? call('books:entries-update', { id: entry.id, content, reason: reason.trim() })
      : call('books:entries-add', content);
    request.then(onSaved, (error: unknown) => errors.show(error));
  };
  return (
    <Dialog
      title={entry ? t('books.entry.editTitle', { id: entry.id }) : t('books.entry.newTitle')}
      onEscape={onCancel}
    >
      <form
        className="entry-editor"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label>
          {t('books.entry.date')}
          <DateInput value={date} onChange={setDate} required />
        </label>
        <EntryLinesEditor chart={chart} lines={lines} onChange={setLines} />
        <EntryTextFields
          counterparty={counterparty}
          memo={memo}
          onCounterparty={setCounterparty}
          onMemo={setMemo}
        />
        {entry && <ReasonField reason={reason} onChange={setReason} />}
        <DialogActions
          kind="primary"
          label={entry ? t('books.entry.saveEdit') : t('books.entry.save')}
          disabled={!ready}
          onCancel={onCancel}
        />
      </form>
    </Dialog>
  );
}

/** 削除 with its reason: the entry leaves the journal, its versions stay in its history. */
export function EntryDelete({
  entry,
  errors,
  onDeleted,
  onCancel,
}: {
  entry: JournalEntryView;
  errors: ErrorState;
  onDeleted(): void;
  onCancel(): void;
}) {
  const { t } = useWords();
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('books.entry.deleteTitle', { id: entry.id })} onEscape={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) return;
          call('books:entries-delete', { id: entry.id, reason: reason.trim() }).then(
            onDeleted,
            (error: unknown) => errors.show(error),
          );
        }}
      >
        <ReasonField reason={reason} onChange={setReason} />
        <DialogActions
          kind="danger"
          label={t('books.entry.confirmDelete')}
          disabled={!reason.trim()}
          onCancel={onCancel}
        />
      </form>
    </Dialog>
  );
}

/** Why an entry is corrected or deleted: required, kept in its history. */
function ReasonField({ reason, onChange }: { reason: string; onChange(reason: string): void }) {
  const { t } = useWords();
  return (
    <>
      <label>
        {t('books.entry.reason')}
        <input value={reason} onChange={(e) => onChange(e.target.value)} maxLength={200} required />
      </label>
      <p className="hint">{t('books.entry.reasonHint')}</p>
    </>
  );
}

/** The dialog's submit button (its look says what it does) beside キャンセル. */
function DialogActions({
  kind,
  label,
  disabled,
  onCancel,
}: {
  kind: 'primary' | 'danger';
  label: string;
  disabled: boolean;
  onCancel(): void;
}) {
  const { t } = useWords();
  return (
    <div className="dialog-actions">
      <button type="submit" className={kind} disabled={disabled}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        {t('books.entry.cancel')}
      </button>
    </div>
  );
}
