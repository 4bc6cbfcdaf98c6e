import { AppError } from '../../shared/app-errors.ts';
import type { ExportTarget } from '../../shared/ipc/books-contract.ts';
import type { AccountTitle } from './chart.ts';

/**
 * The user's own 勘定科目 and 補助科目, checked before they are stored. Pure. The limits are the
 * shortest the export targets keep (弥生 cuts a title at 24 half-width places; our own screens and
 * the rules hold 40 for a 補助科目), so a name never silently loses its end in a file.
 */

export const TITLE_NAME_MAX = 24;
export const SUB_TITLE_NAME_MAX = 40;

const invalid = (what: string, max: number, name: string): AppError =>
  new AppError('BOOKS_TITLE_NAME_INVALID', `${what} must be 1–${max} characters: "${name}"`);

/**
 * A new title's name and labels, trimmed. A label left empty stays missing: the title is not
 * exported to that target (BOOKS_TITLE_UNMAPPED names it then); the screen fills the name in.
 */
export function checkNewTitle(
  input: { name: string; labels: Partial<Record<ExportTarget, string>> },
  titles: readonly Pick<AccountTitle, 'name'>[],
): { name: string; labels: Partial<Record<ExportTarget, string>> } {
  const name = input.name.trim();
  if (name === '' || name.length > TITLE_NAME_MAX) throw invalid('a title name', TITLE_NAME_MAX, name);
  if (titles.some((t) => t.name === name))
    throw new AppError('BOOKS_TITLE_EXISTS', `a title named ${name} exists`);
  const labels: Partial<Record<ExportTarget, string>> = {};
  for (const [target, label] of Object.entries(input.labels) as [ExportTarget, string | undefined][]) {
    const text = (label ?? '').trim();
    if (text.length > TITLE_NAME_MAX) throw invalid(`the ${target} name`, TITLE_NAME_MAX, text);
    if (text) labels[target] = text;
  }
  return { name, labels };
}

/** A new 補助科目 of a title, trimmed: not empty, not too long, not already there. */
export function checkNewSubTitle(name: string, existing: readonly string[]): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > SUB_TITLE_NAME_MAX)
    throw invalid('a 補助科目 name', SUB_TITLE_NAME_MAX, trimmed);
  if (existing.includes(trimmed))
    throw new AppError('BOOKS_TITLE_EXISTS', `the title has a 補助科目 named ${trimmed}`);
  return trimmed;
}
