import { z } from 'zod';
import {
  ApiDialectSchema,
  API_SCOPES,
  CHANNELS,
  type ApiDialect,
  type ApiScope,
  type Channel,
} from '../bank/oauth.ts';
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

/** A scope to ask the bank for, and the operations the app may do when the bank grants it. */
export const ScopeGrant = z
  .object({
    name: z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, 'must be a scope token (RFC 6749 §3.3)'),
    grants: z.array(z.enum(API_SCOPES)).max(API_SCOPES.length),
  })
  .strict();
export type ScopeGrant = z.infer<typeof ScopeGrant>;

/**
 * What a bank profile needs: where its authorization server and API are, who we are there, and
 * how its API speaks. The dialect's defaults stand for what is left out (one API base for both
 * channels, the dialect's scopes).
 */
export const BankProfileInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    issuer: bankUrl,
    clientId: z.string().regex(/^[\x21-\x7e]{1,100}$/, 'must be printable ASCII without spaces'),
    apiBase: bankUrl,
    dialect: ApiDialectSchema.optional(),
    /** A different API base for one channel (GMO Aozora: …/personal/v1 and …/corporation/v1). */
    apiBasePersonal: bankUrl.optional(),
    apiBaseCorporate: bankUrl.optional(),
    scopes: z.array(ScopeGrant).min(1).max(10).optional(),
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
  /** The link waiting at the bank, if any: the UI finds it again after a reload. */
  'connections:pending': z.undefined(),
  /** Opens the waiting link's address in the system browser again (through the same bank-only check). */
  'connections:reopen': z.undefined(),
  'connections:relink': z.object({ connectionId: id }).strict(),
  'connections:disconnect': z.object({ connectionId: id, keepData: z.boolean() }).strict(),
  /** Deletes the data a disconnected link kept (its accounts and statements); nothing else. */
  'connections:delete-data': z.object({ connectionId: id }).strict(),
  'sync:run': z.object({ connectionId: id.optional() }).strict(),
  'ledger:accounts': z.undefined(),
  'ledger:account-groups': z.undefined(),
  'ledger:transactions': TransactionQuery,
  'settings:get': z.undefined(),
  'settings:update': z
    .object({
      language: z.enum(LANGUAGES).optional(),
      syncIntervalMinutes: z
        .number()
        .refine((n) => (SYNC_INTERVAL_CHOICES as readonly number[]).includes(n), 'not an offered interval')
        .optional(),
      fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
    })
    .strict(),
  /** Adds a profile, or changes one (`id`); the built-in bank cannot be changed. */
  'profiles:save': BankProfileInput.extend({ id: id.optional() }).strict(),
  /** Refused with PROFILE_IN_USE while a connection links through it. */
  'profiles:delete': z.object({ profileId: id }).strict(),
  /** Tries a profile (saved or only typed in the form) without linking anything. */
  'profiles:test': BankProfileInput.omit({ name: true, scopes: true }).strict(),
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
  /** Absent when the bank stated no lifetime for the link: its end is unknown until refused. */
  expiresAt?: string;
  /** The link's tokens are bound to the app's own key (DPoP): shown as 「鍵で保護」. */
  keyProtected?: boolean;
  lastSync?: SyncOutcome;
}

/** A link waiting for the customer at the bank (one at a time), as the core holds it. */
export interface PendingLinkView {
  mode: 'connect' | 'relink';
  /** The connection a 再連携 goes to. */
  connectionId?: string;
  channel: Channel;
  profileId: string;
  bankName: string;
  /**
   * The bank's authorization URL the core built and opened (with PAR: only client_id and the
   * request_uri). Never a token or a code.
   */
  authorizationUrl: string;
  /** ISO times: when the wait began, and when it ends with AUTH_TIMEOUT. */
  startedAt: string;
  expiresAt: string;
}

