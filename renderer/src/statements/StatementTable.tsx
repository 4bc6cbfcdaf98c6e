import {
  elementScroll,
  observeElementOffset,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ScrollDirection } from './query.ts';
import { isDragStep } from './row-blocks.ts';
import type { AccountView, TransactionView } from '../../../shared/ipc/contract.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import type { StatementPages } from './use-statement-pages.ts';
import { accountLabel } from '../accounts/account-label.ts';
import { placeAfterScroll, placeForOffset, scrolledHeight, type ScrollPlace } from './scaled-scroll.ts';

const ROW_HEIGHT = 36;
/** Rows drawn beyond the view on each side, so a wheel's scroll shows rows, not a gap, before they are asked. */
const OVERSCAN = 15;
/**
 * The same while the list is dragged: the next frame lands hundreds of rows away, so rows beyond
 * the view would never be seen — drawing and asking for them only delays the frames and the rows.
 */
const DRAG_OVERSCAN = 1;

interface Props {
  pages: StatementPages;
  accounts: AccountView[];
}

/**
 * The statement rows, virtualized: only the rows in view (and a few around them) are in the page,
 * and the rows they show are asked for as the user scrolls. A list taller than the browser lays out
 * (a million rows) scrolls through a shorter spacer (scaled-scroll.ts): the virtualizer works in the
 * content's offsets, read from and written to the element through `place`.
 */
export function StatementTable({ pages, accounts }: Props) {
  const { t, lang } = useWords();
  const scroller = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  const { want, shownQuery } = pages;
  /** The element's scrollTop and the content offset it stands for (equal below the cap). */
  const place = useRef<ScrollPlace>({ real: 0, shift: 0 });
  const lastLook = useRef<{ first: number; direction: ScrollDirection }>({ first: 0, direction: 'none' });
  const overscan = useRef(OVERSCAN);
  /** Asks for the rows drawn: at the scroll itself, not a render and a paint later. */
  const look = (first: number, last: number) => {
    const before = lastLook.current;
    const direction = first > before.first ? 'down' : first < before.first ? 'up' : before.direction;
    lastLook.current = { first, direction };
    // Read by this very frame's render (the scroll's flushSync render comes after onChange); a look
    // that did not move (the render's own, below) keeps it.
    // At either end of a million rows the scaled scrollbar's rounding can leave the last rows a
    // little past the range the library computes: there the full overscan draws them.
    const nearEnd = first <= OVERSCAN || last >= count - 1 - OVERSCAN;
    if (first !== before.first)
      overscan.current = isDragStep(first - before.first) && !nearEnd ? DRAG_OVERSCAN : OVERSCAN;
    want(first, last, direction);
  };
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: overscan.current,
    // Rows drawn in the scroll's own frame: rendered later, a dragged list shows a blank view (the
    // rows are drawn where the list was two frames before).
    useFlushSync: true,
    // The library reads and writes the content's offset; the element is at `place.current.real`.
    observeElementOffset: (instance, report) =>
      observeElementOffset(instance, (real, isScrolling) => {
        place.current = placeAfterScroll(place.current, real, sizesOf(instance));
        report(real + place.current.shift, isScrolling);
      }),
    scrollToFn: (offset, { adjustments = 0, behavior }, instance) => {
      place.current = placeForOffset(offset + adjustments, sizesOf(instance));
      elementScroll(place.current.real, { behavior }, instance);
    },
    onChange: (instance) => {
      const drawn = instance.getVirtualItems();
      if (drawn.length) look(drawn[0]!.index, drawn.at(-1)!.index);
    },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  // The first look, and again when the rows' query or count changes.
  useEffect(() => look(first, last), [want, first, last]);
  // Another query's rows: the list goes back to the top.
  useEffect(() => virtualizer.scrollToOffset(0), [shownQuery, virtualizer]);

  const labels = new Map(accounts.map((a) => [a.id, accountLabel(a, { short: true })]));
  const showAccount = accounts.length > 1;

  return (
    <div
      className={`statement-table${showAccount ? ' with-account' : ''}`}
      role="table"
      aria-rowcount={count + 1}
      data-testid="statement-table"
      data-query={shownQuery}
    >
      <div className="statement-header" role="row" aria-rowindex={1}>
        <span role="columnheader">{t('statements.date')}</span>
        {showAccount && <span role="columnheader">{t('statements.account')}</span>}
        <span role="columnheader">{t('statements.remarks')}</span>
        <span role="columnheader" className="num">
          {t('statements.amountIn')}
        </span>
        <span role="columnheader" className="num">
          {t('statements.amountOut')}
        </span>
        <span role="columnheader" className="num" title={t('statements.balanceHint')}>
          {t('statements.balance')}
        </span>
      </div>
      <div ref={scroller} className="statement-scroll" role="rowgroup">
        <div className="statement-spacer" style={{ height: scrolledHeight(virtualizer.getTotalSize()) }}>
          {items.map((item) => {
            const row = pages.row(item.index);
            return (
              <div
                key={item.key}
                className="statement-row"
                role="row"
                aria-rowindex={item.index + 2}
                data-testid={row ? 'statement-row' : 'statement-row-loading'}
                style={{ transform: `translateY(${item.start - place.current.shift}px)`, height: ROW_HEIGHT }}
              >
                {row ? (
                  <RowCells
                    row={row}
                    account={showAccount ? labels.get(row.accountId) : undefined}
                    lang={lang}
                  />
                ) : (
                  <span className="loading-cell">{t('common.loading')}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The content's height and the viewport's, as they are when the element scrolls. */
function sizesOf(instance: Virtualizer<HTMLDivElement, Element>) {
  return { content: instance.getTotalSize(), viewport: instance.scrollElement?.clientHeight ?? 0 };
}

function RowCells({
  row,
  account,
  lang,
}: {
  row: TransactionView;
  account: string | undefined;
  lang: 'ja' | 'en';
}) {
  const amount = formatYen(row.amount, lang);
  return (
    <>
      <span role="cell" className="date">
        {formatLedgerDate(row.transactionDate, lang)}
      </span>
      {account !== undefined && (
        <span role="cell" className="account">
          {account}
        </span>
      )}
      <span role="cell" className="remarks" title={row.remarks}>
        {row.remarks}
      </span>
      <span role="cell" className="num deposit">
        {row.type === '1' ? amount : ''}
      </span>
      <span role="cell" className="num withdrawal">
        {row.type === '2' ? amount : ''}
      </span>
      <span role="cell" className="num">
        {formatYen(row.balance, lang)}
      </span>
    </>
  );
}
