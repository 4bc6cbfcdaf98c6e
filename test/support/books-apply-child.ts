/**
 * The app's rule application as a process that can be killed: opens the ledger in a data folder,
 * runs the 自動登録 rules over the 未処理 lines, and prints a line per batch written and "done".
 */
import { createBooks } from '../../main/books/books-handlers.ts';
import { openAppDatabase } from '../../main/store/app-database.ts';

const [dataDir] = process.argv.slice(2) as [string];
const db = openAppDatabase(dataDir);
const books = createBooks(db);
const { registered } = books.journal.applyRules({
  onBatch: (done) => process.stdout.write(`batch ${done}\n`),
});
db.close();
process.stdout.write(`done ${registered}\n`);
