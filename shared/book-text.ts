/**
 * Rules for the text the books write into the accounting packages' files, shared by the core (which
 * checks and exports) and the screens (which count as the user types). Pure.
 *
 * 弥生 measures its fields in 桁: a half-width character (ASCII, half-width katakana) is 1, any
 * other 2 — the bytes the character takes in Shift_JIS. It cuts a field longer than its 桁 on
 * import. Sources: https://support.yayoi-kk.co.jp/subcontents.html?page_id=18545 (弥生取り込み形式:
 * 借方/貸方勘定科目 24, 補助科目 24, "桁数 (半角)") and
 * https://support.yayoi-kk.co.jp/subcontents.html?grade_id=Std&page_id=18547 ("半角24桁を超える
 * 文字は、インポート時に切り捨て"). 摘要 64 and 仕訳メモ 180 are the issue's figures, from the same
 * page's later rows, which the project's stored excerpt of it does not reach (test/books/golden/README.md).
 */

export const YAYOI_KETA = {
  title: 24,
  subTitle: 24,
  memo: 64,
  note: 180,
} as const;

/** One 桁 for ASCII and half-width katakana (one Shift_JIS byte), two for anything else. */
const isHalfWidth = (code: number): boolean => code < 0x80 || (code >= 0xff61 && code <= 0xff9f);

/** The text's width in 弥生's 桁. */
export function ketaOf(text: string): number {
  let width = 0;
  for (const ch of text) width += isHalfWidth(ch.codePointAt(0)!) ? 1 : 2;
  return width;
}

/** What 弥生 keeps of a field of `max` 桁, and what it cuts (empty when nothing is cut). */
export function cutAtKeta(text: string, max: number): { kept: string; cut: string } {
  let width = 0;
  let index = 0;
  for (const ch of text) {
    const next = width + (isHalfWidth(ch.codePointAt(0)!) ? 1 : 2);
    if (next > max) return { kept: text.slice(0, index), cut: text.slice(index) };
    width = next;
    index += ch.length;
  }
  return { kept: text, cut: '' };
}

/**
 * A control character (C0, DEL, C1) in a name or a keyword: no bank prints one and no package
 * reads one back as the user meant (a NUL ends a C string, CR/LF break a CSV line). One rule for
 * title names, 補助科目 and rule keywords.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);
