import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TransactionQuery, TransactionView } from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import { PAGE_SIZE, pagesFor } from './query.ts';

export interface StatementPages {
  /** Undefined until the first page of this query has come back. */
  total: number | undefined;
  row(index: number): TransactionView | undefined;
  /** Fetches the pages that hold rows `first..last` unless they are here or on their way. */
  want(first: number, last: number): void;
  error: unknown;
}

/** The rows of one query at one state of the ledger: answers to an older store land in that one. */
interface Store {
  query: string;
  pages: Map<number, TransactionView[]>;
  asked: Set<number>;
  total: number | undefined;
  error: unknown;
}

/**
 * The statement rows of one query, fetched a page at a time as the table needs them and kept
 * while the query stays the same: 100,000 rows are never asked for at once. A new query or new
 * ledger data (`dataVersion`) starts a new store; the same query on new data keeps showing the
 * old count until the new one comes, so the list does not jump back to the top after a sync.
 */
export function useStatementPages(query: TransactionQuery, dataVersion: number): StatementPages {
  const queryKey = JSON.stringify(query);
  const previous = useRef<Store | undefined>(undefined);
  const store = useMemo<Store>(
    () => ({
      query: queryKey,
      pages: new Map(),
      asked: new Set(),
      total: previous.current?.query === queryKey ? previous.current.total : undefined,
      error: undefined,
    }),
    // dataVersion is a reason to start over even though the store does not read it.
    [queryKey, dataVersion],
  );
  const [, setArrived] = useState(0);

  useEffect(() => {
    previous.current = store;
  }, [store]);

  const fetchPage = useCallback(
    (page: number) => {
      store.asked.add(page);
      call('ledger:transactions', {
        ...(JSON.parse(store.query) as TransactionQuery),
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      }).then(
        (answer) => {
          store.pages.set(page, answer.rows);
          store.total = answer.total;
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
    (first: number, last: number) => {
      for (const page of pagesFor(first, last)) if (!store.asked.has(page)) fetchPage(page);
    },
    [store, fetchPage],
  );

  // The first page gives the count, which the list needs before it can ask for anything else.
  useEffect(() => {
    if (!store.asked.has(0)) fetchPage(0);
  }, [store, fetchPage]);

  const row = (index: number) => store.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return { total: store.total, row, want, error: store.error };
}
