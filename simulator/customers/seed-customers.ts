import type { Channel } from '../../shared/bank/oauth.ts';
import type { BankIdentity } from '../config.ts';
import type { AccountProfile } from '../ledger/history-generator.ts';

/** Which of the bank's three branches (BANK_BRANCHES, in order) an account is kept at. */
export type BranchIndex = 0 | 1 | 2;

export interface SeedAccount {
  branch: BranchIndex;
  accountTypeCode: '01' | '02';
  accountNumber: string;
  /** What the generated statement looks like (salary account, shop takings…). */
  profile: AccountProfile;
}

/** A 円定期預金 (11) or 外貨普通預金 (51): a balance the bank reports, no statement. */
export interface SeedHolding {
  branch: BranchIndex;
  accountTypeCode: '11' | '51';
  accountNumber: string;
  currencyCode: 'JPY' | 'USD';
  /** In the currency's minor unit: yen for JPY, cents for USD. */
  balanceMinor: number;
}

export interface SeedCustomer {
  loginId: string;
  channel: Channel;
  password: string;
  name: string;
  /** Half-width katakana, as the bank's ledger prints names. */
  nameKana: string;
  totpSecret?: string;
  passwordLogin: boolean;
  certificateLogin: boolean;
  accounts: SeedAccount[];
  /** Deposits beyond 普通/当座, served only where the API dialect has them (GMO's 11 and 51). */
  holdings?: SeedHolding[];
  /** A scenario user that starts locked, to show the lockout screen without five failures. */
  startsLocked?: boolean;
  /** A scenario user's behaviour, as the QA console lists it (scenario-users.ts). */
  scenario?: { ja: string; en: string };
}

const HONTEN = { branch: 0 } as const;
const EKIMAE = { branch: 1 } as const;
const MINATO = { branch: 2 } as const;

