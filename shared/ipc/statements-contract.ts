import { z } from 'zod';
import type { DomainChannel } from './channels.ts';
import { id, isoDate, yen } from './schema-parts.ts';

/** The `statements:` domain: the bank's statement lines (明細), filtered and paged. */

export const TransactionQuery = z
  .object({
    accountId: id.optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    /** '1' 入金, '2' 出金. */
    type: z.enum(['1', '2']).optional(),
    minAmount: yen.optional(),
    maxAmount: yen.optional(),
    /**
     * Matched against the remarks with kana folded (shared/kana.ts): half-width and full-width,
     * katakana and hiragana, small and large kana match alike, as the bank prints them.
     */
    text: z.string().max(100).optional(),
    /** By date, then as the bank ordered them; 'desc' puts the newest first. */
    order: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type TransactionQuery = z.input<typeof TransactionQuery>;

export const STATEMENTS_ARGS = {
  'statements:query': TransactionQuery,
} as const satisfies Record<DomainChannel<'statements'>, z.ZodType>;

export interface TransactionView {
  accountId: string;
  itemKey: string;
  transactionDate: string;
  valueDate: string;
  type: '1' | '2';
  amount: number;
  /** As the bank sent it (half-width katakana). */
  remarks: string;
  balance: number;
}

/** One page of the 明細 view, with the count and the sums of every row the filters match. */
export interface StatementPage {
  total: number;
  /** 入金計 and 出金計 of all the matching rows (integer yen), not only this page's. */
  deposits: number;
  withdrawals: number;
  rows: TransactionView[];
}

export interface StatementsResults {
  'statements:query': StatementPage;
}
