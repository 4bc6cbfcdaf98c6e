import type { ExportFileFormat } from '../../../shared/ipc/books-contract.ts';

/**
 * What one file may hold, as each vendor states it; an export past it is split (split-parts.ts).
 * - freee 取引インポート: "ファイルサイズの上限は5MBとなります" —
 *   https://support.freee.co.jp/hc/ja/articles/202847320 (取引・口座振替のインポート). 5 MB is
 *   taken as 5,000,000 bytes, the smaller reading.
 * - freee 仕訳インポート (the compound entries' file): "ファイルサイズの上限は5MB、行数の上限は
 *   5,000行となります" — https://support.freee.co.jp/hc/ja/articles/202847920. The header line is
 *   counted among the 5,000 (the smaller reading): the split leaves 4,999 for entries.
 * - 弥生: "1.0MBを超えるテキストファイル / 取引の件数(行数)の合計が1000件(1000行)を超えるテキスト
 *   ファイル" cannot be imported, "ファイルを分割してインポートしてください" —
 *   https://yayoi-k.jp/faq/10431.html (弥生会計でインポートする際の制限事項), and the import's error
 *   "明細数は1,000行以内にしてください" — https://support.yayoi-kk.co.jp/faq_Subcontents.html?page_id=29668.
 *   Both pages are 弥生会計 オンライン's; the desktop product's format page (page_id=18545) states
 *   no limit. The stricter one is kept: a file that fits オンライン fits the desktop too.
 * - マネーフォワード クラウド会計 仕訳帳インポート: no limit on a file's size or lines found in its
 *   published guides (import2.html, ib01.html); not split. It imports one 会計年度 at a time (same
 *   pages), which the export's fiscal-year period follows.
 */
export interface FileLimit {
  bytes: number;
  /** Lines a file may hold, as stated; a file's header line is counted among them. */
  lines?: number;
}

export const FILE_LIMITS: Record<ExportFileFormat, FileLimit | undefined> = {
  freee: { bytes: 5_000_000 },
  'freee-journal': { bytes: 5_000_000, lines: 5_000 },
  yayoi: { bytes: 1_000_000, lines: 1000 },
  mf: undefined,
};
