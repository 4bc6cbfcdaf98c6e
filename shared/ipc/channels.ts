import { BOOKS_IPC_CHANNELS } from './books-channels.ts';

/**
 * The IPC contract's channel names, without their schemas: what the Electron preload needs to
 * refuse an unknown channel before it leaves the renderer (it is sandboxed, so it stays small and
 * imports no zod). contract.ts pairs each with its argument schema.
 */
export const IPC_CHANNELS = [
  'app:info',
  'connections:list',
  'connections:connect',
  'connections:cancel',
  'connections:pending',
  'connections:reopen',
  'connections:relink',
  'connections:disconnect',
  'connections:delete-data',
  'sync:run',
  'ledger:accounts',
  'ledger:account-groups',
  'ledger:transactions',
  'settings:get',
  'settings:update',
  'profiles:save',
  'profiles:delete',
  'profiles:test',
  ...BOOKS_IPC_CHANNELS,
] as const;

export type IpcChannel = (typeof IPC_CHANNELS)[number];

export const isIpcChannel = (value: unknown): value is IpcChannel =>
  typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);

/** The one Electron IPC channel the contract travels on, and the one its events come back on. */
export const ELECTRON_INVOKE_CHANNEL = 'bankdemo:invoke';
export const ELECTRON_EVENT_CHANNEL = 'bankdemo:event';
