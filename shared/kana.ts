/**
 * Kana folding for the statement search: the bank prints remarks in half-width katakana with large
 * kana only (`ｷﾕｳﾖ ﾃﾞﾝｷﾘﾖｳｷﾝ`), the user types whatever their keyboard gives (でんき, デンキ, ﾃﾞﾝｷ,
 * きゅうよ). Both sides are folded the same way and then compared as plain substrings. Pure: the
 * ledger stores the folded remarks, so changing this table needs a migration that re-folds them.
 */

/** Small kana as the bank writes them: large (the zengin character set of bank remarks has no small kana). */
const SMALL_TO_LARGE: Readonly<Record<string, string>> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
};

const WHITESPACE = /\s+/gu;
const HIRAGANA = /[\u3041-\u3096]/gu; // ぁ … ゖ
const SMALL_KANA = new RegExp(`[${Object.keys(SMALL_TO_LARGE).join('')}]`, 'gu');
const KATAKANA_OFFSET = 0x60; // ぁ U+3041 → ァ U+30A1

/**
 * The form both remarks and search text are compared in: NFKC (half-width kana and voiced marks
 * joined into full-width, full-width Latin and digits to ASCII), Latin lower case, hiragana as
 * katakana, small kana as large, and no whitespace at all (banks space words arbitrarily).
 *
 * @example foldKana('ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ') === foldKana('きゅうよ デモショウジ（カ') // 'キユウヨデモシヨウジ(カ'
 */
export function foldKana(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(WHITESPACE, '')
    .replace(HIRAGANA, (kana) => String.fromCharCode(kana.charCodeAt(0) + KATAKANA_OFFSET))
    .replace(SMALL_KANA, (kana) => SMALL_TO_LARGE[kana]!);
}
