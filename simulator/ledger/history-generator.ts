import type { JstDate } from '../../shared/dates.ts';
import type { Random } from './seeded-random.ts';

/**
 * How an account is used, which decides what its statement looks like. Pure logic: the same profile,
 * date, balance and random source give the same day, so a seed reproduces the whole history.
 */
export type AccountProfile =
  | 'salary-earner'
  | 'household'
  | 'business'
  | 'business-current'
  | 'bulk-retail'
  | 'marketplace-takings'
  | 'household-counter'
  | 'business-counter';

export interface DayTransaction {
  type: 'deposit' | 'withdrawal';
  /** Integer yen, > 0. */
  amount: number;
  /**
   * Half-width katakana, as the bank's ledger prints it (small kana written large: ﾘﾖｳ, not ﾘｮｳ);
   * empty for a row the bank prints no 摘要 for.
   */
  remarks: string;
  /**
   * A transfer to the customer's own 普通 account: the remark that account's statement prints for
   * the money arriving (the ledger books that half, the same day: ledger-store.ts).
   */
  transferIn?: string;
}

export const OPENING_BALANCE: Record<AccountProfile, number> = {
  'salary-earner': 1_200_000,
  household: 480_000,
  business: 8_500_000,
  'business-current': 3_000_000,
  'bulk-retail': 40_000_000,
  'marketplace-takings': 250_000_000,
  'household-counter': 650_000,
  'business-counter': 12_000_000,
};

const PEOPLE = ['ﾔﾏﾀﾞ ﾊﾅｺ', 'ｻﾄｳ ｹﾝｼﾞ', 'ﾀﾅｶ ﾐﾕｷ', 'ﾀｶﾊｼ ﾕｳﾀ', 'ｲﾄｳ ｱﾔ', 'ﾜﾀﾅﾍﾞ ｼﾖｳﾀ'];
const CUSTOMERS = ['ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', 'ｶ)ｻｸﾗﾌﾞｯｻﾝ', 'ﾕ)ﾐﾅﾄｺｳｷﾞﾖｳ', 'ｶ)ｱｵﾊﾞﾃﾞﾝｷ', 'ｶ)ｸﾜﾅｼﾖｸﾋﾝ', 'ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ'];
const SUPPLIERS = ['ｶ)ﾄｳｶｲｼｻﾞｲ', 'ｶ)ﾐｴﾊﾟﾂｹ-ｼﾞ', 'ｲｾﾜﾝｿｳ(ｶ', 'ｶ)ﾆｼﾞﾉｵﾌｲｽ', 'ﾃﾞﾓｳﾝﾕ(ｶ'];

