import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBankConfig } from '../../simulator/config.ts';
import {
  authorizationRequest,
  consentAsCorporate,
  desktopClient,
  exchangeCode,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { desktopLinks, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * A client that crashes right after the bank rotated its refresh token presents the old one on
 * restart. Within BANK_REFRESH_REUSE_GRACE that is a crashed client, not a thief; after it, reuse
 * ends the link (RFC 9700 §4.14.2). A three-second grace keeps the "after" cases quick.
 */
const GRACE_SECONDS = 3;

let bank: TestBank;
let noGrace: TestBank;
beforeAll(async () => {
  [bank, noGrace] = await Promise.all([
    startTestBank({ BANK_REFRESH_REUSE_GRACE: String(GRACE_SECONDS) }),
    startTestBank({ BANK_REFRESH_REUSE_GRACE: '0' }),
  ]);
});
afterAll(async () => {
  await Promise.all([bank?.dispose(), noGrace?.dispose()]);
});

/** CORP0001 links the desktop app; returns its client and first tokens. */
async function link(at: TestBank) {
  const config = await desktopClient(at);
  const request = await authorizationRequest(config, 'http://127.0.0.1:48000/callback', {
    channel: 'corporate',
  });
  const tokens = await exchangeCode(config, request, await consentAsCorporate(at, request));
  return { config, tokens };
}

const newestLink = async (at: TestBank) => (await desktopLinks(at, 'CORP0001')).at(-1)!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const apiStatus = async (at: TestBank, accessToken: string) =>
  (await apiFetch(`${at.issuer}/api/v1/accounts`, accessToken)).status;

describe('the refresh-token reuse grace', () => {
  it('answers the just-rotated token presented again within the grace with a fresh rotation, and the link lives', async () => {
    const { config, tokens } = await link(bank);
    const lost = await oauth.refreshTokenGrant(config, tokens.refresh_token!); // the app crashed here
    const again = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    expect(again.refresh_token).toBeTruthy();
    expect(again.refresh_token).not.toBe(lost.refresh_token);
    expect(again.refresh_token).not.toBe(tokens.refresh_token);
    expect(await apiStatus(bank, again.access_token)).toBe(200);
    // The chain goes on from the fresh token, and the link keeps its end date.
    const next = await oauth.refreshTokenGrant(config, again.refresh_token!);
    expect(Number(next.refresh_token_expires_in)).toBeGreaterThan(89 * 24 * 3600);
    expect((await newestLink(bank)).status).toBe('active');
    const audit = bank.db
      .prepare("SELECT detail FROM audit_log WHERE event = 'token.refresh' AND outcome = 'info'")
      .all() as { detail: string }[];
    expect(audit.some((a) => a.detail.includes('within grace'))).toBe(true);
  });

  it('ends the whole link when the rotated token is presented again after the grace', async () => {
    const { config, tokens } = await link(bank);
    const rotated = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    await sleep((GRACE_SECONDS + 1.2) * 1000);
    await expect(oauth.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(oauth.refreshTokenGrant(config, rotated.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await newestLink(bank)).toMatchObject({ status: 'revoked', revokedBy: 'refresh token reuse' });
  });

  it('gives one chain only: the successor lost in the crash, presented after a reuse within the grace, ends the link', async () => {
    const { config, tokens } = await link(bank);
    const lost = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    const again = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    // Two holders of one link (the lost token surfaced elsewhere): that is theft.
    await expect(oauth.refreshTokenGrant(config, lost.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(oauth.refreshTokenGrant(config, again.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await newestLink(bank)).toMatchObject({ status: 'revoked', revokedBy: 'refresh token reuse' });
  });

  it('is off with BANK_REFRESH_REUSE_GRACE=0: any reuse ends the link', async () => {
    const { config, tokens } = await link(noGrace);
    await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    await expect(oauth.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await newestLink(noGrace)).toMatchObject({ status: 'revoked', revokedBy: 'refresh token reuse' });
  });

  it('is 60 seconds by default and refuses a setting that is not a whole number of seconds from 0 to 3600', () => {
    expect(loadBankConfig({}).refreshReuseGraceSeconds).toBe(60);
    for (const bad of ['-1', '3601', '1.5', 'soon']) {
      expect(() => loadBankConfig({ BANK_REFRESH_REUSE_GRACE: bad }), bad).toThrow(
        /BANK_REFRESH_REUSE_GRACE/,
      );
    }
  });
});
