import { describe, expect, it } from 'vitest';
import type { TaxCode } from '../../shared/ipc/books-contract.ts';
import {
  corporateCheckDigit,
  invoiceNumberProblem,
  normalizeInvoiceNumber,
} from '../../shared/invoice-number.ts';
import { categoryInForce, notInForce, type SellerRegistration } from '../../shared/tax-periods.ts';
import { counterpartyFrom } from '../../main/books/counterparty.ts';
import { TAX_CATEGORIES } from '../../main/books/chart.ts';
import { directionMisfit } from '../../shared/books-direction.ts';

describe('the 法人番号 check digit of a registration number', () => {
  it.each([
    // 省令's worked example as 国税庁's formula is quoted (shared/invoice-number.ts).
    ['123456789012', 7],
    // Published 法人番号 (the sources quote them whole).
    ['011001098993', 4],
    ['120901007402', 2],
    ['700110005901', 8],
  ])('%s → %i', (base, digit) => {
    expect(corporateCheckDigit(base)).toBe(digit);
  });

  it.each<[string, ReturnType<typeof invoiceNumberProblem>]>([
    ['T7123456789012', undefined],
    ['T4011001098993', undefined],
    ['t4011001098993', undefined],
    ['Ｔ４０１１００１０９８９９３', undefined],
    ['T4011-0010-98993', undefined],
    ['T5011001098993', 'check-digit'],
    ['T4011001098994', 'check-digit'],
    ['T7123456789021', 'check-digit'],
    ['4011001098993', 'format'],
    ['T401100109899', 'format'],
    ['T40110010989930', 'format'],
    ['TT011001098993', 'format'],
    ['', 'format'],
  ])('%j → %j', (typed, problem) => {
    expect(invoiceNumberProblem(typed)).toBe(problem);
  });

  it('normalizes what the IME types into T and ASCII digits', () => {
    expect(normalizeInvoiceNumber(' ｔ４０１１ ００１０９８９９３ ')).toBe('T4011001098993');
  });
});

describe('the tax category in force by 取引日 and seller', () => {
  it.each<[string, SellerRegistration, TaxCode, TaxCode]>([
    // Before the invoice system: full credit whoever sold.
    ['2023-09-30', false, 'purchase10', 'purchase10'],
    ['2023-10-01', false, 'purchase10', 'purchase10_80'],
    ['2026-09-30', false, 'purchase10', 'purchase10_80'],
    ['2026-10-01', false, 'purchase10', 'purchase10_70'],
    ['2026-10-05', false, 'purchase10', 'purchase10_70'],
    ['2028-09-30', false, 'purchase10', 'purchase10_70'],
    ['2028-10-01', false, 'purchase10', 'purchase10_50'],
    ['2030-09-30', false, 'purchase8r', 'purchase8r_50'],
    ['2030-10-01', false, 'purchase8r', 'purchase8r_30'],
    ['2031-09-30', false, 'purchase10', 'purchase10_30'],
    // The credit has ended: 対象外, as freee books it.
    ['2031-10-01', false, 'purchase10', 'none'],
    // A registered seller, or one not yet known, keeps the category chosen.
    ['2026-10-05', true, 'purchase10', 'purchase10'],
    ['2026-10-05', null, 'purchase10', 'purchase10'],
    ['2026-10-05', undefined, 'purchase8r', 'purchase8r'],
    // Only 課対仕入 has a transitional credit.
    ['2026-10-05', false, 'sales10', 'sales10'],
    ['2026-10-05', false, 'exempt', 'exempt'],
    ['2026-10-05', false, 'none', 'none'],
    // A rule's transitional category (written for all dates) moves to the date's.
    ['2026-10-05', true, 'purchase10_80', 'purchase10_70'],
    ['2026-09-30', undefined, 'purchase8r_70', 'purchase8r_80'],
  ])('%s, registered %j, %s → %s', (date, seller, chosen, expected) => {
    expect(categoryInForce(date, seller, chosen)).toBe(expected);
  });

  it.each<[string, TaxCode, TaxCode | undefined]>([
    ['2026-09-30', 'purchase10_80', undefined],
    ['2026-10-01', 'purchase10_80', 'purchase10_70'],
    ['2026-10-01', 'purchase10_70', undefined],
    ['2026-09-30', 'purchase10_70', 'purchase10_80'],
    ['2028-09-30', 'purchase8r_50', 'purchase8r_70'],
    ['2028-10-01', 'purchase8r_50', undefined],
    ['2031-10-01', 'purchase10_30', 'none'],
    ['2026-10-05', 'purchase10', undefined],
  ])('a hand choice on %s of %s is refused for %j', (date, chosen, fix) => {
    expect(notInForce(date, chosen)).toBe(fix);
  });

  it('a transitional purchase is still a purchase for the direction check', () => {
    expect(directionMisfit('1', 'asset', 'purchase10_70')).toBe('tax');
    expect(directionMisfit('2', 'expense', 'purchase10_70')).toBeUndefined();
  });

  it('every transitional category has a label in every target and keeps its base rate', () => {
    for (const code of ['purchase10_70', 'purchase8r_30'] as const) {
      const tax = TAX_CATEGORIES.find((t) => t.code === code)!;
      expect(tax.rate).toBe(code.startsWith('purchase10') ? 10 : 8);
      for (const target of ['yayoi', 'freee', 'mf'] as const)
        expect(tax.labels[target].purchase).not.toBe('');
    }
  });
});

describe('取引先 from card and QR takings', () => {
  it.each([
    ['ｳﾘｱｹﾞ ｶ-ﾄﾞ', ''],
    ['ｳﾘｱｹﾞ QR', ''],
    ['ｳﾘｱｹﾞ ﾃﾞﾝｼﾏﾈ-', ''],
    ['ｳﾘｱｹﾞ ｸﾚｼﾞﾂﾄ', ''],
    ['ｳﾘｱｹﾞ ｶｰﾄﾞ', ''],
    ['ｶ-ﾄﾞ ｼﾞｴｰｼｰﾋﾞｰ', 'ｼﾞｴｰｼｰﾋﾞｰ'],
    ['ｳﾘｱｹﾞ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ'],
    ['ﾌﾘｺﾐ ﾀﾅｶｺｳﾑﾃﾝ', 'ﾀﾅｶｺｳﾑﾃﾝ'],
  ])('%s → %j', (remarks, expected) => {
    expect(counterpartyFrom(remarks)).toBe(expected);
  });
});
