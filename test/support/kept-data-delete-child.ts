/**
 * Deleting a link's kept data as a process that can be killed: opens the ledger in a data folder and
 * deletes the kept data of connection `id` — resuming the deletion a kill cut short, as the core does
 * at start, when the link is already marked 削除中 — printing a line per progress event and "done".
 */
import { KeptDataDeletion } from '../../main/connections/kept-data.ts';
import { openAppDatabase } from '../../main/store/app-database.ts';
import { BackgroundTaskStore } from '../../main/store/background-task-store.ts';
import { ConnectionStore } from '../../main/store/connection-store.ts';

const [dataDir, connectionId] = process.argv.slice(2) as [string, string];
const db = openAppDatabase(dataDir);
const tasks = new BackgroundTaskStore(db);
const deletion = new KeptDataDeletion({
  db,
  connections: new ConnectionStore(db),
  tasks,
  emit: (event) => {
    if (event.type === 'task:progress')
      process.stdout.write(`slice ${event.task.done}/${event.task.total}\n`);
  },
});
try {
  if (tasks.get('kept-data-delete', connectionId)) await deletion.resume();
  else await deletion.delete(connectionId);
  db.close();
  process.stdout.write('done\n');
} catch (error) {
  process.stdout.write(`failed ${String(error)}\n`);
}
