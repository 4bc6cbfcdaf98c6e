import { describe, expect, it } from 'vitest';
import {
  checkEntryDate,
  checkOpeningBalanced,
  naturalSide,
  onSide,
  runningBalances,
  sectionOf,
  trialBalance,
  type TitleInfo,
  type TitleSums,
} from '../../main/books/balance-math.ts';
import { markChainBreaks, reconcile } from '../../main/books/reconciliation.ts';

/** The books' arithmetic, as tables: sides, sections, the 試算表, the 元帳, 残高照合. */

describe('which side a balance sits on, and where the title is reported', () => {
  it.each([
    ['ordinary_deposit', 'asset', 'debit', 'bs'],
    ['payables', 'liability', 'credit', 'bs'],
    ['owner_contribution', 'equity', 'credit', 'bs'],
    ['owner_draw', 'equity', 'debit', 'bs'],
    ['sales', 'revenue', 'credit', 'pl'],
    ['rent', 'expense', 'debit', 'pl'],
  ] as const)('%s (%s): %s side, %s', (code, kind, side, section) => {
    expect(naturalSide(code, kind)).toBe(side);
    expect(sectionOf(kind)).toBe(section);
  });

  it.each([
    ['debit', 1000, 300, 700],
    ['credit', 1000, 300, -700],
    ['credit', 0, 500, 500],
    ['debit', 0, 500, -500],
  ] as const)('a movement of 借方 %i / 貸方 %i on the %s side is %i', (side, debit, credit, net) => {
    expect(onSide(side, debit, credit)).toBe(net);
  });
});

const TITLES: TitleInfo[] = [
  { code: 'ordinary_deposit', name: '普通預金', kind: 'asset' },
  { code: 'receivables', name: '売掛金', kind: 'asset' },
  { code: 'payables', name: '買掛金', kind: 'liability' },
  { code: 'owner_contribution', name: '事業主借', kind: 'equity' },
  { code: 'sales', name: '売上高', kind: 'revenue' },
  { code: 'rent', name: '地代家賃', kind: 'expense' },
];
const sums = (titleCode: string, s: Partial<Omit<TitleSums, 'titleCode'>>): TitleSums => ({
  titleCode,
  priorDebit: 0,
  priorCredit: 0,
  yearDebit: 0,
  yearCredit: 0,
  debit: 0,
  credit: 0,
  ...s,
});

describe('the 残高試算表 from sums per title', () => {
  // Opening: 普通預金 500,000 / 売掛金 100,000 against 買掛金 50,000 and 事業主借 550,000.
  // Earlier this year: sales 200,000 into the bank. In the period: rent 80,000 paid, sales 120,000
  // on credit, 売掛金 100,000 collected.
  const opening = [
    { titleCode: 'ordinary_deposit', subTitle: '本店 1', debit: 500_000, credit: 0 },
    { titleCode: 'receivables', subTitle: '', debit: 100_000, credit: 0 },
    { titleCode: 'payables', subTitle: '', debit: 0, credit: 50_000 },
    { titleCode: 'owner_contribution', subTitle: '', debit: 0, credit: 550_000 },
  ];
  const view = trialBalance({
    dateFrom: '2026-04-01',
    dateTo: '2026-04-30',
    openingAsOf: '2026-01-01',
    titles: TITLES,
    opening,
    retainedName: '繰越利益',
    sums: [
      sums('ordinary_deposit', { yearDebit: 200_000, debit: 100_000, credit: 80_000 }),
      sums('sales', { yearCredit: 200_000, credit: 120_000 }),
      sums('rent', { debit: 80_000 }),
      sums('receivables', { debit: 120_000, credit: 100_000 }),
    ],
  });
  const row = (code: string) => view.sections.flatMap((s) => s.rows).find((r) => r.titleCode === code);

  it.each([
    ['ordinary_deposit', 700_000, 100_000, 80_000, 720_000],
    ['receivables', 100_000, 120_000, 100_000, 120_000],
    ['payables', 50_000, 0, 0, 50_000],
    ['owner_contribution', 550_000, 0, 0, 550_000],
    ['sales', 200_000, 0, 120_000, 320_000],
    ['rent', 0, 80_000, 0, 80_000],
  ])('%s: 繰越 %i, 借方 %i, 貸方 %i, 残高 %i', (code, carry, debit, credit, balance) => {
    expect(row(code)).toMatchObject({ carry, debit, credit, balance });
  });

  it('puts B/S titles before P/L titles and balances', () => {
    expect(view.sections.map((s) => s.rows.map((r) => r.titleCode))).toEqual([
      ['ordinary_deposit', 'receivables', 'payables', 'owner_contribution'],
      ['sales', 'rent'],
    ]);
    expect(view.totals).toEqual({
      carryDebit: 800_000,
      carryCredit: 800_000,
      debit: 300_000,
      credit: 300_000,
      balanceDebit: 920_000,
      balanceCredit: 920_000,
    });
    expect(view.balanced).toBe(true);
  });

  it('carries the years before’s result as one 純資産 row, and P/L titles start the year at zero', () => {
    const next = trialBalance({
      dateFrom: '2027-01-01',
      dateTo: '2027-01-31',
      openingAsOf: '2026-01-01',
      titles: TITLES,
      opening,
      retainedName: '繰越利益',
      sums: [
        sums('ordinary_deposit', { priorDebit: 300_000, priorCredit: 80_000 }),
        sums('receivables', { priorDebit: 120_000, priorCredit: 100_000 }),
        sums('sales', { priorCredit: 320_000 }),
        sums('rent', { priorDebit: 80_000, debit: 10_000 }),
        sums('payables', { credit: 10_000 }),
      ],
    });
    const rows = next.sections.flatMap((s) => s.rows);
    expect(rows.find((r) => r.titleCode === '_retained')).toMatchObject({ carry: 240_000, side: 'credit' });
    expect(rows.find((r) => r.titleCode === 'rent')).toMatchObject({ carry: 0, balance: 10_000 });
    expect(rows.find((r) => r.titleCode === 'sales')).toBeUndefined();
    expect(next.balanced).toBe(true);
  });

  it('says when the books do not balance', () => {
    const off = trialBalance({
      dateFrom: '2026-04-01',
      dateTo: '2026-04-30',
      openingAsOf: null,
      titles: TITLES,
      opening: [],
      retainedName: '繰越利益',
      sums: [sums('ordinary_deposit', { debit: 1000 })],
    });
    expect(off.balanced).toBe(false);
  });
});

