import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-errors.ts';
import { BUILT_IN_TITLES } from '../../main/books/chart.ts';
import { checkNewSubTitle, checkNewTitle } from '../../main/books/title-input.ts';
import { keywordProblem } from '../../main/books/rule-matcher.ts';
import { cutAtKeta, ketaOf } from '../../shared/book-text.ts';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
};

describe('a new 勘定科目', () => {
  it.each([
    ['an empty name', { name: '  ', labels: {} }, 'BOOKS_TITLE_NAME_INVALID'],
    ['a name over 24 characters', { name: 'あ'.repeat(25), labels: {} }, 'BOOKS_TITLE_NAME_INVALID'],
    // 弥生 counts 桁 (full-width 2): 28 桁 in 14 characters would be cut to 販売促進費（キャンペー.
    [
      'a name over 24 桁 in fewer characters',
      { name: '販売促進費（キャンペーン用）', labels: {} },
      'BOOKS_TITLE_NAME_INVALID',
    ],
    [
      'a 弥生 name over 24 桁',
      { name: '外注加工費', labels: { yayoi: '外注工賃（デザイン制作費）' } },
      'BOOKS_TITLE_NAME_INVALID',
    ],
    ['a name holding a NUL', { name: '外注\u0000費', labels: {} }, 'BOOKS_TITLE_NAME_INVALID'],
    ['a name holding a line break', { name: '外注\r\n費', labels: {} }, 'BOOKS_TITLE_NAME_INVALID'],
    [
      'a label holding a line feed',
      { name: '外注加工費', labels: { mf: '外注\n費' } },
      'BOOKS_TITLE_NAME_INVALID',
    ],
    [
      'a name a spreadsheet reads as a formula',
      { name: '=HYPERLINK("x")', labels: {} },
      'BOOKS_TITLE_NAME_INVALID',
    ],
    [
      'a label over 24 characters',
      { name: '外注加工費', labels: { mf: 'x'.repeat(25) } },
      'BOOKS_TITLE_NAME_INVALID',
    ],
    ['a built-in title’s name', { name: '通信費', labels: {} }, 'BOOKS_TITLE_EXISTS'],
    ['the same name with spaces around it', { name: ' 雑費 ', labels: {} }, 'BOOKS_TITLE_EXISTS'],
  ])('refuses %s', (_, input, code) => {
    expect(codeOf(() => checkNewTitle(input, BUILT_IN_TITLES))).toBe(code);
  });

  it('keeps the trimmed name and the labels given, and leaves an empty label missing', () => {
    expect(
      checkNewTitle(
        { name: ' 外注加工費 ', labels: { yayoi: ' 外注工賃 ', freee: '', mf: '外注加工費' } },
        BUILT_IN_TITLES,
      ),
    ).toEqual({ name: '外注加工費', labels: { yayoi: '外注工賃', mf: '外注加工費' } });
  });
});

describe('a new 補助科目', () => {
  it.each([
    ['an empty name', '', 'BOOKS_TITLE_NAME_INVALID'],
    ['a name over 24 桁 (half-width 1)', 'ｱ'.repeat(25), 'BOOKS_TITLE_NAME_INVALID'],
    [
      'the bank’s long name for an account (28 桁)',
      'デモ信用金庫 本店営業部 1001',
      'BOOKS_TITLE_NAME_INVALID',
    ],
    ['a name holding a control character', 'ﾀﾅｶ\u0007', 'BOOKS_TITLE_NAME_INVALID'],
    ['a name the title has', 'ﾀﾅｶｼｮｳｼﾞ', 'BOOKS_TITLE_EXISTS'],
  ])('refuses %s', (_, name, code) => {
    expect(codeOf(() => checkNewSubTitle(name, ['ﾀﾅｶｼｮｳｼﾞ']))).toBe(code);
  });

  it('keeps a name of exactly 24 桁, full-width or half-width', () => {
    expect(checkNewSubTitle('本店営業部 当座 5001002', [])).toBe('本店営業部 当座 5001002');
    expect(checkNewSubTitle('ｱ'.repeat(24), [])).toBe('ｱ'.repeat(24));
  });

  it('keeps a new name, trimmed', () => {
    expect(checkNewSubTitle(' ｽｽﾞｷｼｮｳﾃﾝ ', ['ﾀﾅｶｼｮｳｼﾞ'])).toBe('ｽｽﾞｷｼｮｳﾃﾝ');
  });
});

describe('one rule for control characters in names and rule keywords', () => {
  it.each(['\u0000', '\r', '\n', '\t', '\u007f', '\u0085'])(
    'refuses %j in a title name, a 補助科目 and a rule keyword alike',
    (ch) => {
      expect(codeOf(() => checkNewTitle({ name: `外注${ch}費`, labels: {} }, BUILT_IN_TITLES))).toBe(
        'BOOKS_TITLE_NAME_INVALID',
      );
      expect(codeOf(() => checkNewSubTitle(`ﾀﾅｶ${ch}ｼｮｳｼﾞ`, []))).toBe('BOOKS_TITLE_NAME_INVALID');
      expect(keywordProblem(`ﾌﾘｺﾐ${ch}ﾀﾅｶ`)).toBe('control-characters');
    },
  );
});

describe('弥生’s 桁', () => {
  it.each([
    ['ﾃﾞﾝｷﾘﾖｳｷﾝ', 9],
    ['ATM 1001', 8],
    ['デモ信用金庫 本店営業部 1001', 28],
    ['販売促進費（キャンペーン用）', 28],
    ['𠮷', 2],
  ])('counts %s as %i 桁', (text, keta) => {
    expect(ketaOf(text)).toBe(keta);
  });

  it('cuts where 弥生 cuts, never inside a full-width character', () => {
    expect(cutAtKeta('デモ信用金庫 本店営業部 1001', 24)).toEqual({
      kept: 'デモ信用金庫 本店営業部 ',
      cut: '1001',
    });
    expect(cutAtKeta('ああ', 3)).toEqual({ kept: 'あ', cut: 'あ' });
    expect(cutAtKeta('ﾃﾞﾝｷ', 24)).toEqual({ kept: 'ﾃﾞﾝｷ', cut: '' });
  });
});
