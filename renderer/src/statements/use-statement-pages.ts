import { useCallback, useEffect, useRef, useState } from 'react';
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

/**
 * The statement rows of one query, fetched a page at a time as the table needs them and kept
 * while the query stays the same: 100,000 rows are never asked for at once. A new query or new
 * ledger data (`dataVersion`) starts over; answers to an older query are dropped.
 */
export function useStatementPages(query: TransactionQuery, dataVersion: number): StatementPages {
  const key = `${JSON.stringify(query)}#${dataVersion}`;
  const pages = useRef(new Map<number, TransactionView[]>());
  const asked = useRef(new Set<number>());
  const current = useRef(key);
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [, setArrived] = useState(0);

  const fetchPage = useCallback(
    (page: number, forKey: string) => {
      asked.current.add(page);
      call('ledger:transactions', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (answer) => {
          if (current.current !== forKey) return;
          pages.current.set(page, answer.rows);
          setTotal(answer.total);
          setArrived((n) => n + 1);
        },
        (failure: unknown) => {
          if (current.current !== forKey) return;
          asked.current.delete(page);
          setError(failure);
        },
      );
    },
    // The query is part of the key: one fetchPage per key.
    [key],
  );

  useEffect(() => {
    current.current = key;
    pages.current = new Map();
    asked.current = new Set();
    setTotal(undefined);
    setError(undefined);
    fetchPage(0, key);
  }, [key, fetchPage]);

  const want = useCallback(
    (first: number, last: number) => {
      for (const page of pagesFor(first, last))
        if (!asked.current.has(page)) fetchPage(page, current.current);
    },
    [fetchPage],
  );

  const row = (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return { total, row, want, error };
}
