import iconv from 'iconv-lite';

/**
 * Shift_JIS as Windows writes it (CP932: NEC and IBM extensions, ～ and － as Windows maps them),
 * which 弥生会計 and the other packages read. A character CP932 has no byte for (an emoji, 𠮷, a
 * rare kanji) is replaced by 〓 (the geta mark Japanese systems use for "not representable") and
 * reported, so the file is never broken and the user learns which memo to fix.
 */

export const REPLACEMENT = '〓';

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

export const encodeCp932 = (text: string): Buffer => iconv.encode(text, 'cp932');
export const decodeCp932 = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes), 'cp932');
