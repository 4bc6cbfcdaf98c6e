import type { Middleware } from 'koa';
import { bearerOf, qaGuard, sameSecret } from '../qa/loopback-guard.ts';
import { sha256Hex } from './namespace-registry.ts';

/** Holds a namespace's QA token for its console in a browser (path-scoped to that console). */
const QA_COOKIE = 'bank_qa_token';

/**
 * A namespace's QA console and API answer its own QA token only, from any address: as
 * `Authorization: Bearer <qaToken>`, or — for the console in a browser — the cookie set by opening
 * `/ns/<name>/qa?qaToken=<qaToken>` once. The admin token and other namespaces' tokens are refused.
 * The actions' same-origin and JSON rules are the root console's (qaGuard).
 */
export function namespaceQaGuard(basePath: string, tokenHash: () => Promise<string | undefined>): Middleware {
  const holdsToken = async (token: string | undefined): Promise<boolean> => {
    const expected = token ? await tokenHash() : undefined;
    return Boolean(token && expected && sameSecret(sha256Hex(token), expected));
  };
  const guard = qaGuard(async (ctx) =>
    (await holdsToken(bearerOf(ctx) ?? ctx.cookies.get(QA_COOKIE)))
      ? true
      : {
          status: 401,
          errorCode: 'QA_TOKEN_REQUIRED',
          errorMessage:
            "この名前空間のQA APIには、その名前空間のQAトークンが必要です。 / This namespace's QA console and API need its own QA token (Authorization: Bearer <qaToken>).",
        },
  );
  return async (ctx, next) => {
    const offered = ctx.query.qaToken;
    if (
      ctx.method === 'GET' &&
      ctx.path === '/qa' &&
      typeof offered === 'string' &&
      (await holdsToken(offered))
    ) {
      // The token leaves the address bar (and the history) for a cookie only this console gets.
      ctx.cookies.set(QA_COOKIE, offered, { path: `${basePath}/qa`, httpOnly: true, sameSite: 'strict' });
      return ctx.redirect('/qa');
    }
    return guard(ctx, next);
  };
}
