import type { ApiDialect, Channel } from '../../shared/bank/oauth.ts';
import { API_PREFIX } from '../api/api-handler.ts';
import { GMO_BASE_PATHS } from '../api/gmo/gmo-schema.ts';
import type { BankConfig, BankIdentity } from '../config.ts';

/** What a tester (or a test) needs to know to point an app at this bank: who it is, where its API is. */
export interface BankFacts extends BankIdentity {
  issuer: string;
  apiDialect: ApiDialect;
  /** The account-information API's base URL for each channel (the same for both in our dialect). */
  apiBases: Record<Channel, string>;
  /** The header the API takes the access token in. */
  tokenHeader: 'Authorization: Bearer' | 'x-access-token';
}

export function bankFactsOf(config: Pick<BankConfig, 'bank' | 'apiDialect'>, issuer: string): BankFacts {
  const gmo = config.apiDialect === 'gmo-aozora';
  const ours = `${issuer}${API_PREFIX.replace(/\/$/, '')}`;
  return {
    ...config.bank,
    issuer,
    apiDialect: config.apiDialect,
    apiBases: gmo
      ? { personal: `${issuer}${GMO_BASE_PATHS.personal}`, corporate: `${issuer}${GMO_BASE_PATHS.corporate}` }
      : { personal: ours, corporate: ours },
    tokenHeader: gmo ? 'x-access-token' : 'Authorization: Bearer',
  };
}
