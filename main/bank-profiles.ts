/** A bank the app can link to: where its authorization server and API are, and who we are there. */
export interface BankProfile {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  apiBase: string;
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
    local: true,
  };
}
