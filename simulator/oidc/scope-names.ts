import { API_SCOPES, isApiScope, type ApiDialect, type ApiScope } from '../../shared/bank/oauth.ts';

/**
 * GMO Aozora Net Bank asks for account information with one scope of its own (`private:account`
 * in its published SDKs' OAuth examples), where we have one per operation. A bank serving GMO's
 * dialect takes it too, as both operations, so an app written for GMO links here unchanged; it is
 * granted under its own name, so the token response says what the app asked for.
 */
const GMO_ACCOUNT_SCOPE = 'private:account';

/** The scope names this bank's API resource grants. */
export function resourceScopes(dialect: ApiDialect): string[] {
  return dialect === 'gmo-aozora' ? [...API_SCOPES, GMO_ACCOUNT_SCOPE] : [...API_SCOPES];
}

/** The operations a space-separated scope string asks for, in the order the bank lists them. Pure. */
export function operationsOf(scope: string, dialect: ApiDialect): ApiScope[] {
  const names = scope.split(' ');
  const gmo = dialect === 'gmo-aozora' && names.includes(GMO_ACCOUNT_SCOPE);
  return API_SCOPES.filter((op) => gmo || names.some((name) => name === op && isApiScope(name)));
}

/** Of the names asked for, those this bank grants on its API resource (what the token then says). */
export function grantableScopes(scope: string, dialect: ApiDialect): string[] {
  const names = scope.split(' ');
  return resourceScopes(dialect).filter((name) => names.includes(name));
}
