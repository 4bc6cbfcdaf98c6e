import { DIALECT_SCOPES, type Channel } from '../shared/bank/oauth.ts';
import type { BankProfileFields } from '../shared/ipc/contract.ts';

export { DIALECT_SCOPES };

export interface BankProfile extends BankProfileFields {
  /** The built-in simulator on this machine: the shells start it when it is not running. */
  local: boolean;
}

export const LOCAL_BANK_PORT = 4010;

/** The default profile: デモ信用金庫, the simulator on this machine (`npm run bank`). */
export function localBankProfile(issuer = `http://127.0.0.1:${LOCAL_BANK_PORT}`): BankProfile {
  return {
    id: 'local',
    name: 'デモ信用金庫',
    issuer,
    clientId: 'bankdemo-desktop',
    apiBase: `${issuer}/api/v1`,
    dialect: 'bankdemo',
    scopes: DIALECT_SCOPES.bankdemo,
    local: true,
  };
}

/** Where a channel's API answers. */
export function apiBaseOf(profile: BankProfile, channel: Channel): string {
  return (channel === 'personal' ? profile.apiBasePersonal : profile.apiBaseCorporate) ?? profile.apiBase;
}
