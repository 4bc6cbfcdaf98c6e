import { AppError } from '../../shared/app-errors.ts';
import { hasControlCharacter, ketaOf, YAYOI_KETA } from '../../shared/book-text.ts';
import type { ExportTarget } from '../../shared/ipc/books-contract.ts';
import type { AccountTitle } from './chart.ts';

/**
 * The user's own 勘定科目 and 補助科目, checked before they are stored. Pure. Every name that can
 * reach 弥生 is measured in its 桁 (half-width 1, full-width 2: shared/book-text.ts), as 弥生 cuts
 * a longer one on import and two names sharing their first 24 桁 would merge there. freee's and
 * MF's names keep the same 24 as characters. No name holds a control character (the rule rule
 * keywords follow too), nor starts as a spreadsheet formula would (a name must reach the packages
 * as written, so it cannot be neutralized in the file as a memo is).
 */

const TITLE_NAME_MAX = YAYOI_KETA.title;
const SUB_TITLE_NAME_MAX = YAYOI_KETA.subTitle;

const FORMULA_START = /^[=+\-@]/u;

const invalid = (what: string, name: string): AppError =>
  new AppError('BOOKS_TITLE_NAME_INVALID', `${what} is not a name 弥生 keeps whole: "${name}"`);

/** A name's problem, if any: empty, a control character, a formula's start, or too wide. */
function nameProblem(name: string, max: number, measure: (text: string) => number): boolean {
  return name === '' || hasControlCharacter(name) || FORMULA_START.test(name) || measure(name) > max;
}

const chars = (text: string): number => [...text].length;

/**
 * A new title's name and labels, trimmed. A label left empty stays missing: the title is not
 * exported to that target (BOOKS_TITLE_UNMAPPED names it then); the screen fills the name in.
 */
export function checkNewTitle(
  input: { name: string; labels: Partial<Record<ExportTarget, string>> },
  titles: readonly Pick<AccountTitle, 'name'>[],
): { name: string; labels: Partial<Record<ExportTarget, string>> } {
  const name = input.name.trim();
  if (nameProblem(name, TITLE_NAME_MAX, ketaOf)) throw invalid('a title name', name);
  if (titles.some((t) => t.name === name))
    throw new AppError('BOOKS_TITLE_EXISTS', `a title named ${name} exists`);
  const labels: Partial<Record<ExportTarget, string>> = {};
  for (const [target, label] of Object.entries(input.labels) as [ExportTarget, string | undefined][]) {
    const text = (label ?? '').trim();
    if (text === '') continue;
    if (nameProblem(text, TITLE_NAME_MAX, target === 'yayoi' ? ketaOf : chars))
      throw invalid(`the ${target} name`, text);
    labels[target] = text;
  }
  return { name, labels };
}

/** A new 補助科目 of a title (or a bank account's), trimmed: a name 弥生 keeps, not already there. */
export function checkNewSubTitle(name: string, existing: readonly string[]): string {
  const trimmed = name.trim();
  if (nameProblem(trimmed, SUB_TITLE_NAME_MAX, ketaOf)) throw invalid('a 補助科目 name', trimmed);
  if (existing.includes(trimmed))
    throw new AppError('BOOKS_TITLE_EXISTS', `the title has a 補助科目 named ${trimmed}`);
  return trimmed;
}
