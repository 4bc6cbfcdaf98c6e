import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware } from 'koa';
import { DEFAULT_BANK, type BankIdentity } from '../config.ts';
import type { Locale } from './messages.ts';

/**
 * The bank whose page is being rendered. Pages are rendered deep inside oidc-provider's and our
 * routes, and two banks may run in one process (tests), so the identity travels with the request
 * rather than through every render call or a module-level variable.
 */
const current = new AsyncLocalStorage<BankIdentity>();

/** Koa middleware: every page rendered while handling the request names this bank. */
export function bankIdentityScope(identity: BankIdentity): Middleware {
  return (_ctx, next) => current.run(identity, next);
}

function currentBank(): BankIdentity {
  return current.getStore() ?? DEFAULT_BANK;
}

/** The bank's name in the page's language. */
export function bankNameIn(locale: Locale): string {
  const bank = currentBank();
  return locale === 'ja' ? bank.name : bank.nameEn;
}
