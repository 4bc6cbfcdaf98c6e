import { APP_ERROR_TEXT } from '../../../shared/app-errors.ts';
import type { ExportWarning } from '../../../shared/ipc/books-contract.ts';
import type { Language } from '../../../shared/ipc/contract.ts';

/** A warning's words come from the one table of coded messages. */
export const errorTextFor = (code: ExportWarning['code'], lang: Language): string =>
  APP_ERROR_TEXT[code][lang];
