/**
 * The bookkeeping channels, without schemas (zod-free for the sandboxed preload, as channels.ts);
 * books-contract.ts pairs each with its argument schema.
 */
export const BOOKS_IPC_CHANNELS = [
  'books:chart',
  'books:addTitle',
  'books:addSubTitle',
  'books:renameBankSubTitle',
  'books:export',
  'books:connectionEntries',
  'journal:queue',
  'journal:register',
  'journal:registerTransfer',
  'journal:ignore',
  'journal:reopen',
  'journal:entries',
  'journal:monthly',
  'rules:list',
  'rules:preview',
  'rules:save',
  'rules:delete',
  'rules:apply',
] as const;

export type BooksIpcChannel = (typeof BOOKS_IPC_CHANNELS)[number];
