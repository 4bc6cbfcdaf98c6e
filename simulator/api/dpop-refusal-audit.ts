import type { IncomingMessage } from 'node:http';
import type { AuditLog } from '../audit/audit-log.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';
import type { ApiFailure } from './api-errors.ts';
import type { PresentedToken } from './bearer-auth.ts';

/**
 * Records an API refusal that concerns DPoP — a bound token without its proof or as a bearer token,
 * a proof refused (wrong key, replay, stale iat, htu, htm, ath) — as a `dpop.refused` audit event
 * with its reason and the link it was for, which the QA console shows beside the link. A refusal
 * challenged as Bearer (no token, a bearer token refused) is not one.
 */
export async function recordDpopRefusal(
  deps: { audit: AuditLog; models: OidcModelStore; links: LinkStore },
  req: IncomingMessage,
  presented: PresentedToken | undefined,
  failure: ApiFailure,
): Promise<void> {
  const challenge = failure.headers['WWW-Authenticate'] ?? '';
  if (!challenge.startsWith('DPoP') || !/error="/.test(challenge)) return;
  const reason = failure.message || /error="([^"]*)"/.exec(challenge)?.[1];
  const token = presented?.value ? await deps.models.findPayload('AccessToken', presented.value) : undefined;
  const link = token?.grantId ? await deps.links.find(token.grantId) : undefined;
  await deps.audit.record({
    event: 'dpop.refused',
    outcome: 'failure',
    customerId: token?.accountId,
    clientId: token?.clientId,
    detail: { where: 'api', link: link?.id, reason, path: (req.url ?? '').split('?')[0] },
  });
}
