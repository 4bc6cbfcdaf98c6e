import { describe, expect, it } from 'vitest';
import { BUILT_IN_TITLES } from '../../main/books/chart.ts';
import { decodeCp932 } from '../../main/books/export/cp932.ts';
import { parseCsv } from '../../main/books/export/csv.ts';
import {
  carried,
  chartLookup,
  twoLineEntry,
  type ExportEntry,
} from '../../main/books/export/export-entry.ts';
import { buildExportFile, parseExportFile } from '../../main/books/export/export-file.ts';
import { FILE_LIMITS } from '../../main/books/export/file-limits.ts';
import { splitParts } from '../../main/books/export/split-parts.ts';
import { GOLDEN_ENTRIES } from './golden-entries.ts';

const chart = chartLookup(BUILT_IN_TITLES);
const bank = { titleCode: 'ordinary_deposit', subTitle: '本店営業部 普通 1001', taxCode: 'none' } as const;

/** A sale a day from `from`, `perDay` of them, over `days` days, each memo `memoLength` wide. */
function year(from: string, days: number, perDay: number, memoLength = 40): ExportEntry[] {
  const out: ExportEntry[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < perDay; i++)
      out.push(
        twoLineEntry({
          id: out.length + 1,
          date,
          debit: bank,
          credit: { titleCode: 'sales', taxCode: 'sales10' },
          amount: 1_000 + i,
          counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
          memo: `ｳﾘｱｹﾞ ${'ｱ'.repeat(memoLength)}`,
        }),
      );
  }
  return out;
}

describe('弥生’s 桁: a field 弥生 would cut is reported at export (the entry, the field, the cut text)', () => {
  it('warns for a 70-桁 摘要, a 補助科目 of 28 桁 and a long 仕訳メモ, naming what 弥生 would cut', () => {
    const entry: ExportEntry = {
      ...GOLDEN_ENTRIES[0]!,
      id: 41,
      lines: GOLDEN_ENTRIES[0]!.lines.map((l) =>
        l.side === 'debit' ? { ...l, subTitle: 'デモ信用金庫 本店営業部 1001' } : l,
      ),
      memo: `${'ｱ'.repeat(60)}ABCDEFGHIJ`,
      counterparty: `${'あ'.repeat(90)}末尾`,
    };
    const file = buildExportFile('yayoi', [entry], chart, { dateFrom: entry.date, dateTo: entry.date });
    expect(file.warnings).toEqual([
      { code: 'BOOKS_FIELD_CUT', entryId: 41, field: 'subTitle', detail: '1001' },
      { code: 'BOOKS_FIELD_CUT', entryId: 41, field: 'memo', detail: 'EFGHIJ' },
      { code: 'BOOKS_FIELD_CUT', entryId: 41, field: 'counterparty', detail: '末尾' },
    ]);
  });

  it('warns for nothing when every field fits, and never for freee or MF', () => {
    for (const target of ['yayoi', 'freee', 'mf'] as const) {
      const file = buildExportFile(target, year('2026-04-01', 3, 2, 50), chart, {
        dateFrom: '2026-04-01',
        dateTo: '2026-04-03',
      });
      expect(file.warnings.filter((w) => w.code === 'BOOKS_FIELD_CUT')).toEqual([]);
    }
  });
});

