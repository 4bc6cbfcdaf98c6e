import { describe, expect, it } from 'vitest';
import { foldKana } from '../../shared/kana.ts';
import { BUILT_IN_TITLES, taxIncluded, taxLabel } from '../../main/books/chart.ts';
import { counterpartyFrom } from '../../main/books/counterparty.ts';
import {
  chooseRule,
  keywordProblem,
  ruleMatches,
  rulesConflict,
  type Rule,
} from '../../main/books/rule-matcher.ts';
import { STARTER_RULES } from '../../main/books/starter-rules.ts';
import { matchTransfers, type TransferCandidate } from '../../main/books/transfer-matcher.ts';
import { BOOKS_ARGS, ruleAsSaved, type RuleView } from '../../shared/ipc/books-contract.ts';

let nextId = 1;
const rule = (keyword: string, extra: Partial<Rule> = {}): Rule => ({
  id: nextId++,
  keyword,
  folded: foldKana(keyword),
  match: 'contains',
  titleCode: 'misc_expense',
  taxCode: 'purchase10',
  action: 'suggest',
  ...extra,
});
const line = (remarks: string, type: '1' | '2' = '2', amount = 1_000) => ({
  remarksFolded: foldKana(remarks),
  type,
  amount,
});

describe('取引先 from the remarks', () => {
  it.each([
    ['ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ', 'ﾀﾅｶ ﾀﾛｳ'],
    ['ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ'],
    ['ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ', 'ﾃﾞﾓｼﾖｳｼﾞ(ｶ'],
    ['ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', 'ﾃﾞﾝｷﾘﾖｳｷﾝ'],
    ['ﾃｶﾞﾀ ｹﾂｻｲ ｶ)ｱｵﾊﾞﾃﾞﾝｷ', 'ｶ)ｱｵﾊﾞﾃﾞﾝｷ'],
    ['ｺｷﾞﾃ ｼﾊﾗｲ ｶ)ﾄｳｶｲｼｻﾞｲ', 'ｶ)ﾄｳｶｲｼｻﾞｲ'],
    ['ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ'],
    ['ﾘｿｸ', ''],
    ['ATM', ''],
    ['ﾌﾘｺﾐﾃｽｳﾘﾖｳ', ''],
    ['ｷﾕｳﾖ ﾌﾘｺﾐ', ''],
    ['  ﾌﾘｺﾐ   ﾔﾏﾀﾞ  ﾊﾅｺ ', 'ﾔﾏﾀﾞ ﾊﾅｺ'],
  ])('%s → %j', (remarks, expected) => {
    expect(counterpartyFrom(remarks)).toBe(expected);
  });
});

