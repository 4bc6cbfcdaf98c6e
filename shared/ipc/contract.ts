import { z } from 'zod';
import { CHANNELS, type ApiScope, type Channel } from '../bank/oauth.ts';
import type { AppErrorInfo } from '../app-errors.ts';
import { IPC_CHANNELS, isIpcChannel, type IpcChannel } from './channels.ts';

/**
 * The IPC contract between the renderer and the app core: one map from channel (`domain:verb`)
 * to the zod schema of its single argument, the TypeScript type of its result, and the events
 * the core pushes. Both shells (Electron's ipcMain and the browser shell's HTTP bridge) validate
 * every argument with these schemas before the core sees it.
 */

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id the app gave out');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const yen = z.number().int().min(0).max(1e13);

export const TransactionQuery = z
  .object({
    accountId: id.optional(),
    dateFrom: date.optional(),
    dateTo: date.optional(),
    /** '1' 入金, '2' 出金. */
    type: z.enum(['1', '2']).optional(),
    minAmount: yen.optional(),
    maxAmount: yen.optional(),
    text: z.string().max(100).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type TransactionQuery = z.input<typeof TransactionQuery>;

export const IPC_ARGS = {
  'app:info': z.undefined(),
  'connections:list': z.undefined(),
  'connections:connect': z.object({ channel: z.enum(CHANNELS), profileId: id.optional() }).strict(),
  'connections:cancel': z.undefined(),
  'connections:relink': z.object({ connectionId: id }).strict(),
  'connections:disconnect': z.object({ connectionId: id, keepData: z.boolean() }).strict(),
  'sync:run': z.object({ connectionId: id.optional() }).strict(),
  'ledger:accounts': z.undefined(),
  'ledger:transactions': TransactionQuery,
} as const satisfies Record<IpcChannel, z.ZodType>;

// `satisfies` makes every channel of channels.ts have a schema here, and no schema a channel it lacks.
export { IPC_CHANNELS, isIpcChannel, type IpcChannel };

export type ConnectionStatus = 'active' | 'relink-required' | 'disconnected';

export interface ConnectionView {
  id: string;
  profileId: string;
  bankName: string;
  channel: Channel;
  scopes: ApiScope[];
  status: ConnectionStatus;
  /** ISO times. */
  linkedAt: string;
  expiresAt: string;
  lastSync?: SyncOutcome;
}

export interface AccountView {
  id: string;
  connectionId: string;
  bankName: string;
  branchName: string;
  accountTypeName: string;
  /** Last four digits only: the UI never needs the whole number. */
  maskedNumber: string;
  accountName: string;
  balance?: number;
  balanceBaseDate?: string;
  balanceBaseTime?: string;
  transactionCount: number;
  lastSyncedAt?: string;
  lastError?: AppErrorInfo;
}

export interface TransactionView {
  accountId: string;
  itemKey: string;
  transactionDate: string;
  valueDate: string;
  type: '1' | '2';
  amount: number;
  /** As the bank sent it (half-width katakana). */
  remarks: string;
  balance: number;
}

export interface AccountSyncResult {
  accountId: string;
  newTransactions: number;
  error?: AppErrorInfo;
}

export interface SyncOutcome {
  connectionId: string;
  startedAt: string;
  finishedAt: string;
  accounts: AccountSyncResult[];
  /** Set when the whole connection failed (expired link, bank down before the account list). */
  error?: AppErrorInfo;
}

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  dataDir: string;
  profiles: { id: string; name: string; issuer: string }[];
}

export interface IpcResults {
  'app:info': AppInfo;
  'connections:list': ConnectionView[];
  'connections:connect': ConnectionView;
  'connections:cancel': { cancelled: boolean };
  'connections:relink': ConnectionView;
  'connections:disconnect': { revokedAtBank: boolean; dataKept: boolean };
  'sync:run': SyncOutcome[];
  'ledger:accounts': AccountView[];
  'ledger:transactions': { total: number; rows: TransactionView[] };
}

export type IpcArgs = { [C in IpcChannel]: z.input<(typeof IPC_ARGS)[C]> };

/** Every answer is a value: the renderer never sees a thrown error, only a code. */
export type IpcResult<C extends IpcChannel> =
  { ok: true; value: IpcResults[C] } | { ok: false; error: AppErrorInfo };

export type AppEvent =
  | {
      type: 'connect:waiting';
      channel: Channel;
      authorizationUrl: string;
      /** The app's one-shot loopback listener, for diagnostics (the port is no secret). */
      redirectUri: string;
    }
  | { type: 'connect:finished'; connectionId?: string; error?: AppErrorInfo }
  | { type: 'connections:changed' }
  | { type: 'sync:progress'; connectionId: string; accountId: string; pages: number; rows: number }
  | { type: 'sync:finished'; outcome: SyncOutcome };

/** What the preload exposes as `window.bankdemo` (and the browser shell's bridge script too). */
export interface BankdemoBridge {
  invoke<C extends IpcChannel>(channel: C, args: IpcArgs[C]): Promise<IpcResult<C>>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
}

/** The app core as both shells see it: handlers already validated, errors thrown as AppError. */
export type AppCoreHandlers = {
  [C in IpcChannel]: (args: z.output<(typeof IPC_ARGS)[C]>) => Promise<IpcResults[C]>;
};
