import { AppError } from '../../shared/app-errors.ts';
import type { CounterpartyView } from '../../shared/ipc/books-contract.ts';
import { invoiceNumberProblem, normalizeInvoiceNumber } from '../../shared/invoice-number.ts';
import type { CounterpartyStore } from '../store/books/counterparty-store.ts';

interface CounterpartyInput {
  id?: number;
  name: string;
  registered: boolean | null;
  invoiceNumber?: string;
}

/**
 * Adds or edits a 取引先 from the 取引先 screen: the registration number normalized and checked
 * (BOOKS_INVOICE_NUMBER_INVALID), the name unique (BOOKS_COUNTERPARTY_EXISTS). A number given
 * means a registered issuer unless the user said otherwise.
 */
export function saveCounterparty(
  store: CounterpartyStore,
  input: CounterpartyInput,
  at: string,
): CounterpartyView {
  const typed = input.invoiceNumber?.trim() ?? '';
  const invoiceNumber = typed === '' ? undefined : normalizeInvoiceNumber(typed);
  if (invoiceNumber !== undefined) {
    const problem = invoiceNumberProblem(invoiceNumber);
    if (problem) throw new AppError('BOOKS_INVOICE_NUMBER_INVALID', `${typed}: ${problem}`);
  }
  const taken = store.byName(input.name);
  if (taken && taken.id !== input.id) throw new AppError('BOOKS_COUNTERPARTY_EXISTS', input.name);
  const values = {
    name: input.name,
    registered: input.registered,
    ...(invoiceNumber ? { invoiceNumber } : {}),
  };
  if (input.id === undefined) return store.get(store.add(values, at))!;
  if (!store.update(input.id, values)) throw new AppError('NOT_FOUND', `no counterparty ${input.id}`);
  return store.get(input.id)!;
}
