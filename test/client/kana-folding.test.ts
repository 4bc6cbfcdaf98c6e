import { describe, expect, it } from 'vitest';
import { foldKana } from '../../shared/kana.ts';

/** Remarks as the bank prints them: half-width katakana, large kana only, words spaced freely. */
const BANK_REMARKS = ['ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', 'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ', 'ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ', 'ATM ﾋｷﾀﾞｼ'];

const finds = (typed: string, remarks: string) => foldKana(remarks).includes(foldKana(typed));

describe('kana folding for the statement search', () => {
  it.each([
    ['ﾃﾞﾝｷ', 'half-width katakana, as the bank prints it'],
    ['デンキ', 'full-width katakana'],
    ['でんき', 'hiragana'],
    ['ﾃﾞﾝｷ ﾘﾖｳｷﾝ', 'spaced where the bank did not space'],
    ['でんきりょうきん', 'small ょ where the bank wrote a large ﾖ'],
  ])('%s (%s) finds ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', (typed) => {
    expect(finds(typed, BANK_REMARKS[0]!)).toBe(true);
  });

  it.each([
    ['きゅうよ', 'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ'],
    ['キュウヨ', 'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ'],
    ['でもしょうじ（か', 'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ'],
    ['ふりこみ　やまだ', 'ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['ヤマダタロウ', 'ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['ａｔｍ', 'ATM ﾋｷﾀﾞｼ'],
    ['atm', 'ATM ﾋｷﾀﾞｼ'],
  ])('%s finds %s', (typed, remarks) => {
    expect(finds(typed, remarks)).toBe(true);
  });

  it.each([
    ['てんき', 'ﾃﾞﾝｷﾘﾖｳｷﾝ', 'a voiced mark is part of the kana: テ is not デ'],
    ['やまだはなこ', 'ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ', 'another name'],
    ['ぱ', 'ﾊﾞ', 'ﾟ is not ﾞ'],
    ['口座振替', 'ｺｳｻﾞﾌﾘｶｴ', 'kanji are not read as kana'],
  ])('%s does not find %s (%s)', (typed, remarks) => {
    expect(finds(typed, remarks)).toBe(false);
  });

  it.each([
    ['ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', 'コウザフリカエデンキリヨウキン'],
    ['ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ', 'キユウヨデモシヨウジ(カ'],
    ['ぁぃぅぇぉっゃゅょゎゕゖ', 'アイウエオツヤユヨワカケ'],
    ['ｧｨｩｪｫｯｬｭｮ', 'アイウエオツヤユヨ'],
    ['ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ ｳﾞ', 'ガギグパピヴ'],
    ['ＡＢＣ１２３ abc', 'abc123abc'],
    [' \t\u3000', ''],
    ['', ''],
  ])('folds %j to %j', (text, folded) => {
    expect(foldKana(text)).toBe(folded);
  });

  it('folding twice changes nothing (the ledger stores folded remarks and folds the query again)', () => {
    for (const remarks of BANK_REMARKS) expect(foldKana(foldKana(remarks))).toBe(foldKana(remarks));
  });
});
