import fs from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import { CHANNELS, type ApiDialect } from '../../shared/bank/oauth.ts';
import { jstDate } from '../../shared/dates.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { CLIENT_REGISTRY, findRegisteredClient } from '../clients/client-registry.ts';
import { sendPage } from '../http/send-page.ts';
import { loopbackOnly } from '../qa/loopback-guard.ts';
import { REVEALABLE_EXCHANGES, tokenFields } from './demo-markup.ts';
import { renderDemoSession } from './demo-page.ts';
import { renderDemoStart } from './demo-start-page.ts';
import { createDemoSessionStore, sameToken, type DemoSession } from './demo-session.ts';
import { createPartnerServer } from './partner-server.ts';

const StartForm = z.object({
  csrf: z.string().min(1).max(100),
  clientId: z.string().min(1).max(64),
  channel: z.enum(CHANNELS),
  // An HTML checkbox: sent as "on" when ticked, absent when not.
  dpop: z.literal('on').optional(),
});
const ActionForm = z.object({ csrf: z.string().min(1).max(100) });
const RevealForm = ActionForm.extend({ exchange: z.enum(REVEALABLE_EXCHANGES) });
const REVEAL_JS = fs.readFileSync(path.join(import.meta.dirname, 'reveal.js'), 'utf8');
const ACTIONS = ['exchange', 'api', 'refresh', 'revoke'] as const;

export interface PartnerDemo {
  /** Takes a /qa/callback that answers one of the demo's requests; false when it is not one. */
  receiveCallback(ctx: Context): boolean;
}

/**
 * The partner-onboarding demo, loopback-only like the QA console. Every step is a plain form post
 * that redirects back to the walk's page (no script), so the page can be printed or saved as it is.
 */
export function addPartnerDemoRoutes(
  router: Router,
  deps: { issuer: string; apiDialect: ApiDialect; parseBody: Middleware; audit: AuditLog },
): PartnerDemo {
  const sessions = createDemoSessionStore();
  const partner = createPartnerServer(deps.issuer, deps.apiDialect);
  // One action at a time per walk: a form posted twice at once (a double click, two tabs) waits for
  // the first, so a code is never redeemed twice nor a refresh token spent twice.
  const running = new WeakMap<DemoSession, Promise<unknown>>();
  const oneAtATime = (session: DemoSession, action: () => Promise<void>): Promise<void> => {
    const run = (running.get(session) ?? Promise.resolve()).then(action);
    running.set(
      session,
      run.catch(() => undefined),
    );
    return run;
  };
  const today = () => jstDate(Date.now());
  const startPage = (ctx: Context, status: number, problem?: string) =>
    sendPage(
      ctx,
      status,
      renderDemoStart({
        clients: CLIENT_REGISTRY,
        today: today(),
        startToken: sessions.issueStartToken(),
        problem,
      }),
    );
  const walkPage = (ctx: Context, session: DemoSession) =>
    sendPage(
      ctx,
      200,
      renderDemoSession({
        session,
        client: findRegisteredClient(session.clientId)!,
        issuer: deps.issuer,
        apiDialect: deps.apiDialect,
      }),
    );

  router.use('/partner-demo', loopbackOnly);
  router.get('/partner-demo', async (ctx) => startPage(ctx, 200));
  router.get('/partner-demo/reveal.js', async (ctx) => {
    ctx.type = 'text/javascript';
    ctx.body = REVEAL_JS;
  });

  router.post('/partner-demo/start', deps.parseBody, async (ctx) => {
    const form = StartForm.safeParse(ctx.request.body);
    if (!form.success || !sessions.useStartToken(form.data.csrf))
      return startPage(
        ctx,
        400,
        '画面の有効期限が切れました。もう一度選んでください。 / This form expired; choose again.',
      );
    const client = findRegisteredClient(form.data.clientId);
    if (client?.kind !== 'partner')
      return startPage(ctx, 400, '登録された連携先を選んでください。 / Choose a registered partner.');
    const dpop = form.data.dpop === 'on';
    const session = sessions.add(await partner.start(client, form.data.channel, { dpop }));
    await deps.audit.record({
      event: 'qa.action',
      outcome: 'info',
      clientId: client.clientId,
      detail: { action: 'partner demo start', channel: form.data.channel, dpop },
    });
    ctx.redirect(`/partner-demo/s/${session.id}#step-1`);
  });

  router.get('/partner-demo/s/:id', async (ctx) => {
    const session = sessions.find(ctx.params.id!);
    if (!session)
      return startPage(ctx, 404, 'このデモは終了しています。 / This demo walk is gone (restart or too old).');
    walkPage(ctx, session);
  });

  for (const name of ACTIONS) {
    router.post(`/partner-demo/s/:id/${name}`, deps.parseBody, async (ctx) => {
      const session = sessions.find(ctx.params.id!);
      const form = ActionForm.safeParse(ctx.request.body);
      if (!session || !form.success || !sameToken(form.data.csrf, session.csrf))
        return startPage(
          ctx,
          403,
          '画面の有効期限が切れたか、不正な操作です。 / This form expired or was not ours.',
        );
      const client = findRegisteredClient(session.clientId)!;
      await oneAtATime(session, async () => {
        if (name === 'exchange') await partner.exchangeCode(session, client);
        if (name === 'api') await partner.callApi(session);
        if (name === 'refresh') await partner.refresh(session, client);
        if (name === 'revoke') await partner.revoke(session, client);
      });
      const anchor = { exchange: 'step-5', api: 'step-6', refresh: 'step-7', revoke: 'step-7' }[name];
      ctx.redirect(`/partner-demo/s/${session.id}#${anchor}`);
    });
  }

  // トークンを表示: the full tokens of one exchange, fetched by the walk's page (never rendered into it).
  router.post('/partner-demo/s/:id/reveal', deps.parseBody, (ctx) => {
    const session = sessions.find(ctx.params.id!);
    const form = RevealForm.safeParse(ctx.request.body);
    ctx.set('Cache-Control', 'no-store');
    if (!session || !form.success || !sameToken(form.data.csrf, session.csrf)) {
      ctx.status = 403;
      ctx.body = {
        errorCode: 'DEMO_FORM_EXPIRED',
        errorMessage: 'This walk is gone or the token is not its own.',
      };
      return;
    }
    ctx.body = tokenFields(session[form.data.exchange]?.body);
  });

  return {
    receiveCallback(ctx) {
      const session = sessions.findByState(ctx.query.state);
      if (!session || session.callback) return false;
      const q = (k: string) => (typeof ctx.query[k] === 'string' ? (ctx.query[k] as string) : undefined);
      session.callback = {
        url: ctx.href,
        code: q('code'),
        state: q('state'),
        iss: q('iss'),
        error: q('error'),
        errorDescription: q('error_description'),
      };
      ctx.redirect(`/partner-demo/s/${session.id}#step-3`);
      return true;
    },
  };
}