export interface AccountView {
  id: string;
  connectionId: string;
  bankName: string;
  branchName: string;
  accountTypeName: string;
  /** Last four digits only: the UI never needs the whole number. */
  maskedNumber: string;
  /** The holder's name (口座名義); '' where the bank does not send one (GMO: not for 定期・外貨). */
  accountName: string;
  /** The bank's account type code (01 普通, 11 円定期預金, 51 外貨普通預金 at GMO…). */
  accountTypeCode?: string;
  /** ISO 4217; JPY unless the account is held in a foreign currency. */
  currencyCode?: string;
  /** A foreign-currency account's balance as the bank wrote it; `balance` is then its yen equivalent. */
  foreignBalance?: string;
  /** False where the bank serves no statement for the account (balance only). */
  servesStatements?: boolean;
  /** Integer yen. */
  balance?: number;
  balanceBaseDate?: string;
  balanceBaseTime?: string;
  transactionCount: number;
  lastSyncedAt?: string;
  lastError?: AppErrorInfo;
}

/** 口座 by link: one connection's accounts, its customer, and the total of this group alone. */
export interface AccountGroup {
  connectionId: string;
  bankName: string;
  channel: Channel;
  status: ConnectionStatus;
  /** The accounts' holder names as the bank gives them: who this link is. */
  holderNames: string[];
  accounts: AccountView[];
  /** The sum of the group's balances; absent for a disconnected link (its balances are not live). */
  total?: number;
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

/** One page of the 明細 view, with the count and the sums of every row the filters match. */
export interface StatementPage {
  total: number;
  /** 入金計 and 出金計 of all the matching rows (integer yen), not only this page's. */
  deposits: number;
  withdrawals: number;
  rows: TransactionView[];
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
  dialect: ApiDialect;
  apiBasePersonal?: string;
  apiBaseCorporate?: string;
  scopes: ScopeGrant[];
  /** The simulator that ships with the app: always there, not editable. */
  builtIn: boolean;
}

export interface AppSettings {
  language: Language;
  syncIntervalMinutes: number;
  /** The month (1–12) the fiscal year starts in: the books' exports choose a year by it. */
  fiscalYearStartMonth: number;
  /** The built-in bank first. */
  profiles: BankProfileView[];
}

/** What a 接続テスト step found, as a key and its values: the UI says it in its own language. */
export interface ProfileFinding {
  key:
    | 'discovery-ok'
    | 'http-status'
    | 'not-json'
    | 'wrong-issuer'
    | 'pkce-ok'
    | 'no-s256'
    | 'no-code-grant'
    | 'no-code-response'
    | 'no-endpoint'
    | 'api-ok'
    | 'api-not-401'
    | 'dialect-ok'
    | 'dialect-other'
    | 'dialect-unknown'
    | 'dpop-offered'
    | 'dpop-not-offered'
    | 'unreachable'
    | 'timeout'
    | 'redirected'
    | 'unexpected';
  /** The address asked, what was found (an issuer, a list, a Location, a cause, a dialect), an HTTP
   * status, the bank's error code. */
  url?: string;
  value?: string;
  status?: number;
  code?: string;
}

/** One step of a profile test, in the order they run; a failed step skips the ones after it. */
export interface ProfileCheck {
  /** discovery: the issuer publishes metadata naming itself; pkce: S256 and the code grant are
   * offered; api: each API base refuses a request without a token (401); dialect: that refusal is
   * in the profile's API dialect; key-binding: whether the bank binds tokens to the app's key (DPoP)
   * or links get bearer tokens (never a failure). */
  check: 'discovery' | 'pkce' | 'api' | 'dialect' | 'key-binding';
  ok: boolean;
  /** What was found, in English, for the QA report and the log. */
  detail?: string;
  finding?: ProfileFinding;
}

export interface ProfileTestResult {
  ok: boolean;
  checks: ProfileCheck[];
}

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  dataDir: string;
  /** The core's log (rotated, redacted), for the user to send when something fails. */
  logFile: string;
  profiles: { id: string; name: string; issuer: string }[];
}

export interface IpcResults extends BooksIpcResults {
  'app:info': AppInfo;
  'connections:list': ConnectionView[];
  'connections:connect': ConnectionView;
  'connections:cancel': { cancelled: boolean };
  'connections:pending': PendingLinkView | null;
  'connections:reopen': { opened: boolean };
  'connections:relink': ConnectionView;
  'connections:disconnect': { revokedAtBank: boolean; dataKept: boolean };
  'connections:delete-data': { deleted: boolean };
  'sync:run': SyncOutcome[];
  'ledger:accounts': AccountView[];
  'ledger:account-groups': AccountGroup[];
  'ledger:transactions': StatementPage;
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
      pending: PendingLinkView;
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
