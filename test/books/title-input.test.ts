import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-errors.ts';
import { BUILT_IN_TITLES } from '../../main/books/chart.ts';
import { checkNewSubTitle, checkNewTitle } from '../../main/books/title-input.ts';

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
    [
      'a label over 24 characters',
      { name: '外注費', labels: { mf: 'x'.repeat(25) } },
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
        { name: ' 外注費 ', labels: { yayoi: ' 外注工賃 ', freee: '', mf: '外注費' } },
        BUILT_IN_TITLES,
      ),
    ).toEqual({ name: '外注費', labels: { yayoi: '外注工賃', mf: '外注費' } });
  });
});

describe('a new 補助科目', () => {
  it.each([
    ['an empty name', '', 'BOOKS_TITLE_NAME_INVALID'],
    ['a name over 40 characters', 'ｱ'.repeat(41), 'BOOKS_TITLE_NAME_INVALID'],
    ['a name the title has', 'ﾀﾅｶｼｮｳｼﾞ', 'BOOKS_TITLE_EXISTS'],
  ])('refuses %s', (_, name, code) => {
    expect(codeOf(() => checkNewSubTitle(name, ['ﾀﾅｶｼｮｳｼﾞ']))).toBe(code);
  });

  it('keeps a new name, trimmed', () => {
    expect(checkNewSubTitle(' ｽｽﾞｷｼｮｳﾃﾝ ', ['ﾀﾅｶｼｮｳｼﾞ'])).toBe('ｽｽﾞｷｼｮｳﾃﾝ');
  });
});
