import iconv from 'iconv-lite';

/**
 * Shift_JIS as Windows writes it (CP932: NEC and IBM extensions, ～ and － as Windows maps them),
 * which 弥生会計 and the other packages read. A character CP932 has no byte for (an emoji, 𠮷, a
 * rare kanji) is replaced by 〓 (the geta mark Japanese systems use for "not representable") and
 * reported, so the file is never broken and the user learns which memo to fix.
 */

const REPLACEMENT = '〓';

export interface Replaced {
  /** The text as it will be written. */
  text: string;
  /** The characters that could not be written, in order, each once. */
  replaced: string[];
}

const encodable = (ch: string): boolean => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch;

/** The text with every character CP932 cannot hold replaced by 〓. */
export function toCp932Safe(text: string): Replaced {
  // Fast path: most text survives the round trip whole.
  if (iconv.decode(iconv.encode(text, 'cp932'), 'cp932') === text) return { text, replaced: [] };
  const replaced: string[] = [];
  let out = '';
  for (const ch of text) {
    if (encodable(ch)) out += ch;
    else {
      out += REPLACEMENT;
      if (!replaced.includes(ch)) replaced.push(ch);
    }
  }
  return { text: out, replaced };
}

/**
 * CP932 bytes of each UTF-16 unit met so far (0: not yet asked), as iconv-lite gives them: a byte
 * below 0x100, or two bytes as lead << 8 | trail (lead bytes are 0x81 and above).
 */
const BYTES = new Uint16Array(0x10000);

/**
 * The text in CP932, as iconv-lite writes it. A year's file is ~14 million characters of a few
 * hundred distinct ones, so each character is asked of iconv-lite once and the text is written
 * through that table in one pass (iconv-lite's own loop took a third of the export). Text with a
 * surrogate (a character beyond the BMP, which the export has replaced by 〓 already) goes to
 * iconv-lite whole, as a pair must be encoded together.
 */
export function encodeCp932(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 2);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      out[o++] = unit;
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdfff) return iconv.encode(text, 'cp932');
    let bytes = BYTES[unit]!;
    if (bytes === 0) {
      const encoded = iconv.encode(String.fromCharCode(unit), 'cp932');
      bytes = BYTES[unit] = encoded.length === 1 ? encoded[0]! : (encoded[0]! << 8) | encoded[1]!;
    }
    if (bytes > 0xff) out[o++] = bytes >> 8;
    out[o++] = bytes & 0xff;
  }
  return out.subarray(0, o);
}
export const decodeCp932 = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes), 'cp932');
