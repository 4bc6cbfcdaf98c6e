import path from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import type { AppCoreHandlers, AppEvent } from '../shared/ipc/contract.ts';
import { BankDiscovery } from './auth/bank-discovery.ts';
import { KeytarVault } from './auth/keytar-vault.ts';
import { createBooks } from './books/books-handlers.ts';
import type { TokenVault } from './auth/token-vault.ts';
import { localBankProfile, type BankProfile } from './bank-profiles.ts';
import { ConnectionAccess } from './connections/connection-access.ts';
import { ConnectionService } from './connections/connection-service.ts';
import { KeptDataDeletion } from './connections/kept-data.ts';
import { connectionsHandlers } from './connections/connections-handlers.ts';
import { accountsHandlers } from './handlers/accounts-handlers.ts';
import { appHandlers } from './handlers/app-handlers.ts';
import { combineHandlers } from './handlers/combine-handlers.ts';
import { settingsHandlers } from './handlers/settings-handlers.ts';
import { statementsHandlers } from './handlers/statements-handlers.ts';
import { ensureLocalBank, localBankNote, type LocalBank } from './local-bank.ts';
import { profilesHandlers } from './profiles/profiles-handlers.ts';
import { reportsHandlers } from './handlers/reports-handlers.ts';
import { AccountStore } from './store/account-store.ts';
import { openAppDatabase } from './store/app-database.ts';
import { BackgroundTaskStore } from './store/background-task-store.ts';
import { ConnectionStore } from './store/connection-store.ts';
import { ProfileStore } from './store/profile-store.ts';
import { SettingsStore } from './store/settings-store.ts';
import { FinderBackfill } from './books/finder-backfill.ts';
import { DayColumnsPreparer } from './store/statement-columns.ts';
import { StatementWriteThread } from './store/statement-write-thread.ts';
import { SyncStateStore } from './store/sync-state-store.ts';
import { ViewQueries } from './store/view-queries.ts';
import { log, logFileIn, useLogFile } from './log/logger.ts';
import { syncHandlers } from './sync/sync-handlers.ts';
import { SyncScheduler } from './sync/sync-scheduler.ts';

export interface AppCoreOptions {
  /** Where the database lives: Electron's userData folder, or BANKDEMO_DATA_DIR (the shells read it, app-config.ts). */
  dataDir: string;
  shell: 'electron' | 'browser';
  /** Opens an authorization URL in the system browser (the shells decide how; tests drive it). */
  openExternal(url: string): Promise<void>;
  /** The keychain; the OS one (keytar, service `bankdemo`) unless a test passes another real one. */
  vault?: TokenVault;
  /**
   * The bank that ships with the app, first among the profiles and not editable. The shells pass the
   * one at BANKDEMO_BANK_ISSUER (app-config.ts); default: the simulator at http://127.0.0.1:4010.
   */
  builtInProfile?: BankProfile;
  /** How long a link waits for the browser; 5 minutes. */
  connectTimeoutMs?: number;
  /**
   * Replaces the user's sync interval (設定 → 自動同期の間隔) with a fixed one; 0 turns background
   * syncs off, the one at launch too (tests).
   */
  syncIntervalMs?: number;
  /** Start the simulator if the default local bank is chosen and not running (the shells do). */
  startLocalBank?: boolean;
  /** The certificate-login port of a bank the core starts (BANK_TLS_PORT); default its port + 1. */
  localBankTlsPort?: number;
  /**
   * Saves a bookkeeping export's files where the user chooses (Electron's save dialog: the first
   * file's place, the others beside it); their paths, or undefined when cancelled. Absent (browser
   * shell): the renderer downloads the files.
   */
  saveFiles?(files: readonly { fileName: string; bytes: Buffer }[]): Promise<string[] | undefined>;
}

export interface AppCore {
  handlers: AppCoreHandlers;
  /** The banks as they are now (the built-in one first): the shells' allow-list for the system browser. */
  profiles(): readonly BankProfile[];
  /** Subscribes to the core's events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** What the shell should tell the user at start (whose bank answers on the built-in bank's port). */
  startupNotes: string[];
  /** Stops timers, waits for running syncs, closes the ledger and any local bank it started. */
  close(): Promise<void>;
}

const VERSION: string = packageJson.version;