/** The documented test users (README, QA console). Passwords and IDs are case-sensitive. */
export const SEED_CUSTOMERS: readonly SeedCustomer[] = [
  {
    loginId: '1000000001',
    channel: 'personal',
    password: 'Demo-Pass-1',
    name: '山田 太郎',
    nameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
    totpSecret: 'JBSWY3DPEHPK3PXP',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...HONTEN, accountTypeCode: '01', accountNumber: '1234567', profile: 'salary-earner' }],
  },
  {
    loginId: '1000000002',
    channel: 'personal',
    password: 'Demo-Pass-2',
    name: '佐藤 花子',
    nameKana: 'ｻﾄｳ ﾊﾅｺ',
    totpSecret: 'KRSXG5CTMVRXEZLU',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [
      { ...EKIMAE, accountTypeCode: '01', accountNumber: '2345678', profile: 'household' },
      { ...HONTEN, accountTypeCode: '01', accountNumber: '2345679', profile: 'household' },
    ],
  },
  {
    loginId: '1000000003',
    channel: 'personal',
    password: 'Demo-Pass-3',
    name: '鈴木 一郎',
    nameKana: 'ｽｽﾞｷ ｲﾁﾛｳ',
    totpSecret: 'MFRGGZDFMZTWQ2LK',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...MINATO, accountTypeCode: '01', accountNumber: '3456789', profile: 'household' }],
    startsLocked: true,
  },
  {
    loginId: 'CORP0001',
    channel: 'corporate',
    password: 'Corp-Pass-1',
    name: '株式会社デモ商事',
    nameKana: 'ｶ)ﾃﾞﾓｼﾖｳｼﾞ',
    passwordLogin: true,
    certificateLogin: true,
    accounts: [
      { ...HONTEN, accountTypeCode: '01', accountNumber: '5001001', profile: 'business' },
      { ...HONTEN, accountTypeCode: '02', accountNumber: '5001002', profile: 'business-current' },
    ],
  },
  {
    loginId: 'CORP0002',
    channel: 'corporate',
    password: 'Corp-Pass-2',
    name: 'デモ工業株式会社',
    nameKana: 'ﾃﾞﾓｺｳｷﾞﾖｳ(ｶ',
    // 電子証明書方式 only: the password form refuses this customer and points to the certificate button.
    passwordLogin: false,
    certificateLogin: true,
    accounts: [
      { ...MINATO, accountTypeCode: '02', accountNumber: '5002001', profile: 'business-current' },
      { ...MINATO, accountTypeCode: '01', accountNumber: '5002002', profile: 'business' },
    ],
  },
  {
    loginId: 'CORP9000',
    channel: 'corporate',
    password: 'Corp-Pass-9',
    name: '株式会社デモ大量取引',
    nameKana: 'ｶ)ﾃﾞﾓﾀｲﾘﾖｳﾄﾘﾋｷ',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...EKIMAE, accountTypeCode: '01', accountNumber: '9000001', profile: 'bulk-retail' }],
  },
  // The two below hold what a real bank's customers also hold — a time deposit, a foreign-currency
  // account — and have counter rows with no 摘要, for apps written for GMO Aozora's API.
  {
    loginId: '1000000004',
    channel: 'personal',
    password: 'Demo-Pass-4',
    name: '高橋 美咲',
    nameKana: 'ﾀｶﾊｼ ﾐｻｷ',
    totpSecret: 'GEZDGNBVGY3TQOJQ',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...HONTEN, accountTypeCode: '01', accountNumber: '4567890', profile: 'household-counter' }],
    holdings: [
      {
        ...HONTEN,
        accountTypeCode: '11',
        accountNumber: '4567891',
        currencyCode: 'JPY',
        balanceMinor: 1_000_000,
      },
      {
        ...HONTEN,
        accountTypeCode: '51',
        accountNumber: '4567892',
        currencyCode: 'USD',
        balanceMinor: 1_234_567,
      },
    ],
  },
  {
    loginId: 'CORP0003',
    channel: 'corporate',
    password: 'Corp-Pass-3',
    name: '株式会社デモ貿易',
    nameKana: 'ｶ)ﾃﾞﾓﾎﾞｳｴｷ',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...EKIMAE, accountTypeCode: '01', accountNumber: '5003001', profile: 'business-counter' }],
    holdings: [
      {
        ...EKIMAE,
        accountTypeCode: '11',
        accountNumber: '5003002',
        currencyCode: 'JPY',
        balanceMinor: 30_000_000,
      },
      {
        ...EKIMAE,
        accountTypeCode: '51',
        accountNumber: '5003003',
        currencyCode: 'USD',
        balanceMinor: 25_000_000,
      },
    ],
  },
  // Scenario users: their login id is their behaviour (scenario-users.ts, docs/qa-console.md).
  {
    loginId: 'SYNC503',
    channel: 'corporate',
    password: 'Scenario-Pass-1',
    name: '株式会社シナリオ五〇三',
    nameKana: 'ｶ)ｼﾅﾘｵｺﾞｾﾞﾛｻﾝ',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...HONTEN, accountTypeCode: '01', accountNumber: '8000503', profile: 'business' }],
    scenario: {
      ja: '同期の最初のAPI呼び出し（10秒以上間が空いた後）が毎回 503（Retry-After: 1）になる',
      en: "each sync's first API call (after 10 s of quiet) meets 503 with Retry-After: 1",
    },
  },
  {
    loginId: 'EXPIRES1DAY',
    channel: 'corporate',
    password: 'Scenario-Pass-1',
    name: '株式会社シナリオ期限',
    nameKana: 'ｶ)ｼﾅﾘｵｷｹﾞﾝ',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...EKIMAE, accountTypeCode: '01', accountNumber: '8000001', profile: 'business' }],
    scenario: {
      ja: '連携の有効期間が1日（BANK_GRANT_TTL によらない）',
      en: 'its links last one day, whatever BANK_GRANT_TTL says',
    },
  },
  {
    loginId: 'OTPAGAIN',
    channel: 'personal',
    password: 'Scenario-Pass-1',
    name: 'シナリオ 再入力',
    nameKana: 'ｼﾅﾘｵ ｻｲﾆﾕｳﾘﾖｸ',
    totpSecret: 'KRUGS4ZANFZSAYJA',
    passwordLogin: true,
    certificateLogin: false,
    accounts: [{ ...MINATO, accountTypeCode: '01', accountNumber: '8000002', profile: 'household' }],
    scenario: {
      ja: 'ログインのたびに最初の正しいワンタイムパスワードを期限切れとして断り、次のパスワードを求める',
      en: 'every login refuses the first correct one-time password as expired and asks for the next one',
    },
  },
];

export const customerIdOf = (c: Pick<SeedCustomer, 'channel' | 'loginId'>): string =>
  `${c.channel === 'personal' ? 'P' : 'C'}-${c.loginId}`;

/** Zengin-style account id: branch (3) + type (2) + number (7). */
export const accountIdOf = (
  a: { branch: BranchIndex; accountTypeCode: string; accountNumber: string },
  branches: BankIdentity['branches'],
): string => `${branches[a.branch].code}${a.accountTypeCode}${a.accountNumber}`;
