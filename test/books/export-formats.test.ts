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
  /** Each target's files, in order: freee writes its 取引 and, for the compound entry, its 仕訳. */
  const GOLDEN_FILES: Record<ExportTarget, [string, number][]> = {
    yayoi: [['yayoi', 8]],
    freee: [
      ['freee', 6],
      ['freee-journal', 1],
    ],
    mf: [['mf', 8]],
  };

  it.each<ExportTarget>(['yayoi', 'freee', 'mf'])(
    '%s: writes the golden files byte for byte (CP932, CRLF)',
    (target) => {
      const file = buildExportFile(target, GOLDEN_ENTRIES, chart, range);
      const expected = GOLDEN_FILES[target];
      expect(file.parts.map((p) => [p.format, p.entries])).toEqual(expected);
      expect(file.entries).toBe(expected.reduce((n, [, count]) => n + count, 0));
      for (const [i, [name]] of expected.entries()) {
        const golden = fs.readFileSync(path.join(GOLDEN, `${name}.csv`));
        const part = file.parts[i]!;
        expect(part.bytes.equals(golden), decodeCp932(part.bytes)).toBe(true);
        expect(part.fileName).toBe(`${name}-2026-04-01_2026-04-30.csv`);
      }
    },
  );

  it('writes 弥生 lines of 25 columns: a simple entry 2000 of タイプ 0, the compound one 2110 and 2101 of タイプ 3', () => {
    const rows = parseCsv(
      decodeCp932(buildExportFile('yayoi', GOLDEN_ENTRIES, chart, range).parts[0]!.bytes),
    );
    expect(rows.every((r) => r.length === 25)).toBe(true);
    expect(rows.map((r) => [r[0], r[19]])).toEqual([
      ...Array.from({ length: 7 }, () => ['2000', '0']),
      ['2110', '3'],
      ['2101', '3'],
    ]);
  });

  it.each<ExportTarget>(['yayoi', 'freee', 'mf'])(
    '%s: the files of ours read back give the same entries, line by line',
    (target) => {
      const file = buildExportFile(target, GOLDEN_ENTRIES, chart, range);
      const expected = GOLDEN_ENTRIES.filter((e) => target !== 'freee' || e.id !== 6).map(asWritten);
      const parsed = file.parts.flatMap((p) => parseExportFile(target, p.bytes, chart, bankTitleOf));
      // freee carries the 補助科目 only on the bank side (決済口座, or the 仕訳 file's 口座), as the
      // golden entries have it.
      expect(parsed).toEqual(expected);
    },
  );

  it('replaces characters CP932 lacks with 〓 and reports each entry and field, never a broken file', () => {
    const file = buildExportFile('yayoi', GOLDEN_ENTRIES, chart, range);
    expect(file.warnings).toEqual([
      { code: 'BOOKS_CHARS_REPLACED', entryId: 7, field: 'memo', detail: '🍣 → 〓' },
      { code: 'BOOKS_CHARS_REPLACED', entryId: 7, field: 'counterparty', detail: '𠮷 → 〓' },
    ]);
    expect(decodeCp932(file.parts[0]!.bytes)).not.toContain('?');
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
    const golden = GOLDEN_ENTRIES[2]!;
    const entry: ExportEntry = {
      ...golden,
      lines: golden.lines.map((l) => (l.side === 'debit' ? { ...l, titleCode: 'u1' } : l)),
    };
    expect(codeOf(() => buildExportFile('yayoi', [entry], withOwn, range))).toBeUndefined();
    for (const target of ['freee', 'mf'] as const) {
      expect(codeOf(() => buildExportFile(target, [entry], withOwn, range))).toBe('BOOKS_TITLE_UNMAPPED');
    }
  });
});

describe('formula injection (OWASP CSV injection): text a spreadsheet would run is guarded in every file', () => {
  // A bank remark and typed memos and 取引先 that Excel would read as formulas, and a memo that
  // already starts with the guard's quote (it must come back as it was too).
  const HOSTILE: ExportEntry[] = [
    { ...GOLDEN_ENTRIES[0]!, id: 11, memo: '-SUM(1,2)', counterparty: '=HYPERLINK("http://x","y")' },
    { ...GOLDEN_ENTRIES[1]!, id: 12, memo: '=1+1', counterparty: '+81 3' },
    { ...GOLDEN_ENTRIES[2]!, id: 13, memo: '@cmd', counterparty: '\tﾀﾌﾞ' },
    { ...GOLDEN_ENTRIES[2]!, id: 14, memo: "'=already quoted", counterparty: '\rCR' },
    { ...GOLDEN_ENTRIES[0]!, id: 15, memo: 'plain - not at the start', counterparty: 'ｶ)ﾐﾄﾞﾘ' },
  ];
  const TRIGGER = /^[=+\-@\t\r]/u;

  it.each<ExportTarget>(['yayoi', 'freee', 'mf'])(
    '%s: no 摘要, 仕訳メモ or 取引先 cell starts with = + - @ tab or CR, and each is quoted with a leading quote',
    (target) => {
      const bytes = buildExportFile(target, HOSTILE, chart, range).parts[0]!.bytes;
      const text = decodeCp932(bytes);
      for (const cell of parseCsv(text).flat()) expect(cell, cell).not.toMatch(TRIGGER);
      expect(text).toContain(`"'-SUM(1,2)"`);
      expect(text).toContain(`"'=1+1"`);
      expect(text).toContain(`"''=already quoted"`);
    },
  );

  it.each<ExportTarget>(['yayoi', 'freee', 'mf'])(
    '%s: the guarded file read back gives the entries exactly as the user sees them',
    (target) => {
      const file = buildExportFile(target, HOSTILE, chart, range);
      expect(parseExportFile(target, file.parts[0]!.bytes, chart, bankTitleOf)).toEqual(HOSTILE.map(carried));
    },
  );

  it('leaves amounts and dates alone (a column of numbers is not text)', () => {
    const rows = parseCsv(decodeCp932(buildExportFile('yayoi', HOSTILE, chart, range).parts[0]!.bytes));
    expect(rows.map((r) => [r[3], r[8]])).toEqual(
      HOSTILE.map((e) => [e.date.replaceAll('-', '/'), String(e.lines[0]!.amount)]),
    );
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