/**
 * The app core, the same in both shells: the ledger, the keychain, links and syncs composed into
 * the handlers of the IPC contract. It never imports Electron.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  useLogFile({ file: logFileIn(options.dataDir) });
  log.info('core.started', { version: VERSION, shell: options.shell });
  const builtIn = options.builtInProfile ?? localBankProfile();
  const localBank = options.startLocalBank
    ? await startLocalBankIfAbsent(builtIn, options.dataDir, options.localBankTlsPort)
    : undefined;

  const listeners = new Set<(event: AppEvent) => void>();
  const db = openAppDatabase(options.dataDir);
  const books = createBooks(db, {
    ...(options.saveFiles ? { saveFiles: options.saveFiles } : {}),
    emit: (event) => emit(event),
  });
  const dayColumns = new DayColumnsPreparer(db);
  const emit = (event: AppEvent) => {
    // The days a sync or a deletion wrote get their columns for filters by amount, in the background.
    if (event.type === 'sync:finished' || event.type === 'connections:changed') dayColumns.prepare();
    for (const listener of listeners) listener(event);
  };
  // New lines meet the 自動登録 rules before the UI hears of the sync: in slices, the app answering
  // other calls meanwhile (a first sync of a million lines); it tells books:changed itself.
  const applyBookRules = async () => {
    try {
      await books.afterSync();
    } catch (error) {
      log.error('books.rules-failed', { cause: error });
    }
  };
  const stores = {
    connections: new ConnectionStore(db),
    accounts: new AccountStore(db),
    syncState: new SyncStateStore(db),
    statements: new StatementWriteThread(db),
  };
  const views = new ViewQueries(db);
  const settings = new SettingsStore(db);
  const profiles = new ProfileStore(db, builtIn, stores.connections);
  const vault = options.vault ?? new KeytarVault();
  const discovery = new BankDiscovery();
  const access = new ConnectionAccess({
    connections: stores.connections,
    vault,
    discovery,
    profiles: () => profiles.list(),
    emit,
  });
  const connections = new ConnectionService({
    connections: stores.connections,
    accounts: stores.accounts,
    views,
    vault,
    access,
    discovery,
    language: () => settings.get().language,
    openExternal: options.openExternal,
    emit,
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  });
  const syncs = new SyncScheduler({ stores, connections: access, emit, beforeFinished: applyBookRules });
  const tasks = new BackgroundTaskStore(db);
  const keptData = new KeptDataDeletion({ db, connections: stores.connections, tasks, emit });
  /** The user's interval takes effect at once: the running timer is replaced, not left to finish. */
  const applySyncInterval = (minutes: number) => {
    if (options.syncIntervalMs === undefined) syncs.startInterval(minutes * 60_000);
  };
  const handlers = combineHandlers({
    app: appHandlers({
      version: VERSION,
      shell: options.shell,
      dataDir: options.dataDir,
      profiles: () => profiles.list(),
    }),
    connections: connectionsHandlers({ connections, keptData, views, syncs }),
    sync: syncHandlers(syncs),
    accounts: accountsHandlers(views),
    statements: statementsHandlers(views),
    settings: settingsHandlers({ settings, profiles, applySyncInterval }),
    profiles: profilesHandlers(profiles, emit),
    books: books.handlers,
    reports: reportsHandlers(db, settings),
  });

  // A deletion a crash cut short is finished first, in slices like any other.
  void keptData.resume();
  void books.rulesApplication.resume();
  // The days' columns in memory, and a ledger written without a sync (a restore, one an older
  // version filled) gets its missing days built, in the background from the first turn of the
  // event loop, a slice at a time between the calls: while the window loads its page (300 ms and
  // more), so that no first filter by amount reads or builds them.
  dayColumns.prepare(0);
  // An older ledger's entries read into the 仕訳帳's finder and the 取引先 balances (migration 23),
  // a slice at a time; the search and the 消込 proposals read the journal until it is done.
  const finderBackfill = new FinderBackfill(db);
  finderBackfill.start();

  // At launch: one sync, then every N minutes as the user chose (0: at launch and on demand only).
  // The launch sync waits a turn so that the shell, subscribed by then, sees its sync:started.
  let launchSync: NodeJS.Immediate | undefined;
  if (options.syncIntervalMs !== 0) {
    syncs.startInterval(options.syncIntervalMs ?? settings.get().syncIntervalMinutes * 60_000);
    launchSync = setImmediate(() => void syncs.runAll().catch(() => {}));
  }

  return {
    handlers,
    profiles: () => profiles.list(),
    startupNotes: localBank
      ? [localBankNote(localBank.found, builtIn.issuer)].filter((n) => n !== undefined)
      : [],
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearImmediate(launchSync);
      syncs.stopInterval();
      connections.cancel();
      await syncs.idle();
      await stores.statements.close();
      await keptData.stop();
      await books.rulesApplication.stop();
      await dayColumns.stop();
      await finderBackfill.stop();
      db.close();
      listeners.clear();
      await localBank?.stop();
    },
  };
}

/**
 * The built-in bank, started when it is the chosen bank and not running. A copy of the app without
 * the simulator beside it (a packaged build) still opens: linking then says the bank is unavailable.
 */
async function startLocalBankIfAbsent(
  profile: BankProfile,
  dataDir: string,
  tlsPort: number | undefined,
): Promise<LocalBank | undefined> {
  try {
    const bank = await ensureLocalBank(profile, path.join(dataDir, 'bank'), tlsPort);
    log.info('bank.local-found', { issuer: profile.issuer, found: bank.found });
    return bank;
  } catch (error) {
    log.warn('bank.local-start-failed', { issuer: profile.issuer, cause: error });
    return undefined;
  }
}
