import { describe, expect, it } from 'vitest';
import { BUILT_IN_TITLES, chartCodes } from '../../main/books/chart.ts';
import { creditOf, debitOf } from '../support/entry-sides.ts';
import { syncedCore } from '../support/synced-core.ts';

/**
 * The standard charts (issue 21, item 14): a 法人's and a 個人事業主's, chosen at 帳簿's first start
 * and changeable, on a ledger synced from the real bank into a real SQLite file. A switch adds the
 * other kind's titles and never drops one an entry or a rule uses; the entries stay line by line.
 */
describe('the standard charts of a 法人 and a 個人事業主', () => {
  it('hold the titles each kind needs, named as the packages name them', () => {
    const names = (kind: 'corporation' | 'sole') =>
      chartCodes(kind).map((code) => BUILT_IN_TITLES.find((t) => t.code === code)!.name);
    const corporation = names('corporation');
    const sole = names('sole');
    for (const name of ['外注費', '役員報酬', '資本金', '繰越利益剰余金', '法人税等', '普通預金', '売上高'])
      expect(corporation).toContain(name);
    for (const name of ['事業主貸', '事業主借', '元入金']) expect(corporation).not.toContain(name);
    for (const name of ['事業主貸', '事業主借', '元入金', '外注費', '普通預金', '売上高'])
      expect(sole).toContain(name);
    for (const name of ['役員報酬', '資本金', '法人税等']) expect(sole).not.toContain(name);
    // Names are unique across the whole built-in list, and every one has a label in each target.
    expect(new Set(BUILT_IN_TITLES.map((t) => t.name)).size).toBe(BUILT_IN_TITLES.length);
    for (const t of BUILT_IN_TITLES) expect(Object.keys(t.labels).sort()).toEqual(['freee', 'mf', 'yayoi']);
  });
});

describe('choosing and switching a ledger’s chart', () => {
  const synced = syncedCore('CORP0001', 'Corp-Pass-1');

  const codes = async () => (await synced.app.call('books:chart-get')).titles.map((t) => t.code);

  it('starts unchosen with the titles the ledger had, and a 法人 chart drops the unused 事業主貸/借', async () => {
    const first = await synced.app.call('books:chart-get');
    expect(first.kind).toBeNull();
    expect(first.titles.map((t) => t.name)).toContain('事業主貸');
    const saved = await synced.app.call('books:chart-kind-save', { kind: 'corporation' });
    expect(saved.kept).toEqual([]);
    expect(saved.added.map((t) => t.code)).toEqual(
      expect.arrayContaining(['officer_pay', 'capital', 'retained_earnings', 'corporate_tax']),
    );
    const chart = await synced.app.call('books:chart-get');
    expect(chart.kind).toBe('corporation');
    expect(chart.titles.filter((t) => t.builtIn).map((t) => t.code)).toEqual(chartCodes('corporation'));
  });

  it('switching to 個人事業主 keeps a 法人 title an entry uses and one a rule uses, and every entry as it was', async () => {
    const queue = await synced.app.call('books:queue-query', { status: 'unreviewed', limit: 100 });
    const paid = queue.rows.filter((l) => l.type === '2' && !l.transfer);
    const [one, two] = paid;
    const officer = await synced.app.call('books:lines-register', {
      lines: [{ accountId: one!.accountId, itemKey: one!.itemKey }],
      titleCode: 'officer_pay',
      taxCode: 'none',
      memo: '6月分役員報酬',
    });
    expect(officer.entries[0]).toMatchObject({ amount: one!.amount, memo: '6月分役員報酬' });
    expect(officer.entries[0]!.lines).toHaveLength(2);
    expect(debitOf(officer.entries[0]!)).toMatchObject({ titleCode: 'officer_pay', taxCode: 'none' });
    expect(creditOf(officer.entries[0]!)).toMatchObject({
      titleCode: one!.accountLabel.includes('5001002') ? 'checking_deposit' : 'ordinary_deposit',
    });
    await synced.app.call('books:rules-save', {
      keyword: 'ﾎｳｼﾞﾝｾﾞｲ',
      match: 'contains',
      type: '2',
      titleCode: 'corporate_tax',
      taxCode: 'none',
      action: 'suggest',
    });
    const before = (await synced.app.call('books:entries-query', { limit: 1000 })).rows;

    const saved = await synced.app.call('books:chart-kind-save', { kind: 'sole' });
    expect(saved.added.map((t) => t.code)).toEqual(
      expect.arrayContaining(['owner_draw', 'owner_contribution', 'owner_capital']),
    );
    expect(saved.kept.map((t) => t.code).sort()).toEqual(['corporate_tax', 'officer_pay']);
    const now = await codes();
    for (const code of ['officer_pay', 'corporate_tax', 'owner_draw', 'owner_contribution', 'owner_capital'])
      expect(now).toContain(code);
    for (const code of ['capital', 'retained_earnings', 'accrued_corporate_tax'])
      expect(now).not.toContain(code);
    expect((await synced.app.call('books:entries-query', { limit: 1000 })).rows).toEqual(before);

    // A title the chart dropped cannot be booked; one it added can, written as chosen.
    await expect(
      synced.app.call('books:lines-register', {
        lines: [{ accountId: two!.accountId, itemKey: two!.itemKey }],
        titleCode: 'capital',
        taxCode: 'none',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const drawn = await synced.app.call('books:lines-register', {
      lines: [{ accountId: two!.accountId, itemKey: two!.itemKey }],
      titleCode: 'owner_draw',
      taxCode: 'none',
    });
    expect(drawn.entries[0]).toMatchObject({
      date: two!.date,
      amount: two!.amount,
      counterparty: two!.counterparty,
      memo: two!.remarks,
    });
    expect(debitOf(drawn.entries[0]!)).toMatchObject({ titleCode: 'owner_draw', taxCode: 'none' });

    // And back: the 法人 titles return, 事業主貸 stays (an entry uses it), 事業主借 goes.
    const back = await synced.app.call('books:chart-kind-save', { kind: 'corporation' });
    expect(back.kept).toEqual([{ code: 'owner_draw', name: '事業主貸' }]);
    const last = await codes();
    expect(last).toContain('capital');
    expect(last).toContain('owner_draw');
    expect(last).not.toContain('owner_contribution');
  });
});
