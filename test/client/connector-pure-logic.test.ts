import { describe, expect, it } from 'vitest';
import { classifyRefusal } from '../../main/connectors/bank-http.ts';
import { toJstBaseTime } from '../../main/connectors/bank-time.ts';
import { BANKDEMO_DIALECT } from '../../main/connectors/bankdemo-connector.ts';
import { GMO_AOZORA_DIALECT } from '../../main/connectors/gmo-aozora-connector.ts';
import { DIALECT_SCOPES } from '../../main/bank-profiles.ts';
import { checkDialect } from '../../main/profiles/profile-check.ts';
import { grantedOperations } from '../../main/profiles/granted-scopes.ts';

describe('a bank base time as JST', () => {
  it.each([
    ['2026-11-30', '10:15', '2026-11-30', '10:15', 'bare HH:MM (デモ信用金庫)'],
    ['2026-11-30', '10:15:30', '2026-11-30', '10:15:30', 'bare HH:MM:SS'],
    ['2026-11-30', '10:15:30+09:00', '2026-11-30', '10:15:30', 'GMO: HH:MM:SS+09:00'],
    ['2026-11-30', '01:15:30Z', '2026-11-30', '10:15:30', 'UTC'],
    ['2026-11-30', '20:00:00+00:00', '2026-12-01', '05:00:00', 'UTC across JST midnight'],
    ['2026-11-30', '23:30-05:00', '2026-12-01', '13:30', 'a negative offset'],
  ])('%s %s → %s %s (%s)', (date, time, jstDate, jstTime) => {
    expect(toJstBaseTime(date, time)).toEqual({ baseDate: jstDate, baseTime: jstTime });
  });

  it('refuses what is not a time of day', () => {
    expect(() => toJstBaseTime('2026-11-30', '10時15分')).toThrow(RangeError);
  });
});

describe('what a token response scope grants (RFC 6749 §3.3)', () => {
  const demo = DIALECT_SCOPES.bankdemo;
  const gmo = DIALECT_SCOPES['gmo-aozora'];
  it.each([
    ['absent: what was asked', demo, undefined, ['balances:read', 'transactions:read']],
    ['fewer than asked', demo, 'balances:read', ['balances:read']],
    ['GMO: private:account grants both', gmo, 'private:account', ['balances:read', 'transactions:read']],
    [
      'a name the profile does not know is tried for every operation',
      demo,
      'corp:read',
      ['balances:read', 'transactions:read'],
    ],
    ['known and unknown together', demo, 'transactions:read openid', ['balances:read', 'transactions:read']],
    ['an empty grant allows nothing', demo, '', []],
    ['extra spaces', gmo, '  private:account  ', ['balances:read', 'transactions:read']],
  ] as const)('%s', (_what, requested, scope, operations) => {
    expect(grantedOperations(requested, scope)).toEqual(operations);
  });
});

describe("each dialect's error table", () => {
  it.each([
    [BANKDEMO_DIALECT, 401, 'LINK_EXPIRED', 'expired'],
    [BANKDEMO_DIALECT, 401, 'INVALID_TOKEN', 'token'],
    [BANKDEMO_DIALECT, 400, 'INVALID_NEXT_ITEM_KEY', 'bad-key'],
    [BANKDEMO_DIALECT, 400, 'INVALID_PARAMETER', 'other'],
    [BANKDEMO_DIALECT, 404, 'ACCOUNT_NOT_FOUND', 'not-found'],
    [BANKDEMO_DIALECT, 429, 'TOO_MANY_REQUESTS', 'wait'],
    [BANKDEMO_DIALECT, 503, 'MAINTENANCE', 'unavailable'],
    [GMO_AOZORA_DIALECT, 401, 'WG_ERR_105', 'token'],
    [GMO_AOZORA_DIALECT, 429, 'WG_ERR_154', 'wait'],
    [GMO_AOZORA_DIALECT, 503, 'WG_ERR_300', 'unavailable'],
    [GMO_AOZORA_DIALECT, 400, 'WG_ERR_300', 'unavailable'],
    [GMO_AOZORA_DIALECT, 400, 'WG_ERR_110', 'other'],
    [GMO_AOZORA_DIALECT, 403, 'WG_ERR_106', 'other'],
    [GMO_AOZORA_DIALECT, 500, undefined, 'other'],
  ] as const)('%# %i %s → %s', (dialect, status, code, kind) => {
    expect(classifyRefusal(dialect.errors, status, code)).toBe(kind);
  });
});

describe('接続テスト: is the refusal in the profile’s dialect', () => {
  const at = (errorCode: string | undefined) => [{ url: 'http://127.0.0.1:1/x/accounts', errorCode }];
  it.each([
    ['bankdemo', 'TOKEN_REQUIRED', null],
    ['gmo-aozora', 'WG_ERR_105', null],
    ['gmo-aozora', 'TOKEN_REQUIRED', 'answers in the bankdemo dialect'],
    ['bankdemo', 'WG_ERR_105', 'answers in the gmo-aozora dialect'],
    ['gmo-aozora', undefined, 'answered with no error code'],
    ['bankdemo', 'unauthorized', 'answered with error code unauthorized'],
  ] as const)('%s profile, bank says %s', (dialect, code, failure) => {
    if (failure === null)
      expect(checkDialect(dialect, at(code)).finding).toEqual({ key: 'dialect-ok', value: dialect });
    else expect(() => checkDialect(dialect, at(code))).toThrow(failure);
  });
});