describe('the 元帳’s running balance', () => {
  it.each([
    [
      'debit',
      1000,
      [
        { debit: 500, credit: 0 },
        { debit: 0, credit: 200 },
      ],
      [1500, 1300],
    ],
    [
      'credit',
      1000,
      [
        { debit: 500, credit: 0 },
        { debit: 0, credit: 200 },
      ],
      [500, 700],
    ],
    ['debit', 0, [], []],
  ] as const)('%s side from %i', (side, carry, lines, balances) => {
    expect(runningBalances(side, carry, lines)).toEqual(balances);
  });
});

describe('the opening balances’ and the entry date’s checks', () => {
  it('accepts debits equal to credits and answers the totals', () => {
    expect(
      checkOpeningBalanced([
        { debit: 700, credit: 0 },
        { debit: 0, credit: 700 },
      ]),
    ).toEqual({
      debitTotal: 700,
      creditTotal: 700,
    });
    expect(checkOpeningBalanced([])).toEqual({ debitTotal: 0, creditTotal: 0 });
  });

  it('refuses a difference with BOOKS_OPENING_UNBALANCED', () => {
    expect(() =>
      checkOpeningBalanced([
        { debit: 700, credit: 0 },
        { debit: 0, credit: 699 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'BOOKS_OPENING_UNBALANCED' }));
  });

  it.each([
    ['2025-12-31', '2026-01-01', 'BOOKS_DATE_BEFORE_OPENING'],
    ['2026-01-01', '2026-01-01', undefined],
    ['2020-01-01', null, undefined],
  ])('an entry dated %s with the books starting %s: %s', (date, start, code) => {
    if (code) expect(() => checkEntryDate(date, start)).toThrow(expect.objectContaining({ code }));
    else expect(() => checkEntryDate(date, start)).not.toThrow();
  });
});

describe('残高照合', () => {
  const bankDays = [
    { date: '2026-01-05', bankBalance: 1_100, notBookedNet: 0 },
    { date: '2026-01-06', bankBalance: 1_050, notBookedNet: -50 },
    { date: '2026-01-07', bankBalance: 1_350, notBookedNet: 0 },
    { date: '2026-01-08', bankBalance: 1_350, notBookedNet: 0 },
  ];
  it('explains by the lines not booked, and finds where the rest appears and changes', () => {
    const { days, changes } = reconcile(
      1_000,
      bankDays,
      // 01-07's 入金 of 300 booked twice (+600); an entry on a day the bank sent nothing (01-03).
      [
        { date: '2026-01-03', net: 100 },
        { date: '2026-01-07', net: 600 },
      ],
    );
    expect(days.map((d) => [d.ledgerBalance, d.notBooked, d.unexplained])).toEqual([
      [1_100, 0, 0],
      [1_100, -50, 0],
      [1_700, -50, -300],
      [1_700, -50, -300],
    ]);
    expect(changes.map((c) => c.date)).toEqual(['2026-01-07']);
  });

  it('marks the line whose balance does not follow from the one before', () => {
    const line = (type: '1' | '2', amount: number, balance: number) => ({
      date: '2026-01-07',
      type,
      amount,
      remarks: '',
      balance,
      booked: true,
    });
    const marked = markChainBreaks(1_000, [
      line('1', 100, 1_100),
      line('2', 50, 1_000),
      line('1', 10, 1_010),
    ]);
    expect(marked.map((l) => l.chainBreak)).toEqual([false, true, false]);
    expect(markChainBreaks(null, [line('1', 100, 5_000)])[0]!.chainBreak).toBe(false);
  });
});
