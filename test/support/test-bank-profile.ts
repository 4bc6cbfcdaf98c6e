import { localBankProfile, type BankProfile } from '../../main/bank-profiles.ts';
import { DIALECT_SCOPES, type ApiDialect } from '../../shared/bank/oauth.ts';

/**
 * The app's built-in bank pointed at a test bank, in its dialect: GMO Aozora's has a base per
 * channel (the simulator serves GMO's paths under its issuer) and asks for GMO's own scope,
 * private:account, as an app written for GMO does.
 */
export function testBankProfile(bank: { issuer: string }, dialect: ApiDialect = 'bankdemo'): BankProfile {
  const profile = { ...localBankProfile(bank.issuer), local: false };
  if (dialect === 'bankdemo') return profile;
  return {
    ...profile,
    dialect,
    scopes: DIALECT_SCOPES[dialect],
    apiBase: `${bank.issuer}/ganb/api/corporation/v1`,
    apiBaseCorporate: `${bank.issuer}/ganb/api/corporation/v1`,
    apiBasePersonal: `${bank.issuer}/ganb/api/personal/v1`,
  };
}
