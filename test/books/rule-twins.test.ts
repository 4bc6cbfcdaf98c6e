import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleMatches, type Rule } from '../../main/books/rule-matcher.ts';
import { ruleCondition } from '../../main/books/rule-sql.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import type { MatchKind } from '../../shared/ipc/books-contract.ts';
import { foldKana } from '../../shared/kana.ts';

/**
 * The rule matcher has twins: ruleMatches (rule-matcher.ts) decides a line in JavaScript, and
 * ruleCondition (rule-sql.ts) counts the past lines a rule would match in SQLite ("37件に一致").
 * They must pick the same lines, or the count a rule is saved on is not what it then does. Over
 * every match kind × direction × amount range × keyword as typed (kana folding), the lines the
 * SQL selects from a real ledger are the lines the JavaScript matches.
 */

/** Bank remarks as banks print them: half-width kana, spaces, hyphen for ー, Latin, a 4-byte character. */
const REMARKS = [
  'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ',
  'ﾃﾞﾝｷﾘﾖｳｷﾝ ﾃﾞﾝｷ',
  'ﾃﾞﾝｷ',
  'ｶ-ﾄﾞ ﾃﾞﾓｶ-ﾄﾞ',
  'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ',
  'AMAZON.CO.JP',
  '𠮷ﾉﾔ ﾃﾞﾝｷ',
  'ﾃﾞﾝｷ 𠮷',
  '',
];
/** Both edges of every range below, inside and out; negative where a dialect allows it (GMO). */
const AMOUNTS = [-1_000, -1, 0, 999, 1_000, 1_001, 5_000, 9_999, 10_000, 10_001];

/** Keywords as users type them: hiragana, katakana, half-width, full-width Latin, small kana. */
const KEYWORDS = [
  'でんき',
  'デンキ',
  'ﾃﾞﾝｷ',
  'でんきりょうきん',
  'デンキ リョウキン',
  'かーど',
  'ｶｰﾄﾞ',
  'カ－ド',
  'ＡＭＡＺＯＮ',
  'amazon.co.jp',
  'きゅうよ',
  '𠮷',
  '𠮷のや',
  'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ',
];
const KINDS: MatchKind[] = ['contains', 'prefix', 'suffix', 'exact'];
const DIRECTIONS = [undefined, '1', '2'] as const;
const RANGES: { minAmount?: number; maxAmount?: number }[] = [
  {},
  { minAmount: 1_000 },
  { maxAmount: 1_000 },
  { minAmount: 1_000, maxAmount: 10_000 },
  { minAmount: 5_000, maxAmount: 5_000 },
  { minAmount: 0 },
  { minAmount: -1_000, maxAmount: 0 },
];

interface StoredLine {
  itemKey: string;
  type: '1' | '2';
  amount: number;
  remarksFolded: string;
}

let dir: string;
let db: AppDatabase;
let lines: StoredLine[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-twins-'));
  db = openAppDatabase(dir);
  db.exec(`
    INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at) VALUES ('c1', 'local', 'デモ信用金庫', 'http://127.0.0.1:4010', 'corporate', '', 'active', '', '');
    INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
      VALUES (1, 'c1', 'a1', '本店', '普通', '1234567', 'ﾃｽﾄ');`);
  const rows = REMARKS.flatMap((remarks, r) =>
    (['1', '2'] as const).flatMap((type) =>
      AMOUNTS.map((amount, a) => ({
        itemKey: `${r}-${type}-${a}`,
        transactionDate: '2026-11-24',
        valueDate: '2026-11-24',
        transactionType: type,
        amount: String(amount),
        remarks,
        balance: '0',
      })),
    ),
  );
  // Written as a sync writes them, so the folded remarks are the ones the ledger keeps.
  new StatementWriter(db).writePage(1, rows, { runDateFrom: '2026-11-24', nextItemKey: null });
  lines = db
    .prepare('SELECT item_key AS itemKey, type, amount, remarks_folded AS remarksFolded FROM transactions')
    .all() as StoredLine[];
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function rule(
  keyword: string,
  match: MatchKind,
  type: '1' | '2' | undefined,
  range: (typeof RANGES)[number],
): Rule {
  return {
    id: 1,
    keyword,
    folded: foldKana(keyword),
    match,
    titleCode: '広告宣伝費',
    taxCode: 'purchase10',
    action: 'suggest',
    ...(type ? { type } : {}),
    ...range,
  };
}

const sorted = (keys: string[]) => [...keys].sort();

describe('the rule matcher’s JavaScript and SQL twins', () => {
  it('have a ledger with every remark in both directions at every amount', () => {
    expect(lines).toHaveLength(REMARKS.length * 2 * AMOUNTS.length);
  });

  describe.each(KINDS)('%s', (match) => {
    it.each(KEYWORDS)(
      'keyword %s: the SQL selects the lines the JavaScript matches, in every direction and amount range',
      (keyword) => {
        const differences: string[] = [];
        for (const type of DIRECTIONS) {
          for (const range of RANGES) {
            const r = rule(keyword, match, type, range);
            const { condition, params } = ruleCondition(r);
            const bySql = db
              .prepare(`SELECT item_key AS itemKey FROM transactions t WHERE ${condition}`)
              .pluck()
              .all(...params) as string[];
            const byJs = lines.filter((line) => ruleMatches(r, line)).map((line) => line.itemKey);
            if (JSON.stringify(sorted(bySql)) !== JSON.stringify(sorted(byJs))) {
              const onlySql = bySql.filter((k) => !byJs.includes(k));
              const onlyJs = byJs.filter((k) => !bySql.includes(k));
              differences.push(
                `type ${type ?? 'any'} ${JSON.stringify(range)}: SQL only ${onlySql.join(' ')}; JS only ${onlyJs.join(' ')}`,
              );
            }
          }
        }
        expect(differences).toEqual([]);
      },
    );
  });

  it.each(KINDS)(
    '%s both matches and refuses lines of the table (the comparison is not vacuous)',
    (match) => {
      const counts = KEYWORDS.map(
        (keyword) => lines.filter((line) => ruleMatches(rule(keyword, match, undefined, {}), line)).length,
      );
      expect(counts.some((n) => n > 0)).toBe(true);
      expect(counts.some((n) => n < lines.length)).toBe(true);
    },
  );
});
