import type { TLSSocket } from 'node:tls';
import type { Context } from 'koa';
import { sendPage } from '../http/send-page.ts';
import { html } from '../pages/html.ts';
import { renderErrorPage } from '../pages/error-pages.ts';
import { messages } from '../pages/messages.ts';
import { loginIdFromClientCertificate } from '../pki/bank-pki.ts';
import {
  completeLogin,
  loadInteraction,
  type InteractionDeps,
  type LoadedInteraction,
} from './interaction-context.ts';

/**
 * GET https://127.0.0.1:4011/interaction/:uid/certificate — 電子証明書認証. The TLS listener asked the
 * browser for a client certificate; here it must be one our CA issued to a corporate customer who
 * uses certificate login. The interaction cookie travels here because cookies are scoped by host, not port.
 */
export async function certificateLogin(
  ctx: Context,
  deps: InteractionDeps,
  caCertPem: string,
): Promise<void> {
  const it = await loadInteraction(ctx, deps);
  if (!it) return;
  const t = messages[it.locale].errors;
  const refuse = async (reason: string, message: string, status = 401) => {
    await deps.audit.record({
      event: 'login.certificate',
      outcome: 'failure',
      clientId: it.client.clientId,
      detail: { reason },
    });
    sendPage(ctx, status, certificateErrorPage(it, deps, message, reason));
  };

  if (!(await deps.states.csrfMatches(it.uid, ctx.query.csrf)))
    return await refuse('csrf token missing or wrong', t.csrf, 403);
  if (it.details.prompt.name !== 'login' || it.channel !== 'corporate' || !it.connected) {
    return await refuse('not a corporate login screen', t.session, 400);
  }
  const socket = ctx.req.socket as TLSSocket;
  const peer = socket.getPeerCertificate();
  if (!socket.authorized || !peer?.raw)
    return await refuse('no valid client certificate', t.certificateMissing);
  const loginId = loginIdFromClientCertificate(peer.raw, caCertPem);
  const customer = loginId ? await deps.customers.findByLogin('corporate', loginId) : undefined;
  if (!customer || !customer.certificateLogin)
    return await refuse('certificate not mapped to a customer', t.certificateUnknown);
  const refuseLocked = async () => {
    await deps.audit.record({
      event: 'login.locked',
      outcome: 'failure',
      customerId: customer.id,
      clientId: it.client.clientId,
    });
    sendPage(ctx, 423, certificateErrorPage(it, deps, t.locked, 'locked'));
  };
  if (customer.locked) return await refuseLocked();
  await deps.audit.record({
    event: 'login.certificate',
    outcome: 'success',
    customerId: customer.id,
    clientId: it.client.clientId,
  });
  if (!(await completeLogin(ctx, deps, it, customer.id, ['x509']))) await refuseLocked();
}

function certificateErrorPage(
  it: LoadedInteraction,
  deps: InteractionDeps,
  message: string,
  code: string,
): string {
  const t = messages[it.locale].errors;
  return renderErrorPage({
    locale: it.locale,
    title: t.certificateTitle,
    message,
    code,
    action: html`<p>
      <a class="button primary" href="${deps.issuer}/interaction/${it.uid}">${t.backToLogin}</a>
    </p>`,
  });
}
