import { useEffect, useState } from 'react';
import type { TaskProgress } from '../../../shared/ipc/contract.ts';
import { subscribe } from '../bridge.ts';

const keyOf = (task: TaskProgress) => `${task.kind}/${task.subject}`;

/**
 * The long operations the core runs in slices (a deletion of kept data, 自動登録 over the queue, an
 * export), as their progress events tell them: each until its last event.
 */
export function useTasks(): TaskProgress[] {
  const [tasks, setTasks] = useState<ReadonlyMap<string, TaskProgress>>(new Map());
  useEffect(
    () =>
      subscribe((event) => {
        if (event.type !== 'task:progress') return;
        const { task } = event;
        setTasks((before) => {
          const next = new Map(before);
          if (task.finished) next.delete(keyOf(task));
          else next.set(keyOf(task), task);
          return next;
        });
      }),
    [],
  );
  return [...tasks.values()];
}
