import type { FaultInjector } from '../api/fault-injector.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CustomerStore } from '../customers/customer-store.ts';
import type { BankDatabase } from '../db/database.ts';
import type { LedgerStore } from '../ledger/ledger-store.ts';

export interface ResetDeps {
  db: BankDatabase;
  customers: CustomerStore;
  ledger: LedgerStore;
  faults: FaultInjector;
  audit: AuditLog;
}

/**
 * Back to the seeded bank: no links, sessions or tokens, no posted transactions, no faults, login
 * states as seeded, an empty audit log (but for the reset itself). Keys and certificates stay.
 */
export function resetBank(deps: ResetDeps, today: string): void {
  deps.db.transaction(() => {
    for (const table of ['oidc_models', 'links', 'interaction_state', 'audit_log']) {
      deps.db.prepare(`DELETE FROM ${table}`).run();
    }
  })();
  deps.customers.resetLoginState();
  deps.ledger.reset();
  deps.ledger.ensureThrough(today);
  deps.faults.clear();
  deps.faults.setMaintenance(false);
  deps.audit.record({ event: 'qa.action', outcome: 'info', detail: { action: 'reset' } });
}
