import type { FaultInjector } from '../api/fault-injector.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { BankConfig } from '../config.ts';
import type { CustomerStore } from '../customers/customer-store.ts';
import type { SqlPort } from '../db/sql-port.ts';
import type { InteractionStateStore } from '../interactions/interaction-state.ts';
import type { LedgerStore } from '../ledger/ledger-store.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { DpopNoncePolicy } from '../oidc/dpop-nonce-policy.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';

/** What the QA console and its JSON API reach into: the bank's stores, its faults and its audit. */
export interface QaDeps {
  config: BankConfig;
  /** The bank's storage (a QA-defined customer is written through it). */
  sql: SqlPort;
  issuer: string;
  models: OidcModelStore;
  states: InteractionStateStore;
  customers: CustomerStore;
  links: LinkStore;
  audit: AuditLog;
  ledger: LedgerStore;
  faults: FaultInjector;
  /** Whether the token endpoint requires DPoP nonces (on unless a test turned them off). */
  dpopNonces: DpopNoncePolicy;
}