describe('vendors’ file limits: an export is split where its vendor states a limit', () => {
  it('states freee’s 5 MB (and 5,000 lines for its 仕訳 file), 弥生’s 1.0 MB and 1,000 lines, and no limit for MF', () => {
    expect(FILE_LIMITS).toEqual({
      freee: { bytes: 5_000_000 },
      'freee-journal': { bytes: 5_000_000, lines: 5_000 },
      yayoi: { bytes: 1_000_000, lines: 1000 },
      mf: undefined,
    });
  });

  it('splits a freee year past 5 MB at month boundaries into files each within it, named in order', () => {
    // ~6 MB: a fiscal year from April, 60 sales a day of some 270 bytes each.
    const entries = year('2026-04-01', 365, 60, 150);
    const range = { dateFrom: '2026-04-01', dateTo: '2027-03-31' };
    const file = buildExportFile('freee', entries, chart, range);
    const total = file.parts.reduce((sum, p) => sum + p.bytes.length, 0);
    expect(total).toBeGreaterThan(5_000_000);
    expect(file.parts).toHaveLength(2);
    expect(file.splitBy).toEqual({ bytes: 5_000_000 });
    for (const part of file.parts) expect(part.bytes.length).toBeLessThanOrEqual(5_000_000);
    const [first, second] = file.parts;
    // The cut is between two months: the first file ends on a month's last day.
    expect(first!.dateTo.slice(0, 7) < second!.dateFrom.slice(0, 7)).toBe(true);
    expect(second!.dateFrom.endsWith('-01')).toBe(true);
    expect(file.parts.map((p) => p.fileName)).toEqual([
      `freee-1of2-2026-04-01_${first!.dateTo}.csv`,
      `freee-2of2-${second!.dateFrom}_2027-03-31.csv`,
    ]);
    // Every file carries the header; read back in order, they are the year's entries, each once.
    const back = file.parts.flatMap((p) => parseExportFile('freee', p.bytes, chart));
    expect(back).toEqual(entries.map(carried));
    expect(file.parts.reduce((n, p) => n + p.entries, 0)).toBe(entries.length);
  });

  it('splits 弥生 at 1,000 lines: whole months while they fit, a larger month at day boundaries', () => {
    // 40 entries a day: a month (~1,200) is more than one file holds.
    const entries = year('2026-04-01', 61, 40);
    const file = buildExportFile('yayoi', entries, chart, { dateFrom: '2026-04-01', dateTo: '2026-05-31' });
    for (const part of file.parts) {
      expect(parseCsv(decodeCp932(part.bytes)).length).toBeLessThanOrEqual(1000);
    }
    // No day is cut in two: each file ends where a day ends.
    for (let i = 1; i < file.parts.length; i++)
      expect(file.parts[i]!.dateFrom > file.parts[i - 1]!.dateTo).toBe(true);
    const back = file.parts.flatMap((p) => parseExportFile('yayoi', p.bytes, chart));
    expect(back).toEqual(entries.map(carried));
    expect(file.parts.map((p) => p.fileName.slice(0, 11))).toEqual(
      file.parts.map((_, i) => `yayoi-${i + 1}of${file.parts.length}-`),
    );
  });

  it('keeps an export within every limit as one file named by its range (MF: never split)', () => {
    const entries = year('2026-04-01', 365, 60, 150);
    const mf = buildExportFile('mf', entries, chart, { dateFrom: '2026-04-01', dateTo: '2027-03-31' });
    expect(mf.parts.map((p) => p.fileName)).toEqual(['mf-2026-04-01_2027-03-31.csv']);
    expect(mf.splitBy).toBeUndefined();
  });

  it('packs months, then days, then lines (a single day larger than a file)', () => {
    const line = (date: string, bytes = 10) => ({ date, bytes });
    const lines = [
      line('2026-04-01'),
      line('2026-04-02'),
      line('2026-05-01'),
      ...Array(5).fill(line('2026-06-01')),
    ];
    const parts = splitParts(lines, 0, { bytes: 30 });
    expect(parts.map((p) => p.map((l) => l.date))).toEqual([
      ['2026-04-01', '2026-04-02', '2026-05-01'],
      ['2026-06-01', '2026-06-01', '2026-06-01'],
      ['2026-06-01', '2026-06-01'],
    ]);
    expect(splitParts(lines, 0, { bytes: 25 }).map((p) => p.map((l) => l.date))).toEqual([
      ['2026-04-01', '2026-04-02'],
      ['2026-05-01', '2026-06-01'],
      ['2026-06-01', '2026-06-01'],
      ['2026-06-01', '2026-06-01'],
    ]);
  });
});
