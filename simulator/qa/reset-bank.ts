import type { FaultInjector } from '../api/fault-injector.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CustomerStore } from '../customers/customer-store.ts';
import type { InteractionStateStore } from '../interactions/interaction-state.ts';
import type { LedgerStore } from '../ledger/ledger-store.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { DpopNoncePolicy } from '../oidc/dpop-nonce-policy.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';

export interface ResetDeps {
  models: OidcModelStore;
  links: LinkStore;
  states: InteractionStateStore;
  customers: CustomerStore;
  ledger: LedgerStore;
  faults: FaultInjector;
  audit: AuditLog;
  dpopNonces: DpopNoncePolicy;
}

/**
 * Back to the seeded bank: no links, sessions or tokens, no posted transactions, no faults, DPoP nonces required, login
 * states as seeded, an empty audit log (but for the reset itself). Keys and certificates stay.
 * Each store clears itself, so no in-memory copy outlives the data.
 */
export async function resetBank(deps: ResetDeps, today: string): Promise<void> {
  await deps.models.clear();
  await deps.links.clear();
  await deps.states.clear();
  await deps.audit.clear();
  await deps.customers.resetLoginState();
  await deps.ledger.reset();
  await deps.ledger.ensureThrough(today);
  await deps.faults.clear();
  await deps.faults.setMaintenance(false);
  await deps.dpopNonces.clear();
  await deps.audit.record({ event: 'qa.action', outcome: 'info', detail: { action: 'reset' } });
}
