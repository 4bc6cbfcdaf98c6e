import type { Channel } from '../../shared/bank/oauth.ts';
import type { AccountProfile } from '../ledger/history-generator.ts';

export interface SeedAccount {
  branchCode: string;
  branchName: string;
  accountTypeCode: '01' | '02';
  accountNumber: string;
  /** What the generated statement looks like (salary account, shop takings…). */
  profile: AccountProfile;
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
  /** A scenario user that starts locked, to show the lockout screen without five failures. */
  startsLocked?: boolean;
}

const HONTEN = { branchCode: '001', branchName: '本店営業部' };
const EKIMAE = { branchCode: '002', branchName: '駅前支店' };
const MINATO = { branchCode: '003', branchName: '港支店' };

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
];

export const customerIdOf = (c: Pick<SeedCustomer, 'channel' | 'loginId'>): string =>
  `${c.channel === 'personal' ? 'P' : 'C'}-${c.loginId}`;

/** Zengin-style account id: branch (3) + type (2) + number (7). */
export const accountIdOf = (a: SeedAccount): string =>
  `${a.branchCode}${a.accountTypeCode}${a.accountNumber}`;
