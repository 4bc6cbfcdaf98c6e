import { useEffect, useState } from 'react';
import { call } from '../bridge.ts';
import { useWords } from '../i18n/words.ts';

/** Said before 連携解除: the journal entries made from this connection's lines stay in the books. */
export function JournalKeptNote({ connectionId }: { connectionId: string }) {
  const { t } = useWords();
  const [entries, setEntries] = useState(0);
  useEffect(() => {
    call('books:connection-entries-count', { connectionId }).then(
      (answer) => setEntries(answer.entries),
      () => setEntries(0),
    );
  }, [connectionId]);
  if (entries === 0) return null;
  return (
    <p className="hint" data-testid="journal-kept">
      {t('books.disconnectKeeps', { count: entries })}
    </p>
  );
}
