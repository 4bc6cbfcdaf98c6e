import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureConnection } from './app-database.ts';
import { StatementWriter } from './statement-writer.ts';
import type { WriteAnswer, WriteRequest, WriterThreadData } from './statement-write-thread.ts';

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

parentPort!.on('message', (request: WriteRequest | 'close') => {
  if (request === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  const { id, accountId, rows, next } = request;
  let answer: WriteAnswer;
  try {
    answer = { id, added: writer.writePage(accountId, rows, next) };
  } catch (error) {
    const { name, message, code } = error as Error & { code?: unknown };
    answer = { id, error: { name, message, ...(typeof code === 'string' ? { code } : {}) } };
  }
  parentPort!.postMessage(answer);
});
