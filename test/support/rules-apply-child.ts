/**
 * 自動登録 in slices (main/tasks/rules-application.ts) as a process that can be killed: opens the
 * ledger in a data folder and applies the rules — resuming, as the core does at start, when a
 * killed run left its mark — printing a line per progress event and "done".
 */
import { createBooks } from '../../main/books/books-handlers.ts';
import { openAppDatabase } from '../../main/store/app-database.ts';
import { BackgroundTaskStore } from '../../main/store/background-task-store.ts';

const [dataDir] = process.argv.slice(2) as [string];
const db = openAppDatabase(dataDir);
const books = createBooks(db, {
  emit: (event) => {
    if (event.type === 'task:progress')
      process.stdout.write(`slice ${event.task.done}/${event.task.total}\n`);
  },
});
try {
  if (new BackgroundTaskStore(db).list('rules-apply').length > 0) await books.rulesApplication.resume();
  else await books.rulesApplication.run();
  db.close();
  process.stdout.write('done\n');
} catch (error) {
  process.stdout.write(`failed ${String(error)}\n`);
}
