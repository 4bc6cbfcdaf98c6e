/**
 * The IPC contract's channel names, by domain, without their schemas: what the Electron preload
 * needs to refuse an unknown channel before it leaves the renderer (it is sandboxed, so it stays
 * small and imports no zod). Each domain's `<domain>-contract.ts` pairs its channels with their
 * argument schemas and result types; contract.ts combines them.
 *
 * A channel reads `domain:verb` or `domain:thing-verb`, in kebab-case: the domain is the one whose
 * contract file and handler map serve it, the thing (if any) comes before the verb, and the verb
 * is one of IPC_VERBS (`books:titles-add`, not `books:addTitle`). The type below refuses any
 * other shape at compile time; test/client/ipc-channels.test.ts checks the kebab-case too.
 */

/** The verbs a channel may end in: a new one is a decision, made here. */
export const IPC_VERBS = [
  'list',
  'get',
  'query',
  'count',
  'add',
  'save',
  'update',
  'rename',
  'delete',
  'connect',
  'disconnect',
  'relink',
  'reopen',
  'cancel',
  'run',
  'test',
  'preview',
  'apply',
  'register',
  'ignore',
  'export',
] as const;

type IpcVerb = (typeof IPC_VERBS)[number];
type ChannelAction = IpcVerb | `${string}-${IpcVerb}`;

export const IPC_DOMAINS = {
  app: ['info-get'],
  connections: [
    'list',
    'connect',
    'cancel',
    'pending-get',
    'reopen',
    'relink',
    'disconnect',
    'kept-data-delete',
  ],
  sync: ['run'],
  accounts: ['list', 'groups-list'],
  statements: ['query'],
  settings: ['get', 'update'],
  profiles: ['save', 'delete', 'test'],
  books: [
    'chart-get',
    'chart-kind-save',
    'titles-add',
    'sub-titles-add',
    'bank-sub-titles-rename',
    'accounts-update',
    'export',
    'connection-entries-count',
    'queue-query',
    'lines-register',
    'transfers-register',
    'lines-ignore',
    'lines-reopen',
    'entries-query',
    'entries-add',
    'entries-update',
    'entries-delete',
    'entry-history-get',
    'entries-export',
    'split-register',
    'open-items-get',
    'month-totals-get',
    'rules-list',
    'rules-preview',
    'rules-save',
    'rules-delete',
    'rules-apply',
    'counterparties-list',
    'counterparties-save',
    'suggestions-register',
    'queue-count',
  ],
  reports: [
    'opening-balances-get',
    'opening-balances-save',
    'trial-balance-get',
    'trial-balance-export',
    'ledger-query',
    'ledger-export',
    'reconciliation-get',
  ],
} as const satisfies Record<string, readonly ChannelAction[]>;

export type IpcDomain = keyof typeof IPC_DOMAINS;
export type IpcChannel = { [D in IpcDomain]: `${D}:${(typeof IPC_DOMAINS)[D][number]}` }[IpcDomain];
/** One domain's channels: `accounts:list` | `accounts:groups-list`. */
export type DomainChannel<D extends IpcDomain> = Extract<IpcChannel, `${D}:${string}`>;

export const IPC_CHANNELS: readonly IpcChannel[] = Object.entries(IPC_DOMAINS).flatMap(([domain, actions]) =>
  actions.map((action) => `${domain}:${action}` as IpcChannel),
);

export const isIpcChannel = (value: unknown): value is IpcChannel =>
  typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);

/** The one Electron IPC channel the contract travels on, and the one its events come back on. */
export const ELECTRON_INVOKE_CHANNEL = 'bankdemo:invoke';
export const ELECTRON_EVENT_CHANNEL = 'bankdemo:event';
