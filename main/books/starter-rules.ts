import type { RuleInput, StarterNote } from '../../shared/ipc/books-contract.ts';
import type { Rule } from './rule-matcher.ts';

/**
 * The rules a new ledger starts with: the remarks every Japanese bank prints for the same few
 * things (口座振替 of utilities, transfer fees, interest, payroll). All 推測: a starter rule never
 * registers anything by itself. The user may edit or delete them like their own.
 */
export const STARTER_RULES: readonly RuleInput[] = [
  {
    keyword: 'ﾃﾞﾝｷﾘﾖｳｷﾝ',
    match: 'contains',
    type: '2',
    titleCode: 'utilities',
    taxCode: 'purchase10',
    memo: '電気料金',
    action: 'suggest',
  },
  {
    keyword: 'ｶﾞｽﾘﾖｳｷﾝ',
    match: 'contains',
    type: '2',
    titleCode: 'utilities',
    taxCode: 'purchase10',
    memo: 'ガス料金',
    action: 'suggest',
  },
  {
    keyword: 'ｽｲﾄﾞｳﾘﾖｳｷﾝ',
    match: 'contains',
    type: '2',
    titleCode: 'utilities',
    taxCode: 'purchase10',
    memo: '水道料金',
    action: 'suggest',
  },
  {
    keyword: 'ｹｲﾀｲﾃﾞﾝﾜ',
    match: 'contains',
    type: '2',
    titleCode: 'communication',
    taxCode: 'purchase10',
    memo: '携帯電話料金',
    action: 'suggest',
  },
  {
    keyword: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ',
    match: 'exact',
    type: '2',
    titleCode: 'fees',
    taxCode: 'purchase10',
    counterparty: '',
    memo: '振込手数料',
    action: 'suggest',
  },
  {
    keyword: 'ﾘｿｸ',
    match: 'exact',
    type: '1',
    titleCode: 'interest_income',
    taxCode: 'exempt',
    counterparty: '',
    memo: '預金利息',
    action: 'suggest',
  },
  {
    keyword: 'ﾔﾁﾝ',
    match: 'contains',
    type: '2',
    titleCode: 'rent',
    taxCode: 'purchase10',
    memo: '家賃',
    action: 'suggest',
  },
  {
    keyword: 'ｷﾕｳﾖ',
    match: 'prefix',
    type: '2',
    titleCode: 'salaries',
    taxCode: 'none',
    memo: '給与',
    action: 'suggest',
  },
  {
    keyword: 'ｼﾔｶｲﾎｹﾝﾘﾖｳ',
    match: 'contains',
    type: '2',
    titleCode: 'legal_welfare',
    taxCode: 'none',
    counterparty: '',
    memo: '社会保険料',
    action: 'suggest',
  },
  // What a shop pays the tax office as ｾﾞｲｷﾝ is mostly the 源泉所得税 it withheld from salaries and
  // fees: money held for the state (預り金), paid out of that liability, not an expense. The rare
  // own tax (印紙, 固定資産税) the user books as 租税公課 in the panel.
  {
    keyword: 'ｾﾞｲｷﾝ',
    match: 'prefix',
    type: '2',
    titleCode: 'withholdings',
    taxCode: 'none',
    memo: '源泉所得税の納付',
    action: 'suggest',
  },
  {
    keyword: 'ｳﾘｱｹﾞ',
    match: 'prefix',
    type: '1',
    titleCode: 'sales',
    taxCode: 'sales10',
    memo: '売上入金',
    action: 'suggest',
  },
];

/** The starter rules whose suggestion explains itself, by keyword and the title the note is about. */
const NOTES: readonly { keyword: string; titleCode: string; note: StarterNote }[] = [
  { keyword: 'ｾﾞｲｷﾝ', titleCode: 'withholdings', note: 'withholding' },
];

/**
 * A starter rule's note, while the rule still says what the note explains (a user who changed the
 * title has their own reason). Ledgers seeded before keep their ｾﾞｲｷﾝ→租税公課: a stored rule is
 * the user's, and changes only when they save it.
 */
export function starterNote(
  rule: Pick<Rule, 'keyword' | 'titleCode'> & { starter?: boolean },
): StarterNote | undefined {
  if (rule.starter === false) return undefined;
  return NOTES.find((n) => n.keyword === rule.keyword && n.titleCode === rule.titleCode)?.note;
}
