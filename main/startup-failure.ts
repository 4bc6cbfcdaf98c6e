import { AppError, APP_ERROR_TEXT } from '../shared/app-errors.ts';

/**
 * What a shell tells the user when the core cannot start (no window to show an error notice in):
 * the coded error's Japanese and English text, and the detail for a coded one. Anything else is a
 * bug and is said to be one.
 */
export function startupFailureMessage(error: unknown): { title: string; message: string } {
  if (error instanceof AppError) {
    const text = APP_ERROR_TEXT[error.code];
    return { title: `BankDemo: ${error.code}`, message: `${text.ja}\n${text.en}\n\n${error.message}` };
  }
  const text = APP_ERROR_TEXT.INTERNAL;
  return {
    title: 'BankDemo: INTERNAL',
    message: `${text.ja}\n${text.en}\n\n${error instanceof Error ? error.message : String(error)}`,
  };
}
