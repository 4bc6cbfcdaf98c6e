import type { ApiDialect } from '../../shared/bank/oauth.ts';
import type { BankConnector, ConnectorOptions } from './bank-connector.ts';
import type { HttpDialect } from './bank-http.ts';
import { BANKDEMO_DIALECT, bankdemoConnector } from './bankdemo-connector.ts';
import { GMO_AOZORA_DIALECT, gmoAozoraConnector } from './gmo-aozora-connector.ts';

/** How each dialect speaks HTTP (its token header and error table). */
export const DIALECT_HTTP: Record<ApiDialect, HttpDialect> = {
  bankdemo: BANKDEMO_DIALECT,
  'gmo-aozora': GMO_AOZORA_DIALECT,
};

const CONNECTORS: Record<ApiDialect, (options: ConnectorOptions) => BankConnector> = {
  bankdemo: bankdemoConnector,
  'gmo-aozora': gmoAozoraConnector,
};

/** The connector that speaks a bank profile's API dialect. */
export function createConnector(dialect: ApiDialect, options: ConnectorOptions): BankConnector {
  return CONNECTORS[dialect](options);
}
