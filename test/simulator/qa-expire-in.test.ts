import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationRequest,
  consentAsCorporate,
  desktopClient,
  exchangeCode,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

/** The QA JSON additions for a link's lifetime: POST /qa/api/links/:id/expire-in {"days": N}. */

const DAY = 86400;
let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

interface Linked {
  config: oauth.Configuration;
  linkId: string;
  accessToken: string;
  refreshToken: string;
}

/** CORP0001 links the desktop app; the QA API names the link just made. */
async function linkCorp0001(): Promise<Linked> {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, 'http://127.0.0.1:45000/callback', {
    channel: 'corporate',
  });
  const tokens = await exchangeCode(config, request, await consentAsCorporate(bank, request));
  const { links } = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as {
    links: { id: string }[];
  };
  return {
    config,
    linkId: links[0]!.id,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token!,
  };
}

const expireIn = async (linkId: string, body: unknown) => {
  const res = await qaPost(bank, `/qa/api/links/${linkId}/expire-in`, body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const accounts = (token: string) => apiFetch(`${bank.issuer}/api/v1/accounts`, token);

describe('POST /qa/api/links/:id/expire-in', () => {
  it('moves the link to end N days from now; the next refresh reports that end and the old access token is retired', async () => {
    const link = await linkCorp0001();
    const before = Date.now();
    const { status, body } = await expireIn(link.linkId, { days: 5 });
    expect(status).toBe(200);
    const moved = body.link as { status: string; expiresAt: string };
    expect(moved.status).toBe('active');
    const left = (Date.parse(moved.expiresAt) - before) / 1000;
    expect(left).toBeGreaterThanOrEqual(5 * DAY - 2);
    expect(left).toBeLessThanOrEqual(5 * DAY + 2);

    // A client holding an access token must come back for a new one, and learns the new end then.
    expect((await accounts(link.accessToken)).status).toBe(401);
    const refreshed = await oauth.refreshTokenGrant(link.config, link.refreshToken);
    const expiresIn = refreshed.refresh_token_expires_in as number;
    expect(expiresIn).toBeGreaterThan(5 * DAY - 30);
    expect(expiresIn).toBeLessThanOrEqual(5 * DAY);
    expect((await accounts(refreshed.access_token)).status).toBe(200);
  });

  it('also moves the end later than the 90 days, and the rotated refresh token lives that long', async () => {
    const link = await linkCorp0001();
    expect((await expireIn(link.linkId, { days: 200 })).status).toBe(200);
    const first = await oauth.refreshTokenGrant(link.config, link.refreshToken);
    expect(first.refresh_token_expires_in).toBeGreaterThan(199 * DAY);
    const second = await oauth.refreshTokenGrant(link.config, first.refresh_token!);
    expect(second.refresh_token_expires_in).toBeGreaterThan(199 * DAY);
  });

  it('records who moved which link by how many days in the audit log', async () => {
    const link = await linkCorp0001();
    await expireIn(link.linkId, { days: 14 });
    const { entries } = (await (await fetch(`${bank.issuer}/qa/api/audit?limit=5`)).json()) as {
      entries: { event: string; detail: Record<string, unknown> }[];
    };
    expect(entries[0]).toMatchObject({
      event: 'qa.action',
      detail: { action: 'expire link in days', link: link.linkId, days: 14 },
    });
  });

  it.each([
    [{}, 'days'],
    [{ days: 0 }, 'days'],
    [{ days: 1.5 }, 'days'],
    [{ days: '5' }, 'days'],
    [{ days: 3651 }, 'days'],
    [{ days: 5, extra: true }, 'extra'],
  ])('refuses %j with 400 INVALID_PARAMETER naming %s', async (body, field) => {
    const link = await linkCorp0001();
    const res = await expireIn(link.linkId, body);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('INVALID_PARAMETER');
    expect(String(res.body.errorMessage)).toContain(field);
  });

  it('answers 404 NOT_FOUND for an unknown link and 409 LINK_NOT_ACTIVE for a revoked or expired one', async () => {
    expect((await expireIn('no-such-link', { days: 5 })).body.errorCode).toBe('NOT_FOUND');
    const revoked = await linkCorp0001();
    await qaPost(bank, `/qa/api/links/${revoked.linkId}/revoke`);
    const res = await expireIn(revoked.linkId, { days: 5 });
    expect([res.status, res.body.errorCode]).toEqual([409, 'LINK_NOT_ACTIVE']);
    const expired = await linkCorp0001();
    await qaPost(bank, `/qa/api/links/${expired.linkId}/expire`);
    expect((await expireIn(expired.linkId, { days: 5 })).status).toBe(409);
    await expect(oauth.refreshTokenGrant(expired.config, expired.refreshToken)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('shows an expire-in form for each active link in the console, whose sections have a table of contents', async () => {
    await linkCorp0001();
    const page = await (await fetch(`${bank.issuer}/qa`)).text();
    expect(page).toContain('data-form="expire-in"');
    for (const anchor of ['#users', '#links', '#faults', '#clients', '#audit', '/partner-demo'])
      expect(page).toContain(`href="${anchor}"`);
  });
});
