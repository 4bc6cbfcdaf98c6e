import { API_SCOPES, type ApiScope } from '../../shared/bank/oauth.ts';
import type { ScopeGrant } from '../../shared/ipc/contract.ts';

/**
 * What a token response's `scope` lets the app do, read as RFC 6749 §3.3 says: absent, the bank
 * granted what was asked; present, a space-separated list of the scopes granted. A name the
 * profile knows grants its operations; a name it does not know (a bank with its own words) is
 * tried against the API for every operation — the API then says what it allows, and a refusal is
 * an error the user sees, never a sync that reports success and fetched nothing. Pure.
 */
export function grantedOperations(requested: readonly ScopeGrant[], scope: string | undefined): ApiScope[] {
  const names = scope === undefined ? requested.map((s) => s.name) : scope.split(' ').filter(Boolean);
  const granted = new Set<ApiScope>();
  for (const name of names) {
    const known = requested.find((s) => s.name === name);
    for (const operation of known ? known.grants : API_SCOPES) granted.add(operation);
  }
  return API_SCOPES.filter((s) => granted.has(s));
}
