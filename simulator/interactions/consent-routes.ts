import { randomBytes } from 'node:crypto';
import { linkTtlOf } from '../customers/scenario-users.ts';
import type { Context } from 'koa';
import { z } from 'zod';
import { apiResourceOf } from '../oidc/bank-provider.ts';
import { sendPage } from '../http/send-page.ts';
import { messages } from '../pages/messages.ts';
import { finishInteraction, loadForPost, type InteractionDeps } from './interaction-context.ts';
import { grantableScopes } from '../oidc/scope-names.ts';
import { customerOf, renderConsentFor, requestedScopes } from './interaction-pages.ts';

const ConsentForm = z.object({
  csrf: z.string().max(200),
  agree: z.literal('yes').optional().catch(undefined),
  accountIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

/**
 * POST /interaction/:uid/consent — 許可. Refused unless the terms box is ticked and at least one of
 * the customer's own accounts is chosen; then a grant (the link) is made for exactly the requested
 * operations and chosen accounts.
 */
export async function submitConsent(ctx: Context, deps: InteractionDeps): Promise<void> {
  const it = await loadForPost(ctx, deps, 'consent');
  if (!it || !it.channel) return;
  const t = messages[it.locale].errors;
  const customerId = customerOf(it);
  const form = ConsentForm.safeParse(ctx.request.body);
  const ownAccountIds = new Set((await deps.customers.accountsOf(customerId)).map((a) => a.id));
  const chosen = form.success ? [...new Set(form.data.accountIds)].filter((id) => ownAccountIds.has(id)) : [];

  const problem =
    !form.success || form.data.agree !== 'yes'
      ? t.termsRequired
      : chosen.length === 0
        ? t.accountsRequired
        : undefined;
  if (problem) {
    await deps.audit.record({
      event: 'consent.refused',
      outcome: 'failure',
      customerId,
      clientId: it.client.clientId,
      detail: { reason: problem === t.termsRequired ? 'terms not agreed' : 'no account chosen' },
    });
    return sendPage(
      ctx,
      400,
      await renderConsentFor(it, deps, { error: problem, selectedAccountIds: chosen }),
    );
  }

  // One consent screen makes one link: the id is claimed before the grant is made, so a second
  // 許可 (a double click, a resent form) is sent on with the link the first one made.
  const linkId = randomBytes(32).toString('base64url');
  const owner = await deps.states.claimConsent(it.uid, linkId);
  if (owner !== linkId) {
    if (!owner) return sendPage(ctx, 400, await renderConsentFor(it, deps, { error: t.csrf }));
    return finishInteraction(ctx, deps, { consent: { grantId: owner } }, true);
  }
  const dialect = deps.config.apiDialect;
  const scopes = requestedScopes(it, dialect);
  const grant = new deps.provider.Grant({ accountId: customerId, clientId: it.client.clientId });
  grant.jti = linkId;
  // Granted as asked (GMO's private:account under its own name); the link records the operations.
  grant.addResourceScope(
    apiResourceOf(deps.issuer),
    grantableScopes(String(it.details.params.scope ?? ''), dialect).join(' '),
  );
  const oidcScopes = String(it.details.params.scope ?? '')
    .split(' ')
    .filter((s) => s === 'openid' || s === 'offline_access');
  if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes.join(' '));
  const grantId = await grant.save();

  await deps.links.create({
    id: grantId,
    customerId,
    clientId: it.client.clientId,
    channel: it.channel,
    scopes,
    accountIds: chosen,
    createdAt: Math.floor(Date.now() / 1000),
    expiresAt:
      grant.exp ?? Math.floor(Date.now() / 1000) + linkTtlOf(customerId, deps.config.grantTtlSeconds),
  });
  await deps.audit.record({
    event: 'consent.allow',
    outcome: 'success',
    customerId,
    clientId: it.client.clientId,
    detail: { link: grantId, scopes: scopes.join(' '), accounts: chosen.length },
  });
  await finishInteraction(ctx, deps, { consent: { grantId } }, true);
}
