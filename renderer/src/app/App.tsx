import { lazy, Suspense, useState } from 'react';
import { AccountsScreen } from '../accounts/AccountsScreen.tsx';
import { useWords } from '../i18n/words.ts';
import { ConnectDialog } from '../links/ConnectDialog.tsx';
import { LinksScreen } from '../links/LinksScreen.tsx';
import { useLinking } from '../links/use-linking.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { StatementsScreen } from '../statements/StatementsScreen.tsx';
import { SyncStatus } from '../sync/SyncStatus.tsx';
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
  const core = useCoreData();
  const errors = useError();
  const sync = useSync(errors, core.connections);
  const linking = useLinking(errors, core.reload);

  const fix: FixHandlers = {
    relink: (connectionId) => {
      const target = connectionId ?? core.connections.find((c) => c.status === 'relink-required')?.id;
      if (target) linking.relink(target);
      else setScreen('links');
    },
    openSettings: () => setScreen('settings'),
    reload: () => void core.reload().catch((error: unknown) => errors.show(error)),
    openChart: () => setScreen('books'),
  };
  const firstRun =
    core.loaded &&
    core.connections.length === 0 &&
    (screen === 'accounts' || screen === 'statements' || screen === 'books');

  return (
    <div className="app">
      <header className="top-bar">
        <h1>{t('app.title')}</h1>
        <NavBar current={screen} onGo={setScreen} />
        <SyncStatus sync={sync} accounts={core.accounts} />
      </header>
      <main>
        {errors.shown && <ErrorNotice error={errors.shown} fix={fix} onDismiss={errors.clear} />}
        {firstRun ? (
          <EmptyState onLink={linking.open} builtInOnly={core.profiles.length <= 1} />
        ) : screen === 'accounts' ? (
          <AccountsScreen accounts={core.accounts} connections={core.connections} />
        ) : screen === 'statements' ? (
          <StatementsScreen accounts={core.accounts} dataVersion={core.dataVersion} />
        ) : screen === 'books' ? (
          <Suspense fallback={<p>{t('common.loading')}</p>}>
            <BooksScreen errors={errors} dataVersion={core.dataVersion} />
          </Suspense>
        ) : screen === 'links' ? (
          <LinksScreen
            connections={core.connections}
            linking={linking}
            errors={errors}
            reload={core.reload}
          />
        ) : (
          <SettingsScreen settings={core.settings} errors={errors} onSettings={core.setSettings} />
        )}
      </main>
      <ConnectDialog key={linking.dialog?.mode ?? 'closed'} linking={linking} profiles={core.profiles} />
    </div>
  );
}
