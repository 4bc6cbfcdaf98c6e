import type { z } from 'zod';
import { ACCOUNTS_ARGS, type AccountsResults } from './accounts-contract.ts';
import { APP_ARGS, type AppResults } from './app-contract.ts';
import { BOOKS_ARGS, type BooksResults } from './books-contract.ts';
import {
  IPC_CHANNELS,
  isIpcChannel,
  type DomainChannel,
  type IpcChannel,
  type IpcDomain,
} from './channels.ts';
import { CONNECTIONS_ARGS, type ConnectionsResults } from './connections-contract.ts';
import { PROFILES_ARGS, type ProfilesResults } from './profiles-contract.ts';
import { REPORTS_ARGS, type ReportsResults } from './reports-contract.ts';
import { SETTINGS_ARGS, type SettingsResults } from './settings-contract.ts';
import { STATEMENTS_ARGS, type StatementsResults } from './statements-contract.ts';
import { SYNC_ARGS, type SyncResults } from './sync-contract.ts';

/**
 * The IPC contract between the renderer and the app core, combined from one file per domain
 * (`<domain>-contract.ts`: its channels' argument schemas, result types and views) and the bridge
 * (bridge-contract.ts: `window.bankdemo`, its answers, the core's events). Both shells (Electron's
 * ipcMain and the browser shell's HTTP bridge) validate every argument with IPC_ARGS before the
 * core sees it. Import the contract from here: its types are the whole API.
 */

export const IPC_ARGS = {
  ...APP_ARGS,
  ...CONNECTIONS_ARGS,
  ...SYNC_ARGS,
  ...ACCOUNTS_ARGS,
  ...STATEMENTS_ARGS,
  ...SETTINGS_ARGS,
  ...PROFILES_ARGS,
  ...BOOKS_ARGS,
  ...REPORTS_ARGS,
} as const satisfies Record<IpcChannel, z.ZodType>;
// Each domain's `satisfies Record<DomainChannel<D>, …>` gives every channel of channels.ts exactly
// one schema in its own domain's file; this one, that no domain is left out.

export interface IpcResults
  extends
    AppResults,
    ConnectionsResults,
    SyncResults,
    AccountsResults,
    StatementsResults,
    SettingsResults,
    ProfilesResults,
    BooksResults,
    ReportsResults {}

export type IpcArgs = { [C in IpcChannel]: z.input<(typeof IPC_ARGS)[C]> };

/** One channel's handler in the core: its argument already validated, errors thrown as AppError. */
type IpcHandler<C extends IpcChannel> = (args: z.output<(typeof IPC_ARGS)[C]>) => Promise<IpcResults[C]>;

/** One domain's handler map: exactly its own channels (main/…/<domain>-handlers.ts). */
export type DomainHandlers<D extends IpcDomain> = { [C in DomainChannel<D>]: IpcHandler<C> };

/** The app core as both shells see it: every channel's handler, combined from the domains' maps. */
export type AppCoreHandlers = { [C in IpcChannel]: IpcHandler<C> };

export { IPC_CHANNELS, isIpcChannel, type IpcChannel, type IpcDomain };
export * from './accounts-contract.ts';
export * from './app-contract.ts';
export * from './books-contract.ts';
export type * from './bridge-contract.ts';
export * from './connections-contract.ts';
export * from './profiles-contract.ts';
export * from './reports-contract.ts';
export * from './settings-contract.ts';
export * from './statements-contract.ts';
export * from './sync-contract.ts';
