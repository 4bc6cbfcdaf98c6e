import { z } from 'zod';
import { CHANNELS, type ApiScope, type Channel } from '../bank/oauth.ts';
import type { AppErrorInfo } from '../app-errors.ts';
import { BOOKS_IPC_ARGS, type BooksIpcResults } from './books-contract.ts';
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
    /**
     * Matched against the remarks with kana folded (shared/kana.ts): half-width and full-width,
     * katakana and hiragana, small and large kana match alike, as the bank prints them.
     */
    text: z.string().max(100).optional(),
    /** By date, then as the bank ordered them; 'desc' puts the newest first. */
    order: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type TransactionQuery = z.input<typeof TransactionQuery>;

/**
 * Where a bank profile may point: https anywhere, plain http only on this machine (the simulator).
 * Tokens and the customer's statements travel there, so nothing else is accepted.
 */
const bankUrl = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      if (url.username || url.password || url.hash) return false;
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  }, 'must be an https URL (or http on 127.0.0.1 / localhost)');

/** What a bank profile needs: where its authorization server and API are, and who we are there. */
export const BankProfileInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    issuer: bankUrl,
    clientId: z.string().regex(/^[\x21-\x7e]{1,100}$/, 'must be printable ASCII without spaces'),
    apiBase: bankUrl,
  })
  .strict();
export type BankProfileInput = z.input<typeof BankProfileInput>;

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Background sync every N minutes while the app is open; 0 = only at launch and on demand. */
export const SYNC_INTERVAL_CHOICES = [0, 5, 15, 30, 60, 180] as const;

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
  'settings:get': z.undefined(),
  'settings:update': z
    .object({
      language: z.enum(LANGUAGES).optional(),
      syncIntervalMinutes: z
        .number()
        .refine((n) => (SYNC_INTERVAL_CHOICES as readonly number[]).includes(n), 'not an offered interval')
        .optional(),
    })
    .strict(),
  /** Adds a profile, or changes one (`id`); the built-in bank cannot be changed. */
  'profiles:save': BankProfileInput.extend({ id: id.optional() }).strict(),
  /** Refused with PROFILE_IN_USE while a connection links through it. */
  'profiles:delete': z.object({ profileId: id }).strict(),
  /** Tries a profile (saved or only typed in the form) without linking anything. */
  'profiles:test': BankProfileInput.omit({ name: true }).strict(),
  // Bookkeeping: books-contract.ts.
  ...BOOKS_IPC_ARGS,
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

export interface BankProfileView {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  apiBase: string;
  /** The simulator that ships with the app: always there, not editable. */
  builtIn: boolean;
}

export interface AppSettings {
  language: Language;
  syncIntervalMinutes: number;
  /** The built-in bank first. */
  profiles: BankProfileView[];
}

/** One step of a profile test, in the order they run; a failed step skips the ones after it. */
export interface ProfileCheck {
  /** discovery: the issuer publishes metadata naming itself; pkce: S256 and the code grant are
   * offered; api: the API base answers like a bank API (401 with a Bearer challenge, no token sent). */
  check: 'discovery' | 'pkce' | 'api';
  ok: boolean;
  /** What was found, in English, for the screen and the QA report. */
  detail?: string;
}

export interface ProfileTestResult {
  ok: boolean;
  checks: ProfileCheck[];
}

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  dataDir: string;
  profiles: { id: string; name: string; issuer: string }[];
}

export interface IpcResults extends BooksIpcResults {
  'app:info': AppInfo;
  'connections:list': ConnectionView[];
  'connections:connect': ConnectionView;
  'connections:cancel': { cancelled: boolean };
  'connections:relink': ConnectionView;
  'connections:disconnect': { revokedAtBank: boolean; dataKept: boolean };
  'sync:run': SyncOutcome[];
  'ledger:accounts': AccountView[];
  'ledger:transactions': { total: number; rows: TransactionView[] };
  'settings:get': AppSettings;
  'settings:update': AppSettings;
  'profiles:save': BankProfileView;
  'profiles:delete': { deleted: boolean };
  'profiles:test': ProfileTestResult;
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
  | { type: 'sync:started'; connectionId: string }
  | {
      type: 'sync:progress';
      connectionId: string;
      accountId: string;
      pages: number;
      rows: number;
      /** The run's first day and the last day written so far (JST), for a progress bar by date. */
      dateFrom: string;
      reachedDate: string;
    }
  /** The bank asked the app to wait (429/503 with Retry-After, or a failed request backing off). */
  | { type: 'sync:waiting'; connectionId: string; status?: number; retryAt: string }
  | { type: 'sync:finished'; outcome: SyncOutcome }
  /** Journal entries changed without the UI asking (自動登録 rules after a sync). */
  | { type: 'books:changed' };

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