describe('the rule matcher', () => {
  it.each<[string, Partial<Rule>, ReturnType<typeof line>, boolean]>([
    ['部分一致 finds the keyword anywhere', { match: 'contains' }, line('ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ'), true],
    ['前方一致 needs it at the start', { match: 'prefix' }, line('ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ'), false],
    ['後方一致 at the end', { match: 'suffix' }, line('ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ'), true],
    ['完全一致 the whole remarks', { match: 'exact' }, line('ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ'), false],
    ['完全一致 on equal folded text', { match: 'exact' }, line('ﾃﾞﾝｷ ﾘﾖｳｷﾝ'), true],
    ['出金 only refuses 入金', { type: '2' }, line('ﾃﾞﾝｷﾘﾖｳｷﾝ', '1'), false],
    ['below the range', { minAmount: 2_000 }, line('ﾃﾞﾝｷﾘﾖｳｷﾝ', '2', 1_999), false],
    ['on the range’s edges', { minAmount: 1_000, maxAmount: 1_000 }, line('ﾃﾞﾝｷﾘﾖｳｷﾝ', '2', 1_000), true],
    ['above the range', { maxAmount: 999 }, line('ﾃﾞﾝｷﾘﾖｳｷﾝ'), false],
  ])('%s', (_name, extra, target, expected) => {
    expect(ruleMatches(rule('ﾃﾞﾝｷﾘﾖｳｷﾝ', extra), target)).toBe(expected);
  });

  it('matches however the keyword was typed: でんき, デンキ and ﾃﾞﾝｷ alike', () => {
    for (const typed of ['でんきりょうきん', 'デンキリョウキン', 'ﾃﾞﾝｷﾘﾖｳｷﾝ']) {
      expect(ruleMatches(rule(typed), line('ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ'))).toBe(true);
    }
  });

  it.each<[string, Partial<Rule>, Partial<Rule>, string]>([
    ['完全一致 beats 部分一致', { match: 'exact' }, {}, 'match-kind'],
    ['前方一致 beats 部分一致', { match: 'prefix' }, {}, 'match-kind'],
    [
      'the longer keyword beats the shorter',
      { keyword: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' },
      { keyword: 'ﾃｽｳﾘﾖｳ' },
      'longer-keyword',
    ],
    ['an amount range beats none', { minAmount: 100 }, {}, 'amount-range'],
    [
      'the narrower range beats the wider',
      { minAmount: 400, maxAmount: 500 },
      { minAmount: 0, maxAmount: 1_000 },
      'amount-range',
    ],
    ['出金 only beats both directions', { type: '2' }, {}, 'direction'],
    ['the older rule beats an equal newer one', {}, {}, 'older-rule'],
  ])('%s, and the reason names the rule it outranked', (_name, winnerExtra, loserExtra, why) => {
    const winner = rule((winnerExtra.keyword as string) ?? 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ', {
      match: 'contains',
      ...winnerExtra,
    });
    const loser = rule((loserExtra.keyword as string) ?? 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ', { match: 'contains', ...loserExtra });
    for (const order of [
      [winner, loser],
      [loser, winner],
    ]) {
      const choice = chooseRule(order, line('ﾌﾘｺﾐﾃｽｳﾘﾖｳ', '2', 440))!;
      expect(choice.rule).toBe(winner);
      expect(choice.reason).toEqual({
        ruleId: winner.id,
        match: winner.match,
        keyword: winner.keyword,
        outranked: [{ ruleId: loser.id, keyword: loser.keyword, why }],
      });
    }
  });

  it('suggests nothing when no rule matches', () => {
    expect(chooseRule([rule('ﾔﾁﾝ')], line('ﾘｿｸ', '1'))).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['   　 ', 'empty'],
    ['ﾃﾞﾝｷ\u0000', 'control-characters'],
    ['ア'.repeat(41), 'too-long'],
    ['ﾃﾞﾝｷ', undefined],
  ])('keyword %j: %s', (keyword, problem) => {
    expect(keywordProblem(keyword)).toBe(problem);
  });

  it.each<[string, Partial<Rule>, Partial<Rule>, boolean]>([
    ['the same condition, typed differently, conflicts', { keyword: 'でんき' }, { keyword: 'ﾃﾞﾝｷ' }, true],
    ['another match kind does not (the stricter wins)', { match: 'prefix' }, {}, false],
    ['another direction does not', { type: '1' }, {}, false],
    [
      'equal-width ranges that share amounts conflict',
      { minAmount: 0, maxAmount: 100 },
      { minAmount: 50, maxAmount: 150 },
      true,
    ],
    [
      'equal-width ranges apart do not',
      { minAmount: 0, maxAmount: 100 },
      { minAmount: 200, maxAmount: 300 },
      false,
    ],
  ])('%s', (_name, a, b, expected) => {
    const ra = rule((a.keyword as string) ?? 'ﾃﾞﾝｷ', a);
    const rb = rule((b.keyword as string) ?? 'ﾃﾞﾝｷ', b);
    expect(rulesConflict(ra, rb)).toBe(expected);
  });
});

describe('the starter rules', () => {
  const starters = STARTER_RULES.map((input, i) =>
    rule(input.keyword, { ...input, id: 1_000 + i, folded: foldKana(input.keyword) } as Partial<Rule>),
  );
  it.each([
    ['ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', '2', 'utilities'],
    ['ｺｳｻﾞﾌﾘｶｴ ｶﾞｽﾘﾖｳｷﾝ', '2', 'utilities'],
    ['ﾌﾘｺﾐﾃｽｳﾘﾖｳ', '2', 'fees'],
    ['ﾘｿｸ', '1', 'interest_income'],
    ['ｺｳｻﾞﾌﾘｶｴ ﾔﾁﾝ', '2', 'rent'],
    ['ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ', '2', 'salaries'],
    ['ｳﾘｱｹﾞ ｶ-ﾄﾞ', '1', 'sales'],
    ['ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ', '1', undefined],
  ] as const)('%s (%s) → %s', (remarks, type, titleCode) => {
    expect(chooseRule(starters, line(remarks, type))?.rule.titleCode).toBe(titleCode);
  });

  it('are all 推測, point at titles of the chart, and have valid keywords with no two in conflict', () => {
    for (const s of STARTER_RULES) {
      expect(s.action).toBe('suggest');
      expect(BUILT_IN_TITLES.some((t) => t.code === s.titleCode)).toBe(true);
      expect(keywordProblem(s.keyword)).toBeUndefined();
    }
    for (const a of starters) for (const b of starters) if (a !== b) expect(rulesConflict(a, b)).toBe(false);
  });
});

describe('a listed rule saved back', () => {
  it('is every field of the rule but whether it came with the app, and the boundary takes it as it is', () => {
    const listed: RuleView = {
      id: 7,
      keyword: 'ｳﾘｱｹﾞ',
      match: 'prefix',
      type: '1',
      minAmount: 1_000,
      maxAmount: 50_000,
      titleCode: 'sales',
      subTitle: 'ｶｰﾄﾞ',
      taxCode: 'sales10',
      counterparty: 'ﾃﾞﾓｶｰﾄﾞ',
      memo: '売上',
      action: 'suggest',
      starter: true,
    };
    const { starter, ...saved } = listed;
    expect(ruleAsSaved(listed)).toEqual(saved);
    expect(BOOKS_ARGS['books:rules-save'].parse(ruleAsSaved(listed))).toEqual(saved);
    expect(listed.starter, 'the listed rule is left as it was').toBe(starter);
  });
});

describe('tax inside a tax-included amount, and its label per target', () => {
  it.each([
    [110_000, 'sales10', 10_000],
    [8_250, 'purchase10', 750],
    [1_080, 'purchase8r', 80],
    [1_079, 'purchase8r', 79],
    [999, 'exempt', 0],
    [999, 'none', 0],
  ] as const)('%i at %s holds %i', (amount, code, tax) => {
    expect(taxIncluded(amount, code)).toBe(tax);
  });

  it.each([
    ['exempt', 'revenue', 'yayoi', '非課売上'],
    ['exempt', 'expense', 'yayoi', '非課仕入'],
    ['exempt', 'revenue', 'mf', '非課税売上'],
    ['purchase8r', 'expense', 'freee', '課対仕入8%（軽）'],
  ] as const)('%s on a %s title in %s reads %s', (code, kind, target, label) => {
    expect(taxLabel(code, kind, target)).toBe(label);
  });
});

describe('own-account transfers', () => {
  const l = (
    accountId: string,
    itemKey: string,
    date: string,
    type: '1' | '2',
    amount: number,
  ): TransferCandidate => ({ accountId, itemKey, date, type, amount });
  const keys = (pairs: ReturnType<typeof matchTransfers>) =>
    pairs.map((p) => `${p.from.accountId}:${p.from.itemKey}→${p.to.accountId}:${p.to.itemKey}`);

  it.each<[string, TransferCandidate[], string[]]>([
    [
      'a 出金 and a 入金 of the same amount the same day in two accounts',
      [l('A', '1', '2026-04-20', '2', 1_000_000), l('B', '7', '2026-04-20', '1', 1_000_000)],
      ['A:1→B:7'],
    ],
    [
      'the 入金 up to two days later',
      [l('A', '1', '2026-04-20', '2', 500), l('B', '7', '2026-04-22', '1', 500)],
      ['A:1→B:7'],
    ],
    ['not three days later', [l('A', '1', '2026-04-20', '2', 500), l('B', '7', '2026-04-23', '1', 500)], []],
    [
      'not a 入金 before the 出金',
      [l('A', '1', '2026-04-20', '2', 500), l('B', '7', '2026-04-19', '1', 500)],
      [],
    ],
    [
      'not within one account',
      [l('A', '1', '2026-04-20', '2', 500), l('A', '2', '2026-04-20', '1', 500)],
      [],
    ],
    ['not other amounts', [l('A', '1', '2026-04-20', '2', 500), l('B', '7', '2026-04-20', '1', 501)], []],
    [
      'each line once, same-day pairs first (A:2 takes B:7 the same day, A:1 the next day’s C:3)',
      [
        l('A', '1', '2026-04-20', '2', 500),
        l('B', '7', '2026-04-21', '1', 500),
        l('A', '2', '2026-04-21', '2', 500),
        l('C', '3', '2026-04-21', '1', 500),
      ],
      ['A:1→C:3', 'A:2→B:7'],
    ],
  ])('pairs %s', (_name, lines, expected) => {
    expect(keys(matchTransfers(lines))).toEqual(expected);
  });

  /**
   * The matcher's rule as it reads: every candidate pair (a 出金 and a 入金 of its amount in another
   * account, 0–2 days later), sorted by the gap, then the 出金's order, then the 入金's (date,
   * account, item key; a stable sort), taken in turn when neither line is taken yet (a key is one
   * line); the pairs in the 出金's order. The matcher sweeps a gap at a time instead, which is what
   * keeps a rule application's step short: it must pair exactly this.
   */
  function reference(lines: readonly TransferCandidate[]): ReturnType<typeof matchTransfers> {
    const order = (a: TransferCandidate, b: TransferCandidate) =>
      a.date.localeCompare(b.date) ||
      a.accountId.localeCompare(b.accountId) ||
      a.itemKey.localeCompare(b.itemKey);
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    const deposits = lines.filter((line) => line.type === '1').sort(order);
    const candidates = lines
      .filter((line) => line.type === '2')
      .flatMap((from) =>
        deposits
          .filter((to) => to.amount === from.amount && to.accountId !== from.accountId)
          .map((to) => ({ from, to, gap: day(to.date) - day(from.date) }))
          .filter(({ gap }) => gap >= 0 && gap <= 2),
      )
      .sort((a, b) => a.gap - b.gap || order(a.from, b.from) || order(a.to, b.to));
    const used = new Set<string>();
    const pairs: ReturnType<typeof matchTransfers> = [];
    for (const { from, to } of candidates) {
      const [f, t] = [from, to].map((line) => `${line.accountId}\u0000${line.itemKey}`) as [string, string];
      if (used.has(f) || used.has(t)) continue;
      used.add(f).add(t);
      pairs.push({ from, to });
    }
    return pairs.sort((a, b) => order(a.from, b.from));
  }

  it('pairs what taking every candidate pair in order pairs, over random lines (amounts, accounts and keys recurring)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
    let paired = 0;
    for (let round = 0; round < 400; round++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 60) }, () =>
        l(
          // Ten and 9 order as text; item keys of either case and with signs; a key now and then twice.
          pick(['1', '2', '3', '9', '10']),
          `${pick(['a', 'B', 'b', '-x', '10', '9'])}${Math.floor(next() * (next() < 0.3 ? 3 : 1_000))}`,
          `2026-02-${String(26 + Math.floor(next() * 6)).padStart(2, '0')}`.replace(
            /2026-02-(29|3[01])/,
            (_, d: string) => `2026-03-0${Number(d) - 28}`,
          ),
          pick(['1', '2'] as const),
          pick([100, 200, 300]),
        ),
      );
      const expected = reference(lines);
      paired += expected.length;
      expect(keys(matchTransfers(lines))).toEqual(keys(expected));
    }
    // The rounds paired lines, across month ends too.
    expect(paired).toBeGreaterThan(1_000);
  });
});
