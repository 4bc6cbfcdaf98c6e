import { describe, expect, it } from 'vitest';
import { accountLabel } from '../../renderer/src/accounts/account-label.ts';
import { accountTypeIn } from '../../renderer/src/i18n/words.ts';

const account = { branchName: '本店営業部', accountTypeName: '普通預金', maskedNumber: '****1001' };

describe('an account as the screens name it', () => {
  it.each([
    ['ja', '本店営業部 普通預金 ****1001'],
    ['en', '本店営業部 Ordinary deposit ****1001'],
  ] as const)('says the deposit type in the UI’s language (%s)', (lang, label) => {
    expect(accountLabel(account, { typeName: (name) => accountTypeIn(name, lang) })).toBe(label);
  });

  it('leaves the type out of the short form, and keeps the bank’s words without a translator', () => {
    expect(accountLabel(account, { short: true })).toBe('本店営業部 ****1001');
    expect(accountLabel(account)).toBe('本店営業部 普通預金 ****1001');
  });
});
