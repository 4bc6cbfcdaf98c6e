import { z } from 'zod';

/**
 * The bank's OAuth vocabulary, shared by the simulator and the desktop client: the two login
 * channels of the seed page and the two operations a customer can allow.
 */
export const CHANNELS = ['personal', 'corporate'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_NAMES: Record<Channel, { ja: string; en: string }> = {
  personal: { ja: 'WEBバンキング', en: 'WEB Banking' },
  corporate: { ja: 'WEB-FB', en: 'WEB-FB' },
};

export const API_SCOPES = ['balances:read', 'transactions:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** How each scope is named on the consent screen (外部サービスに許可する業務). */
export const SCOPE_NAMES: Record<ApiScope, { ja: string; en: string }> = {
  'balances:read': { ja: '残高照会', en: 'Balance inquiry' },
  'transactions:read': { ja: '入出金明細照会', en: 'Transaction history inquiry' },
};

export const isApiScope = (value: unknown): value is ApiScope =>
  typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value);

/**
 * The account APIs, one list for the bank and the app: デモ信用金庫's own, and GMO Aozora Net
 * Bank's published one. The simulator answers in either (BANK_API_DIALECT, simulator/config.ts);
 * the app's connectors (main/connectors/) speak both; a bank profile stores the name as written
 * here (`bank_profiles.dialect`), so a member is never renamed.
 */
export const API_DIALECTS = ['bankdemo', 'gmo-aozora'] as const;
export type ApiDialect = (typeof API_DIALECTS)[number];
export const ApiDialectSchema = z.enum(API_DIALECTS);

/** A scope to ask for and the operations it grants (the IPC contract's ScopeGrant). */
export interface DialectScope {
  name: string;
  grants: ApiScope[];
}

/**
 * Each dialect's scopes, as its bank publishes them: デモ信用金庫 names one per operation; GMO
 * Aozora grants its account API (口座一覧・残高・入出金明細) under `private:account`.
 */
export const DIALECT_SCOPES: Record<ApiDialect, DialectScope[]> = {
  bankdemo: [
    { name: 'balances:read', grants: ['balances:read'] },
    { name: 'transactions:read', grants: ['transactions:read'] },
  ],
  'gmo-aozora': [{ name: 'private:account', grants: ['balances:read', 'transactions:read'] }],
};

/**
 * Scope names typed on the 設定 screen as the profile keeps them: a name some dialect publishes
 * grants what it does there; any other is tried against the API for every operation. Pure.
 */
export function scopeGrantsOf(names: readonly string[]): DialectScope[] {
  const known = Object.values(DIALECT_SCOPES).flat();
  return names.map((name) => known.find((s) => s.name === name) ?? { name, grants: [...API_SCOPES] });
}
