import { lazy, Suspense, useState } from 'react';
import { AccountsScreen } from '../accounts/AccountsScreen.tsx';
import { useWords } from '../i18n/words.ts';
import { ConnectDialog } from '../links/ConnectDialog.tsx';
import { LinksScreen } from '../links/LinksScreen.tsx';
import { RelinkDialog } from '../links/RelinkDialog.tsx';
import { useLinking } from '../links/use-linking.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { StatementsScreen } from '../statements/StatementsScreen.tsx';
import { SyncStatus } from '../sync/SyncStatus.tsx';
import { TaskProgress } from './TaskProgress.tsx';
import { useTasks } from './use-tasks.ts';
import { useSync } from '../sync/use-sync.ts';
import { EmptyState } from './EmptyState.tsx';
import { ErrorNotice, type FixHandlers } from './ErrorNotice.tsx';
import { NavBar, type Screen } from './NavBar.tsx';
import { useCoreData } from './use-core-data.ts';
import { useError } from './use-error.ts';

// The books (and their chart library) load when first opened: the other screens start without them.
const BooksScreen = lazy(() => import('../books/BooksScreen.tsx').then((m) => ({ default: m.BooksScreen })));

/** The desktop app: a top bar (title, screens, 同期), the error with its fix, and the current screen. */
export function App() {
  const { t } = useWords();
  const [screen, setScreen] = useState<Screen>('accounts');
  /** The account a row of 口座 opened 明細 for ('' = all), and a count that makes each opening fresh. */
  const [statementsFor, setStatementsFor] = useState({ accountId: '', opened: 0 });
  // A fix that opens the books at one tab (勘定科目 for a title with no export label) opens it anew.
  const [booksFor, setBooksFor] = useState<{ tab?: 'chart' | 'reconcile'; opened: number }>({ opened: 0 });
  const openStatements = (accountId: string) => {
    setStatementsFor((s) => ({ accountId, opened: s.opened + 1 }));
    setScreen('statements');
  };
  const core = useCoreData();
  const errors = useError();
  const sync = useSync(errors, core.connections);
  const tasks = useTasks();
  const linking = useLinking(errors, core.reload);
  /** The connection whose 再連携 waits for the user to see who must log in (RelinkDialog). */
  const [relinkWho, setRelinkWho] = useState<string>();
  const relinking = core.connections.find((c) => c.id === relinkWho);

  const fix: FixHandlers = {
    relink: (connectionId) => {
      const target = connectionId ?? core.connections.find((c) => c.status === 'relink-required')?.id;
      if (target) setRelinkWho(target);
      else setScreen('links');
    },
    openSettings: () => setScreen('settings'),
    reload: () => void core.reload().catch((error: unknown) => errors.show(error)),
    openChart: () => {
      setBooksFor({ tab: 'chart', opened: Date.now() });
      setScreen('books');
    },
  };
  const firstRun =
    core.loaded &&
    core.connections.length === 0 &&
    (screen === 'accounts' || screen === 'statements' || screen === 'books');

  return (
    <div className="app">
      <header className="top-bar">
        <h1>{t('app.title')}</h1>
        <NavBar
          current={screen}
          onGo={(next) => (next === 'statements' ? openStatements('') : setScreen(next))}
        />
        <SyncStatus sync={sync} accounts={core.accounts} />
      </header>
      <TaskProgress tasks={tasks} connections={core.connections} />
      {/* 明細 fills the window and scrolls inside; the other screens scroll with the page. */}
      <main className={screen === 'statements' && !firstRun ? 'fill' : undefined}>
        {errors.shown && <ErrorNotice error={errors.shown} fix={fix} onDismiss={errors.clear} />}
        {firstRun ? (
          <EmptyState onLink={linking.open} builtInOnly={core.profiles.length <= 1} />
        ) : screen === 'accounts' ? (
          <AccountsScreen
            groups={core.groups}
            connections={core.connections}
            onOpen={openStatements}
            dataVersion={core.dataVersion}
            onOpenReconciliation={() => {
              setBooksFor({ tab: 'reconcile', opened: Date.now() });
              setScreen('books');
            }}
          />
        ) : screen === 'statements' ? (
          <StatementsScreen
            key={statementsFor.opened}
            accounts={core.accounts}
            groups={core.groups}
            dataVersion={core.dataVersion}
            accountId={statementsFor.accountId}
          />
        ) : screen === 'books' ? (
          <Suspense fallback={<p>{t('common.loading')}</p>}>
            <BooksScreen
              key={booksFor.opened}
              errors={errors}
              dataVersion={core.dataVersion}
              onAccountsChanged={() => void core.reload().catch((error: unknown) => errors.show(error))}
              {...(booksFor.tab ? { initialTab: booksFor.tab } : {})}
            />
          </Suspense>
        ) : screen === 'links' ? (
          <LinksScreen
            connections={core.connections}
            groups={core.groups}
            linking={linking}
            onRelink={setRelinkWho}
            errors={errors}
            reload={core.reload}
          />
        ) : (
          <SettingsScreen settings={core.settings} errors={errors} onSettings={core.setSettings} />
        )}
      </main>
      {relinking && (
        <RelinkDialog
          connection={relinking}
          group={core.groups.find((g) => g.connectionId === relinking.id)}
          onStart={() => {
            setRelinkWho(undefined);
            linking.relink(relinking.id);
          }}
          onCancel={() => setRelinkWho(undefined)}
        />
      )}
      <ConnectDialog key={linking.dialog?.mode ?? 'closed'} linking={linking} profiles={core.profiles} />
    </div>
  );
}
