import type { ConnectionView, TaskProgress as Task } from '../../../shared/ipc/contract.ts';
import { useWords } from '../i18n/words.ts';

/**
 * Below the top bar while the core runs a long operation in slices: what it is, a bar, and how far
 * it got — the app answers meanwhile, and the user sees that it is working rather than frozen.
 */
export function TaskProgress({ tasks, connections }: { tasks: Task[]; connections: ConnectionView[] }) {
  const { t } = useWords();
  if (tasks.length === 0) return null;
  return (
    <div className="task-progress" data-testid="task-progress">
      {tasks.map((task) => {
        const percent = task.total > 0 ? Math.min(100, Math.round((task.done / task.total) * 100)) : 0;
        const bank = connections.find((c) => c.id === task.subject)?.bankName ?? '';
        const what = t(`tasks.${task.kind}`, { bank });
        const count =
          task.total > 0 ? t('tasks.count', { done: task.done, total: task.total }) : t('tasks.preparing');
        return (
          <div key={`${task.kind}/${task.subject}`} className="task" role="status">
            <span className="task-what">{what}</span>
            <div
              className="progress-track"
              role="progressbar"
              aria-label={t('tasks.label')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${what} ${percent}%`}
            >
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <span className="task-count">
              {percent}% {count}
            </span>
            <span className="task-note">{t('tasks.note')}</span>
          </div>
        );
      })}
    </div>
  );
}
