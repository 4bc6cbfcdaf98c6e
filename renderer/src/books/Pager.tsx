import { useWords } from '../i18n/words.ts';

/**
 * 前へ / 次へ over a list read a page at a time (the review queue, the 仕訳帳); shown only when the
 * list is longer than a page. `ends` adds 最初へ and 最後へ, for a list that can run to years.
 */
export function Pager(props: {
  offset: number;
  total: number;
  pageSize: number;
  onOffset: (offset: number) => void;
  ends?: boolean;
  testId?: string;
}) {
  const { t } = useWords();
  const { offset, total, pageSize, onOffset, ends = false } = props;
  if (total <= pageSize) return null;
  const atEnd = offset + pageSize >= total;
  return (
    <div className="pager" data-testid={props.testId}>
      {ends && (
        <button type="button" disabled={offset === 0} onClick={() => onOffset(0)}>
          {t('books.journal.first')}
        </button>
      )}
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('books.queue.prev')}
      </button>
      <span>
        {t('books.queue.page', { from: offset + 1, to: Math.min(offset + pageSize, total), total })}
      </span>
      <button type="button" disabled={atEnd} onClick={() => onOffset(offset + pageSize)}>
        {t('books.queue.next')}
      </button>
      {ends && (
        <button
          type="button"
          disabled={atEnd}
          onClick={() => onOffset(Math.floor((total - 1) / pageSize) * pageSize)}
        >
          {t('books.journal.last')}
        </button>
      )}
    </div>
  );
}
