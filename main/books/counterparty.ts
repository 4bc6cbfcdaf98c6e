/**
 * 取引先 from a bank line's remarks. Banks print a transaction word, a space, then who paid or was
 * paid (`ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ`, `ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ`, `ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ`); remarks that are only a
 * transaction word (`ﾘｿｸ`, `ATM`, `ﾌﾘｺﾐﾃｽｳﾘﾖｳ`) name nobody. Pure.
 */

/** Words that say what kind of transaction it was, never who; folded forms (NFKC, no spaces). */
const TRANSACTION_WORDS = [
  'フリコミ',
  'フリカエ',
  'コウザフリカエ',
  'キユウヨ',
  'シヨウヨ',
  'テガタケツサイ',
  'コギテシハライ',
  'デンシサイ',
  'ゼイキン',
  'ウリアゲ',
  'カード',
  'カ-ド',
];

/** Remarks that are only a transaction word: nobody to name. */
const NOBODY = [
  'atm',
  'リソク',
  'フリコミテスウリヨウ',
  'テスウリヨウ',
  'シヤカイホケンリヨウ',
  'キユウヨフリコミ',
];

const fold = (word: string) => word.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

/**
 * @example counterpartyFrom('ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ') === 'ﾀﾅｶ ﾀﾛｳ'
 * @example counterpartyFrom('ﾘｿｸ') === ''
 */
export function counterpartyFrom(remarks: string): string {
  const trimmed = remarks.trim().replace(/[\s\u3000]+/gu, ' ');
  if (NOBODY.includes(fold(trimmed))) return '';
  const words = trimmed.split(' ');
  // `ﾃｶﾞﾀ ｹﾂｻｲ ｶ)…`: a transaction phrase may be two words before the name.
  for (const taken of [2, 1]) {
    if (words.length > taken && TRANSACTION_WORDS.includes(fold(words.slice(0, taken).join('')))) {
      return words.slice(taken).join(' ');
    }
  }
  return trimmed;
}