interface DayFacts {
  day: number;
  month: number;
  weekday: number;
  isBusinessDay: boolean;
  /** Last business day on or before the 25th: when salaries are paid. */
  isPayday: boolean;
  isMonthEnd: boolean;
  isFirstBusinessDay: boolean;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dayFacts(date: JstDate): DayFacts {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const isBusinessDay = weekday !== 0 && weekday !== 6;
  const weekdayOf = (day: number) => new Date(Date.UTC(y, m - 1, day)).getUTCDay();
  const isWeekend = (day: number) => weekdayOf(day) === 0 || weekdayOf(day) === 6;
  let payday = 25;
  while (isWeekend(payday)) payday--;
  let firstBusinessDay = 1;
  while (isWeekend(firstBusinessDay)) firstBusinessDay++;
  return {
    day: d,
    month: m,
    weekday,
    isBusinessDay,
    isPayday: d === payday,
    isMonthEnd: d === daysInMonth(y, m),
    isFirstBusinessDay: d === firstBusinessDay,
  };
}

/** Rounds to a plausible price: whole hundreds of yen, or whole thousands above 100,000. */
const yen = (amount: number): number =>
  amount >= 100_000 ? Math.round(amount / 1000) * 1000 : Math.round(amount / 100) * 100;

type Plan = (facts: DayFacts, r: Random, balance: number) => DayTransaction[];

const deposit = (amount: number, remarks: string): DayTransaction => ({
  type: 'deposit',
  amount: yen(amount),
  remarks,
});
const withdrawal = (amount: number, remarks: string): DayTransaction => ({
  type: 'withdrawal',
  amount: yen(amount),
  remarks,
});

/** 普通預金 interest, paid on the first business day of February and August, in whole yen after tax. */
const interest = (f: DayFacts, balance: number): DayTransaction[] => {
  if (!f.isFirstBusinessDay || (f.month !== 2 && f.month !== 8)) return [];
  const amount = Math.floor(balance * 0.001 * 0.5 * 0.79685);
  return amount > 0 ? [{ type: 'deposit', amount, remarks: 'ﾘｿｸ' }] : [];
};

const salaryEarner: Plan = (f, r, balance) => {
  const out: DayTransaction[] = interest(f, balance);
  if (f.isPayday) out.push(deposit(r.int(268_000, 292_000), 'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ'));
  if (f.isPayday && (f.month === 6 || f.month === 12))
    out.push(deposit(r.int(520_000, 610_000), 'ｼﾖｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ'));
  if (f.day === 27 && f.isBusinessDay) out.push(withdrawal(78_000, 'ｺｳｻﾞﾌﾘｶｴ ﾔﾁﾝ'));
  if (f.day === 26) out.push(withdrawal(r.int(5_800, 14_500), 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ'));
  if (f.day === 26) out.push(withdrawal(r.int(2_900, 8_800), 'ｺｳｻﾞﾌﾘｶｴ ｶﾞｽﾘﾖｳｷﾝ'));
  if (f.day === 20 && f.month % 2 === 0) out.push(withdrawal(r.int(4_200, 7_600), 'ｺｳｻﾞﾌﾘｶｴ ｽｲﾄﾞｳﾘﾖｳｷﾝ'));
  if (f.day === 28) out.push(withdrawal(r.int(4_000, 9_000), 'ｺｳｻﾞﾌﾘｶｴ ｹｲﾀｲﾃﾞﾝﾜ'));
  if (f.day === 10) out.push(withdrawal(r.int(38_000, 126_000), 'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ'));
  if (r.chance(0.1)) out.push(withdrawal(r.pick([10_000, 20_000, 30_000]), 'ATM'));
  if (f.isBusinessDay && r.chance(0.04)) {
    out.push(withdrawal(r.int(5_000, 60_000), `ﾌﾘｺﾐ ${r.pick(PEOPLE)}`));
    out.push({ type: 'withdrawal', amount: 220, remarks: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' });
  }
  if (f.isBusinessDay && r.chance(0.02)) out.push(deposit(r.int(3_000, 40_000), `ﾌﾘｺﾐ ${r.pick(PEOPLE)}`));
  return out;
};

const household: Plan = (f, r, balance) => {
  const out: DayTransaction[] = interest(f, balance);
  if (f.isPayday) out.push(deposit(r.int(132_000, 148_000), 'ｷﾕｳﾖ ｶ)ｸﾜﾅｼﾖｸﾋﾝ'));
  if (f.day === 5) out.push(deposit(r.int(20_000, 30_000), 'ﾌﾘｺﾐ ｻﾄｳ ｹﾝｼﾞ'));
  if (f.day === 27) out.push(withdrawal(r.int(4_000, 9_500), 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ'));
  if (f.day === 12) out.push(withdrawal(r.int(18_000, 64_000), 'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ'));
  if (r.chance(0.18)) out.push(withdrawal(r.pick([5_000, 10_000, 20_000]), 'ATM'));
  return out;
};

const business: Plan = (f, r) => {
  const out: DayTransaction[] = [];
  if (!f.isBusinessDay) return out;
  for (let i = r.int(1, 4); i > 0; i--)
    out.push(deposit(r.int(30_000, 600_000), `ﾌﾘｺﾐ ${r.pick(CUSTOMERS)}`));
  for (let i = r.int(1, 4); i > 0; i--) {
    out.push(withdrawal(r.int(20_000, 400_000), `ﾌﾘｺﾐ ${r.pick(SUPPLIERS)}`));
    out.push({ type: 'withdrawal', amount: 440, remarks: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' });
  }
  if (f.isPayday) out.push(withdrawal(r.int(2_300_000, 2_600_000), 'ｷﾕｳﾖ ﾌﾘｺﾐ'));
  if (f.day === 10) out.push(withdrawal(r.int(180_000, 260_000), 'ｾﾞｲｷﾝ ｹﾞﾝｾﾝｼﾖﾄｸｾﾞｲ'));
  if (f.isMonthEnd) out.push(withdrawal(r.int(610_000, 690_000), 'ｼﾔｶｲﾎｹﾝﾘﾖｳ'));
  if (f.isFirstBusinessDay) out.push(withdrawal(330_000, 'ｺｳｻﾞﾌﾘｶｴ ﾔﾁﾝ'));
  if (r.chance(0.05)) out.push(withdrawal(r.pick([50_000, 100_000]), 'ATM'));
  return out;
};

const businessCurrent: Plan = (f, r) => {
  const out: DayTransaction[] = [];
  if (!f.isBusinessDay) return out;
  if (r.chance(0.35)) out.push(deposit(r.int(200_000, 1_500_000), `ﾃｶﾞﾀ ｹﾂｻｲ ${r.pick(CUSTOMERS)}`));
  if (r.chance(0.45)) out.push(withdrawal(r.int(100_000, 900_000), `ｺｷﾞﾃ ｼﾊﾗｲ ${r.pick(SUPPLIERS)}`));
  if (f.isMonthEnd) out.push({ ...withdrawal(1_000_000, 'ｺｳｻﾞﾌﾘｶｴ ﾌﾂｳﾖｷﾝ'), transferIn: 'ｺｳｻﾞﾌﾘｶｴ ﾄｳｻﾞﾖｷﾝ' });
  return out;
};

/** A shop's takings account: about 137 movements a day, so two years hold some 100,000 rows. */
const bulkRetail: Plan = (f, r) => {
  const out: DayTransaction[] = [];
  for (let i = 0; i < 137; i++) {
    const roll = r.next();
    if (roll < 0.6)
      out.push(deposit(r.int(1_200, 48_000), r.pick(['ｳﾘｱｹﾞ ｶ-ﾄﾞ', 'ｳﾘｱｹﾞ QR', 'ｳﾘｱｹﾞ ﾃﾞﾝｼﾏﾈ-'])));
    else if (roll < 0.67) out.push(deposit(r.int(20_000, 300_000), `ﾌﾘｺﾐ ${r.pick(CUSTOMERS)}`));
    else if (roll < 0.97) out.push(withdrawal(r.int(3_000, 160_000), `ﾌﾘｺﾐ ${r.pick(SUPPLIERS)}`));
    else out.push({ type: 'withdrawal', amount: 440, remarks: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' });
  }
  return out;
};

/**
 * Movements a day of a marketplace's takings account: the 730 days a bank serves hold 999,370 rows,
 * 1,999 pages of 500 — the million-row customer bench:sync measures (issue 24).
 */
export const MARKETPLACE_MOVEMENTS_A_DAY = 1_369;

/**
 * An online marketplace's takings account, every day of the week: the payment companies' settlements
 * of its sellers' orders, refunds and payouts to the sellers, carriers' invoices. Ten times a shop's
 * (bulk-retail), so a ledger of a million rows is an ordinary customer's.
 */
const marketplaceTakings: Plan = (f, r) => {
  const out: DayTransaction[] = [];
  for (let i = 0; i < MARKETPLACE_MOVEMENTS_A_DAY; i++) {
    const roll = r.next();
    if (roll < 0.62)
      out.push(
        deposit(
          r.int(800, 36_000),
          r.pick(['ｳﾘｱｹﾞ ｶ-ﾄﾞ', 'ｳﾘｱｹﾞ QR', 'ｳﾘｱｹﾞ ｺﾝﾋﾞﾆ', 'ｳﾘｱｹﾞ ﾃﾞﾝｼﾏﾈ-', 'ｳﾘｱｹﾞ ｱﾄﾊﾞﾗｲ']),
        ),
      );
    else if (roll < 0.7) out.push(withdrawal(r.int(800, 24_000), 'ﾍﾝｷﾝ'));
    // The sellers' payouts: their takings less the marketplace's fee.
    else if (roll < 0.95) out.push(withdrawal(r.int(4_000, 48_000), `ﾌﾘｺﾐ ${r.pick(PEOPLE)}`));
    else if (roll < 0.98) out.push(withdrawal(r.int(10_000, 90_000), r.pick(['ﾃﾞﾓｳﾝﾕ(ｶ', 'ｶ)ﾐｴﾊﾟﾂｹ-ｼﾞ'])));
    else out.push({ type: 'withdrawal', amount: 440, remarks: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' });
  }
  return out;
};

/**
 * The plan plus, now and then, a deposit or withdrawal made at the counter, which real banks print
 * with no 摘要 at all (GMO Aozora's API then leaves `remarks` out). Only the newer test users'
 * accounts use it, so the older users' statements stay as they were.
 */
const withCounterRows =
  (plan: Plan): Plan =>
  (f, r, balance) => {
    const out = plan(f, r, balance);
    if (f.isBusinessDay && r.chance(0.08))
      out.push(r.chance(0.5) ? deposit(r.int(1_000, 80_000), '') : withdrawal(r.int(1_000, 50_000), ''));
    return out;
  };

const PLANS: Record<AccountProfile, Plan> = {
  'salary-earner': salaryEarner,
  household,
  business,
  'business-current': businessCurrent,
  'bulk-retail': bulkRetail,
  'marketplace-takings': marketplaceTakings,
  'household-counter': withCounterRows(household),
  'business-counter': withCounterRows(business),
};

/**
 * One day of an account's statement, starting from `balance`. A withdrawal that would take the balance
 * below zero is not made (a 普通 account cannot go negative; our 当座 accounts have no overdraft either).
 */
export function generateDay(
  profile: AccountProfile,
  date: JstDate,
  balance: number,
  r: Random,
): DayTransaction[] {
  const out: DayTransaction[] = [];
  let running = balance;
  for (const t of PLANS[profile](dayFacts(date), r, balance)) {
    if (t.amount <= 0) continue;
    if (t.type === 'withdrawal' && t.amount > running) continue;
    running += t.type === 'deposit' ? t.amount : -t.amount;
    out.push(t);
  }
  return out;
}
