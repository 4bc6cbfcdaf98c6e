import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BankProfile } from '../../main/bank-profiles.ts';
import { createConnector } from '../../main/connectors/connector-factory.ts';
import { API_DIALECTS, type ApiDialect } from '../../shared/bank/oauth.ts';
import { BankProfileInput } from '../../shared/ipc/contract.ts';
import { loadBankConfig, type BankConfig } from '../../simulator/config.ts';
import { bankFactsOf } from '../../simulator/qa/bank-facts.ts';

/**
 * The bank and the app name the API dialects from one list (shared/bank/oauth.ts). The type
 * checks below are compiled by `npm run typecheck`: a second ApiDialect on either side fails it.
 */
describe('the API dialects, one list for the bank and the app', () => {
  it('are one type on both sides (checked by tsc)', () => {
    expectTypeOf<BankConfig['apiDialect']>().toEqualTypeOf<ApiDialect>();
    expectTypeOf<BankProfile['dialect']>().toEqualTypeOf<ApiDialect>();
    expectTypeOf<NonNullable<BankProfileInput['dialect']>>().toEqualTypeOf<ApiDialect>();
  });

  it.each(API_DIALECTS)('%s: the bank answers in it and the app has a connector for it', (dialect) => {
    expect(loadBankConfig({ BANK_API_DIALECT: dialect }).apiDialect).toBe(dialect);
    const connector = createConnector(dialect, {
      apiBase: 'http://127.0.0.1:9/api',
      tokens: { accessToken: async () => 'token' },
    });
    expect(connector).toBeDefined();
  });

  it('take `BANK_API_DIALECT=gmo` as GMO Aozora’s, the spelling docs/bank.md has always used', () => {
    expect(loadBankConfig({ BANK_API_DIALECT: 'gmo' }).apiDialect).toBe('gmo-aozora');
  });

  it.each(API_DIALECTS)(
    '%s: what the bank tells QA (GET /qa/api/bank) is a dialect a bank profile accepts',
    (dialect) => {
      const facts = bankFactsOf(loadBankConfig({ BANK_API_DIALECT: dialect }), 'http://127.0.0.1:4010');
      const profile = BankProfileInput.parse({
        name: 'QA',
        issuer: facts.issuer,
        clientId: 'bankdemo-desktop',
        apiBase: facts.apiBases.corporate,
        dialect: facts.apiDialect,
      });
      expect(profile.dialect).toBe(dialect);
    },
  );

  it('refuse any other name at the bank, naming the setting', () => {
    expect(() => loadBankConfig({ BANK_API_DIALECT: 'gmo_aozora' })).toThrow(
      /Invalid bank settings: BANK_API_DIALECT/,
    );
  });
});
