import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_REGISTRY, DESKTOP_CLIENT_ID } from '../../simulator/clients/client-registry.ts';
import {
  authorizationRequest,
  consentAsCorporate,
  desktopClient,
  exchangeCode,
  partnerAccessToken,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { disposeTestBanks, gmoApiBase, startBothDialects, type TestBank } from '../support/test-bank.ts';

/**
 * Issue 25: the bank requires DPoP of the desktop app (`dpop_bound_access_tokens` in its partner
 * registry), so no token of the app's is ever a bearer token — not at the code exchange, not at a
 * refresh — and the app's access token sent as `Bearer` is refused by both API dialects.
 */
let ours: TestBank;
let gmo: TestBank;
beforeAll(async () => {
  [ours, gmo] = await startBothDialects();
});
afterAll(() => disposeTestBanks(ours, gmo));

interface AuditEntry {
  event: string;
  outcome: string;
  clientId?: string;
  detail: Record<string, string>;
}

/** The bank's audit entries of one event, newest first (its QA API). */
async function audited(at: TestBank, event: string): Promise<AuditEntry[]> {
  const { entries } = (await (await fetch(`${at.issuer}/qa/api/audit?limit=1000`)).json()) as {
    entries: AuditEntry[];
  };
  return entries.filter((e) => e.event === event);
}

/** CORP0001 consents to the desktop app; the code comes back to the app's loopback URI. */
async function desktopCode(at: TestBank, config: oauth.Configuration) {
  const request = await authorizationRequest(config, 'http://127.0.0.1:47000/callback', {
    channel: 'corporate',
  });
  return { request, callback: await consentAsCorporate(at, request) };
}

describe('the bank requires DPoP of the desktop app', () => {
  it('registers bankdemo-desktop, and only it, as dpop_bound_access_tokens', () => {
    expect(CLIENT_REGISTRY.filter((c) => c.dpopBoundAccessTokens).map((c) => c.clientId)).toEqual([
      DESKTOP_CLIENT_ID,
    ]);
  });

  it('refuses bankdemo-desktop’s code exchange without a proof (invalid_grant) and audits it as dpop.refused', async () => {
    const config = await desktopClient(ours, { proofs: false });
    const { request, callback } = await desktopCode(ours, config);
    await expect(exchangeCode(config, request, callback)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const [refusal] = await audited(ours, 'dpop.refused');
    expect(refusal).toMatchObject({
      outcome: 'failure',
      clientId: DESKTOP_CLIENT_ID,
      detail: {
        where: 'token',
        grantType: 'authorization_code',
        reason: 'DPoP proof JWT not provided',
      },
    });
    expect((await audited(ours, 'token.issue')).filter((e) => e.clientId === DESKTOP_CLIENT_ID)).toEqual([]);
  });

  it('refuses bankdemo-desktop’s refresh without a proof, and the link lives on for the key’s holder', async () => {
    const config = await desktopClient(ours);
    const { request, callback } = await desktopCode(ours, config);
    const tokens = await exchangeCode(config, request, callback);
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const bare = await desktopClient(ours, { proofs: false });
    await expect(oauth.refreshTokenGrant(bare, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect((await audited(ours, 'dpop.refused'))[0]!.detail).toMatchObject({
      where: 'token',
      grantType: 'refresh_token',
      reason: 'DPoP proof JWT not provided',
    });
    expect((await oauth.refreshTokenGrant(config, tokens.refresh_token!)).access_token).toBeTruthy();
  });

  it('refuses the app’s access token sent as Bearer in both API dialects, and takes it with its proof', async () => {
    for (const [at, url, header] of [
      [ours, `${ours.issuer}/api/v1/accounts`, 'authorization'],
      [gmo, `${gmoApiBase(gmo, 'corporate')}/accounts`, 'x-access-token'],
    ] as const) {
      const config = await desktopClient(at);
      const { request, callback } = await desktopCode(at, config);
      const access = (await exchangeCode(config, request, callback)).access_token;
      const asBearer = await fetch(url, {
        headers: header === 'authorization' ? { authorization: `Bearer ${access}` } : { [header]: access },
      });
      expect(asBearer.status, `${at.config.apiDialect} as Bearer`).toBe(401);
      expect((await audited(at, 'dpop.refused'))[0]!.detail).toMatchObject({ where: 'api' });
      expect((await apiFetch(url, access, { header })).status, `${at.config.apiDialect} with proof`).toBe(
        200,
      );
    }
  });

  it('still gives a partner the registry does not ask for DPoP bearer tokens without a proof', async () => {
    const access = await partnerAccessToken(ours, 'CORP0001', 'Corp-Pass-1', 'freee');
    const res = await fetch(`${ours.issuer}/api/v1/accounts`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(res.status).toBe(200);
  });

  it('marks the clients that must use DPoP on /partners, in Japanese and English', async () => {
    for (const [locale, required, optional] of [
      ['ja', '必須', '—'],
      ['en', 'Required', '—'],
    ] as const) {
      const page = await (await fetch(`${ours.issuer}/partners?ui_locales=${locale}`)).text();
      const cell = (clientId: string) =>
        new RegExp(`data-client-id="${clientId}"[\\s\\S]*?<td class="dpop[^"]*">([^<]*)</td>`).exec(
          page,
        )?.[1];
      expect(cell(DESKTOP_CLIENT_ID), locale).toBe(required);
      for (const partner of CLIENT_REGISTRY.filter((c) => c.kind === 'partner')) {
        expect(cell(partner.clientId), `${locale} ${partner.clientId}`).toBe(optional);
      }
    }
  });
});
