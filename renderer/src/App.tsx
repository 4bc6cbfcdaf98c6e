import { AccountsTable } from './components/AccountsTable.tsx';
import { ConnectPanel } from './components/ConnectPanel.tsx';
import { ConnectionList } from './components/ConnectionList.tsx';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { SyncBar } from './components/SyncBar.tsx';
import { useCore } from './useCore.ts';

const FIRST_STEPS =
  '下のボタンを押すとブラウザで銀行の画面が開きます。ログインして「アクセス許可」の画面で許可すると、' +
  '残高と入出金明細がこのアプリに取り込まれます。パスワードがアプリに渡ることはありません。';

/** The minimal page of the desktop app: link a bank, sync, see balances. */
export function App() {
  const core = useCore();
  const empty = core.connections.length === 0;
  return (
    <div className="app">
      <header className="app-header">
        <h1>デモ信用金庫 連携アプリ</h1>
      </header>
      <main>
        {core.error && <ErrorNotice error={core.error} onDismiss={() => core.setError(undefined)} />}
        {empty && !core.waiting && (
          <section className="empty-state">
            <h2>まず銀行口座を連携しましょう</h2>
            <p>{FIRST_STEPS}</p>
          </section>
        )}
        <ConnectPanel core={core} />
        {!empty && (
          <>
            <ConnectionList core={core} />
            <SyncBar core={core} />
            <AccountsTable accounts={core.accounts} />
          </>
        )}
      </main>
    </div>
  );
}
