import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StatementPage, TransactionQuery, TransactionView } from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import { PAGE_SIZE, pagesAround, type ScrollDirection } from './query.ts';

export interface StatementPages {
  /** The query whose rows are shown (JSON): the one asked for, or the one before until it answers. */
  shownQuery: string;
  /** Undefined until the first page of the shown query has come back. */
  total: number | undefined;
  /** 入金計 / 出金計 of every row the shown query matches. */
  sums: { deposits: number; withdrawals: number } | undefined;
  row(index: number): TransactionView | undefined;
  /** Rows `first..last` are in view and the list moves `direction`: fetches what they and the next moments need. */
  want(first: number, last: number, direction: ScrollDirection): void;
  error: unknown;
}

/** The rows of one query at one state of the ledger: answers to an older store land in that one. */
interface Store {
  query: string;
  pages: Map<number, TransactionView[]>;
  asked: Set<number>;
  total: number | undefined;
  sums: StatementPages['sums'];
  error: unknown;
}

const newStore = (query: string, total?: number, sums?: StatementPages['sums']): Store => ({
  query,
  pages: new Map(),
  asked: new Set(),
  total,
  sums,
  error: undefined,
});

/**
 * The statement rows of one query, fetched a page at a time as the table needs them (and the pages
 * a scroll is heading for) and kept while the query stays the same: 100,000 rows are never asked for
 * at once. Every keystroke asks at once — no pause —; an answer to a query the user has typed past
 * lands in that query's store and is never shown. Until the new query's first page comes, the
 * previous rows stay on screen rather than a blank list. New ledger data (`dataVersion`) starts a
 * new store that keeps the old count, so the list does not jump back to the top after a sync.
 */
export function useStatementPages(query: TransactionQuery, dataVersion: number): StatementPages {
  const queryKey = JSON.stringify(query);
  /** The last store that had an answer: what is shown while a newer query is on its way. */
  const answered = useRef<Store | undefined>(undefined);
  const store = useMemo<Store>(() => {
    const before = answered.current?.query === queryKey ? answered.current : undefined;
    return newStore(queryKey, before?.total, before?.sums);
    // dataVersion is a reason to start over even though the store does not read it.
  }, [queryKey, dataVersion]);
  const [, setArrived] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      store.asked.add(page);
      call('ledger:transactions', {
        ...(JSON.parse(store.query) as TransactionQuery),
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      }).then(
        (answer: StatementPage) => {
          store.pages.set(page, answer.rows);
          store.total = answer.total;
          store.sums = { deposits: answer.deposits, withdrawals: answer.withdrawals };
          setArrived((n) => n + 1);
        },
        (failure: unknown) => {
          store.asked.delete(page);
          store.error = failure;
          setArrived((n) => n + 1);
        },
      );
    },
    [store],
  );

  const want = useCallback(
    (first: number, last: number, direction: ScrollDirection) => {
      if (store.total === undefined) return;
      for (const page of pagesAround(first, last, direction, store.total))
        if (!store.asked.has(page)) fetchPage(page);
    },
    [store, fetchPage],
  );

  // The first page gives the count, which the list needs before it can ask for anything else.
  useEffect(() => {
    if (!store.asked.has(0)) fetchPage(0);
  }, [store, fetchPage]);

  const ready = store.pages.size > 0 || store.error !== undefined;
  if (ready) answered.current = store;
  const shown = ready || !answered.current ? store : answered.current;
  const row = (index: number) => shown.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return {
    shownQuery: shown.query,
    total: shown.total,
    sums: shown.sums,
    row,
    want: shown === store ? want : () => {},
    error: store.error,
  };
}
