/**
 * One day's rows of the statement as columns: what a filter by amount tests, row by row, and the
 * keys of the rows a page shows. Rows are in the statement's order within the day (account, then
 * the order they arrived in), so the days in date order are the whole statement in its order.
 */
export interface DayColumns {
  readonly date: string;
  readonly amount: Float64Array;
  readonly accountId: Int32Array;
  readonly seq: Int32Array;
  /** The row's remark, as its id in remarks_terms: what a 摘要 search is resolved to. */
  readonly termId: Int32Array;
  /** 1 入金, 2 出金 (the bank's 入払区分). */
  readonly type: Uint8Array;
}

/** The day's columns as SQLite's group_concat gives them: the same rows, in one order, comma-separated. */
export interface ConcatenatedDay {
  date: string;
  accountIds: string;
  seqs: string;
  types: string;
  amounts: string;
  termIds: string;
}

/**
 * Columns from one pass of group_concat: each list holds the same rows in the same order, but
 * SQL promises no order to an aggregate, so the rows are put in the statement's order here.
 */
export function fromConcatenated(day: ConcatenatedDay): DayColumns {
  const accountIds = numbers(day.accountIds);
  const seqs = numbers(day.seqs);
  const types = numbers(day.types);
  const amounts = numbers(day.amounts);
  const termIds = numbers(day.termIds);
  const order = accountIds.map((_, i) => i);
  order.sort((a, b) => accountIds[a]! - accountIds[b]! || seqs[a]! - seqs[b]!);
  const columns = emptyDay(day.date, order.length);
  for (const [to, from] of order.entries()) {
    columns.accountId[to] = accountIds[from]!;
    columns.seq[to] = seqs[from]!;
    columns.type[to] = types[from]!;
    columns.amount[to] = amounts[from]!;
    columns.termId[to] = termIds[from]!;
  }
  return columns;
}

/**
 * A day's columns with rows added to it: both in the statement's order (account, then seq), the
 * result too. What a page of the sync adds to a day is merged in, so the day's other rows are
 * copied, not read again from the ledger.
 */
export function mergeDay(day: DayColumns, added: DayColumns): DayColumns {
  const rows = day.amount.length + added.amount.length;
  const merged = emptyDay(day.date, rows);
  let d = 0;
  let a = 0;
  for (let to = 0; to < rows; to++) {
    const fromDay =
      a >= added.amount.length ||
      (d < day.amount.length &&
        (day.accountId[d]! < added.accountId[a]! ||
          (day.accountId[d] === added.accountId[a] && day.seq[d]! < added.seq[a]!)));
    const [from, i] = fromDay ? [day, d++] : [added, a++];
    merged.amount[to] = from.amount[i]!;
    merged.accountId[to] = from.accountId[i]!;
    merged.seq[to] = from.seq[i]!;
    merged.termId[to] = from.termId[i]!;
    merged.type[to] = from.type[i]!;
  }
  return merged;
}

/** Rows as [account, seq, type, amount, remark id], already in the statement's order, as columns. */
export function fromRows(date: string, rows: ReadonlyArray<readonly number[]>): DayColumns {
  const columns = emptyDay(date, rows.length);
  for (const [i, [accountId, seq, type, amount, termId]] of rows.entries()) {
    columns.accountId[i] = accountId!;
    columns.seq[i] = seq!;
    columns.type[i] = type!;
    columns.amount[i] = amount!;
    columns.termId[i] = termId!;
  }
  return columns;
}

const numbers = (list: string): number[] => (list === '' ? [] : list.split(',').map(Number));

/** Bytes per row: the columns follow each other, widest first, so that each view is aligned. */
const ROW_BYTES = 8 + 4 + 4 + 4 + 1;

/** The day's columns as one blob, as the ledger keeps them (statement_day_columns). */
export function encodeDay(day: DayColumns): Buffer {
  const columns = emptyDay(day.date, day.amount.length);
  columns.amount.set(day.amount);
  columns.accountId.set(day.accountId);
  columns.seq.set(day.seq);
  columns.termId.set(day.termId);
  columns.type.set(day.type);
  return Buffer.from(columns.amount.buffer);
}

/**
 * The columns a blob from encodeDay holds. A blob better-sqlite3 reads has a buffer of its own,
 * starting at its first byte, and is viewed where it is (a 1,000,000-row ledger's 21 MB are not
 * copied again on the first filter by amount); one that sits elsewhere in a shared buffer, where a
 * view of 8-byte numbers cannot start, is copied to a buffer of its own.
 */
export function decodeDay(date: string, blob: Uint8Array): DayColumns {
  if (blob.byteLength % ROW_BYTES !== 0) throw new Error(`day columns of ${date}: ${blob.byteLength} bytes`);
  const rows = blob.byteLength / ROW_BYTES;
  if (blob.byteOffset === 0 && blob.buffer.byteLength === blob.byteLength)
    return { date, ...viewsOf(blob.buffer, rows) };
  return { date, ...viewsOf(new Uint8Array(blob).buffer, rows) };
}

function emptyDay(date: string, rows: number): DayColumns {
  return { date, ...viewsOf(new ArrayBuffer(rows * ROW_BYTES), rows) };
}

function viewsOf(buffer: ArrayBufferLike, rows: number): Omit<DayColumns, 'date'> {
  return {
    amount: new Float64Array(buffer, 0, rows),
    accountId: new Int32Array(buffer, 8 * rows, rows),
    seq: new Int32Array(buffer, 12 * rows, rows),
    termId: new Int32Array(buffer, 16 * rows, rows),
    type: new Uint8Array(buffer, 20 * rows, rows),
  };
}
