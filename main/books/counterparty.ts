import { foldKana } from '../../shared/kana.ts';

/**
 * 取引先 from a bank line's remarks. Banks print a transaction word, a space, then who paid or was
 * paid (`ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ`, `ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ`, `ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ`); remarks that are only a
 * transaction word (`ﾘｿｸ`, `ATM`, `ﾌﾘｺﾐﾃｽｳﾘﾖｳ`) name nobody, and neither do card and QR takings
 * (`ｳﾘｱｹﾞ ｶ-ﾄﾞ`, `ｳﾘｱｹﾞ QR`): the word after 売上 is how the customers paid, not who (a card
 * company's name, `ｶ-ﾄﾞ ｼﾞｴｰｼｰﾋﾞｰ`, is kept). Words are compared kana-folded as the rules
 * match remarks (shared/kana.ts: ｶ-ﾄﾞ, カード and かーど are one word). Pure.
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
];

/** How customers paid: after a transaction word, alone, these name nobody. */
const PAYMENT_MEANS = [
  'カード',
  'クレジツト',
  'クレジツトカード',
  'qr',
  'qrコード',
  'デンシマネー',
  'コード',
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

const fold = foldKana;

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
      const rest = words.slice(taken).join(' ');
      return PAYMENT_MEANS.includes(fold(rest)) ? '' : rest;
    }
  }
  return trimmed;
}
