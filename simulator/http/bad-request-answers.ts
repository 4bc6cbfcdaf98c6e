import type { Middleware } from 'koa';
import { renderErrorPage } from '../pages/error-pages.ts';
import { localeFrom, messages } from '../pages/messages.ts';
import { sendPage } from './send-page.ts';

/**
 * A client's mistake (malformed JSON, a form over the size limit…) gets the bank's own answer — JSON
 * on the QA API, a page elsewhere — with its 4xx status, and is not logged as a server fault.
 */
export const answerBadRequests: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) throw error;
    if (ctx.path.startsWith('/qa/api/')) {
      ctx.status = status;
      ctx.body = {
        errorCode: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
        errorMessage: (error as Error).message,
      };
      return;
    }
    const locale = localeFrom(ctx.query.ui_locales);
    sendPage(
      ctx,
      status,
      renderErrorPage({ locale, message: messages[locale].errors.badRequest, code: String(status) }),
    );
  }
};
