import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureConnection } from './app-database.ts';
import { StatementWriter } from './statement-writer.ts';
import type { BankTransaction } from '../connectors/bank-connector.ts';
import type { WriteAnswer, WriterRequest, WriterThreadData } from './statement-write-thread.ts';

/**
 * The sync's writer thread (statement-write-thread.ts): its own connection to the ledger the main
 * process opened and migrated, one StatementWriter, the writes done in the order they arrive, each
 * answered with the rows it added or with why it failed (rolled back whole).
 */
const { file } = workerData as WriterThreadData;
const db = new Database(file, { fileMustExist: true });
configureConnection(db);
/**
 * 4 MB of page cache, not better-sqlite3's 16: a write touches the last pages of the table's four
 * orders and of the totals, which 4 MB holds; a 16 MB cache filled with pages written once was
 * 25 MB more of the process's peak memory during a first sync, for no measurable speed (bench:sync).
 */
db.pragma('cache_size = -4000');
const writer = new StatementWriter(db);

/** Each account's rows staged for its next write (`stage`), by the staging run they came in. */
const staged = new Map<number, { run: number; pages: Array<readonly BankTransaction[]> }>();

parentPort!.on('message', (request: WriterRequest) => {
  if (request === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  if (request.type === 'discard') {
    staged.delete(request.accountId);
    return;
  }
  const kept = staged.get(request.accountId);
  if (request.type === 'stage') {
    // Another run's rows still here were a failed run's: dropped, never written with this one's.
    if (kept?.run === request.run) kept.pages.push(request.rows);
    else staged.set(request.accountId, { run: request.run, pages: [request.rows] });
    return;
  }
  staged.delete(request.accountId);
  const { id, accountId, next } = request;
  const ahead = kept?.run === request.run ? kept.pages : [];
  const rows = ahead.length === 0 ? request.rows : [...ahead, request.rows].flat();
  let answer: WriteAnswer;
  try {
    answer = { id, added: writer.writePage(accountId, rows, next) };
  } catch (error) {
    const { name, message, code } = error as Error & { code?: unknown };
    answer = { id, error: { name, message, ...(typeof code === 'string' ? { code } : {}) } };
  }
  parentPort!.postMessage(answer);
});
