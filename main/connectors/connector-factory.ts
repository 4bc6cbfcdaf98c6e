import type { ApiDialect, BankConnector, ConnectorOptions } from './bank-connector.ts';
import { bankdemoConnector } from './bankdemo-connector.ts';
import { gmoAozoraConnector } from './gmo-aozora-connector.ts';

const CONNECTORS: Record<ApiDialect, (options: ConnectorOptions) => BankConnector> = {
  bankdemo: bankdemoConnector,
  'gmo-aozora': gmoAozoraConnector,
};

/** The connector that speaks a bank profile's API dialect. */
export function createConnector(dialect: ApiDialect, options: ConnectorOptions): BankConnector {
  return CONNECTORS[dialect](options);
}
