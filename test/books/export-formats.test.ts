import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-errors.ts';
import type { ExportTarget } from '../../shared/ipc/books-contract.ts';
import { BUILT_IN_TITLES, type AccountTitle } from '../../main/books/chart.ts';
import iconv from 'iconv-lite';
import { decodeCp932, encodeCp932, toCp932Safe } from '../../main/books/export/cp932.ts';
import { csvDocument, parseCsv } from '../../main/books/export/csv.ts';
import { carried, chartLookup, type ExportEntry } from '../../main/books/export/export-entry.ts';
import { buildExportFile, parseExportFile } from '../../main/books/export/export-file.ts';
import { GOLDEN_BANK_TITLES, GOLDEN_ENTRIES } from './golden-entries.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const chart = chartLookup(BUILT_IN_TITLES);
const range = { dateFrom: '2026-04-01', dateTo: '2026-04-30' };
const bankTitleOf = (account: string) => GOLDEN_BANK_TITLES[account]!;

/** An entry as a file can carry it: the characters CP932 lacks are 〓. */
const asWritten = (entry: ExportEntry) => {
  const written = {
    ...entry,
    memo: toCp932Safe(entry.memo).text,
    counterparty: toCp932Safe(entry.counterparty).text,
  };
  return carried(written);
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
};

describe('the three export formats, against golden files typed from the vendors’ descriptions', () => {
  it.each<[ExportTarget, number]>([
    ['yayoi', 7],
    ['freee', 6],
    ['mf', 7],
  ])('%s: writes the golden file byte for byte (CP932, CRLF)', (target, written) => {
    const file = buildExportFile(target, GOLDEN_ENTRIES, chart, range);
    const golden = fs.readFileSync(path.join(GOLDEN, `${target}.csv`));
    expect(file.entries).toBe(written);
    expect(file.bytes.equals(golden), decodeCp932(file.bytes)).toBe(true);
    expect(file.fileName).toBe(`${target}-2026-04-01_2026-04-30.csv`);
  });

  it('writes 弥生 lines of 25 columns, each starting with 識別フラグ 2000', () => {
    const rows = parseCsv(decodeCp932(buildExportFile('yayoi', GOLDEN_ENTRIES, chart, range).bytes));
    expect(rows.every((r) => r.length === 25 && r[0] === '2000')).toBe(true);
  });

  it.each<ExportTarget>(['yayoi', 'freee', 'mf'])(
    '%s: a file of ours read back gives the same entries',
    (target) => {
      const file = buildExportFile(target, GOLDEN_ENTRIES, chart, range);
      const expected = GOLDEN_ENTRIES.filter((e) => target !== 'freee' || e.id !== 6).map(asWritten);
      const parsed = parseExportFile(target, file.bytes, chart, bankTitleOf);
      // freee carries the 補助科目 only on the bank side (決済口座), as the golden entries have it.
      expect(parsed).toEqual(expected);
    },
  );

  it('replaces characters CP932 lacks with 〓 and reports each entry and field, never a broken file', () => {
    const file = buildExportFile('yayoi', GOLDEN_ENTRIES, chart, range);
    expect(file.warnings).toEqual([
      { code: 'BOOKS_CHARS_REPLACED', entryId: 7, field: 'memo', detail: '🍣 → 〓' },
      { code: 'BOOKS_CHARS_REPLACED', entryId: 7, field: 'counterparty', detail: '𠮷 → 〓' },
    ]);
    expect(decodeCp932(file.bytes)).not.toContain('?');
  });

  it('leaves an own-account transfer out of freee’s 取引 file and says so', () => {
    const file = buildExportFile('freee', GOLDEN_ENTRIES, chart, range);
    expect(file.warnings[0]).toMatchObject({ code: 'BOOKS_EXPORT_SKIPPED', entryId: 6 });
  });

  it('refuses an export with no entries (BOOKS_EXPORT_EMPTY), also when freee can take none of them', () => {
    expect(codeOf(() => buildExportFile('yayoi', [], chart, range))).toBe('BOOKS_EXPORT_EMPTY');
    expect(codeOf(() => buildExportFile('freee', [GOLDEN_ENTRIES[5]!], chart, range))).toBe(
      'BOOKS_EXPORT_EMPTY',
    );
  });

  it('refuses a title that has no label in the target (BOOKS_TITLE_UNMAPPED), naming it', () => {
    const own: AccountTitle = {
      code: 'u1',
      name: '車両費',
      kind: 'expense',
      defaultTax: 'purchase10',
      labels: { yayoi: '車両費' },
      builtIn: false,
    };
    const withOwn = chartLookup([...BUILT_IN_TITLES, own]);
    const entry: ExportEntry = { ...GOLDEN_ENTRIES[2]!, debit: { titleCode: 'u1', taxCode: 'purchase10' } };
    expect(codeOf(() => buildExportFile('yayoi', [entry], withOwn, range))).toBeUndefined();
    for (const target of ['freee', 'mf'] as const) {
      expect(codeOf(() => buildExportFile(target, [entry], withOwn, range))).toBe('BOOKS_TITLE_UNMAPPED');
    }
  });
});

describe('CSV and CP932 helpers', () => {
  it.each([
    [['a', 'b,c', 'd"e', ''], 'a,"b,c","d""e",\r\n'],
    [['改行\nあり', 1], '"改行\nあり",1\r\n'],
  ])('writes %j as %j and reads it back', (fields, text) => {
    expect(csvDocument([fields])).toBe(text);
    expect(parseCsv(text)).toEqual([fields.map(String)]);
  });

  it('refuses a quoted field that is never closed', () => {
    expect(() => parseCsv('"abc,def\r\n')).toThrow(/not closed/);
  });

  it.each([
    ['ﾃﾞﾝｷﾘﾖｳｷﾝ', 'ﾃﾞﾝｷﾘﾖｳｷﾝ', []],
    ['髙橋①～－', '髙橋①～－', []],
    ['会食🍣', '会食〓', ['🍣']],
    ['𠮷野家の𠮷', '〓野家の〓', ['𠮷']],
  ])('toCp932Safe(%s) → %s', (text, written, replaced) => {
    expect(toCp932Safe(text)).toEqual({ text: written, replaced });
  });
});

describe('the CP932 encoder and the CSV writer, each as fast paths of the plain way', () => {
  it('writes every BMP character as iconv-lite does, and text with a character beyond it too', () => {
    let bmp = '';
    for (let unit = 0; unit < 0x10000; unit++)
      if (unit < 0xd800 || unit > 0xdfff) bmp += String.fromCharCode(unit);
    expect(encodeCp932(bmp).equals(iconv.encode(bmp, 'cp932'))).toBe(true);
    for (const text of ['寿司🍣と𠮷野家', 'ｳﾘｱｹﾞ ～ ①', ''])
      expect(encodeCp932(text).equals(iconv.encode(text, 'cp932'))).toBe(true);
  });

  it.each([
    [[['a', 'b', 1]], 'a,b,1\r\n'],
    [[['a,b', 'c']], '"a,b",c\r\n'],
    [[['say "hi"', '']], '"say ""hi""",\r\n'],
    [
      [
        ['two\nlines', 'x'],
        ['plain', 2],
      ],
      '"two\nlines",x\r\nplain,2\r\n',
    ],
    [[], ''],
  ])('writes %j as %j', (rows, text) => {
    expect(csvDocument(rows)).toBe(text);
    expect(parseCsv(text)).toEqual(rows.map((row) => row.map(String)));
  });
});
