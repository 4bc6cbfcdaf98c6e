import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lifetimeWords, maskLoginId } from '../../simulator/pages/consent-page.ts';
import { errorCodeLine } from '../../simulator/pages/error-pages.ts';
import { mask, s256 } from '../../simulator/partner-demo/partner-server.ts';
import { refusalCause } from '../../simulator/qa/qa-console-page.ts';

describe('maskLoginId (the consent screen’s customer line)', () => {
  it.each([
    ['1000000001', '******0001'],
    ['CORP0002', '****0002'],
    ['A12', 'A12'],
  ])('%s → %s', (id, masked) => expect(maskLoginId(id)).toBe(masked));
});

describe('mask (tokens and secrets on the demo page)', () => {
  it.each([
    ['abcdefghijklmnopqrstuvwxyz', 'abcdef…wxyz'],
    ['short-secret', '••••••••••••'],
  ])('%s → %s', (secret, masked) => expect(mask(secret)).toBe(masked));
});

describe('s256 (PKCE code_challenge)', () => {
  it('is the base64url SHA-256 of the verifier (RFC 7636 appendix B)', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    expect(s256('x')).toBe(createHash('sha256').update('x').digest('base64url'));
  });
});

describe('lifetimeWords (consent screen and terms follow BANK_GRANT_TTL)', () => {
  it.each([
    ['ja', 90 * 86400, '90日間'],
    ['en', 30 * 86400, '30 days'],
    ['ja', 600, '10分間'],
    ['en', 20, '1 minutes'],
  ] as const)('%s %i s → %s', (locale, seconds, words) => expect(lifetimeWords(locale, seconds)).toBe(words));
});

describe('errorCodeLine (no English codes on Japanese pages)', () => {
  it.each([
    ['ja', 'no interaction session', '詳細：お手続きの情報が見つかりません'],
    ['ja', 'no valid client certificate', '詳細：電子証明書が提示されていません'],
    ['ja', 'unauthorized_client', 'エラーコード：unauthorized_client'],
    ['ja', "invalid_request: channel must be 'personal' or 'corporate'", 'エラーコード：invalid_request'],
    ['ja', 'something else in English', undefined],
    ['en', 'no interaction session', 'no interaction session'],
    ['ja', undefined, undefined],
  ] as const)('%s %s → %s', (locale, code, line) => expect(errorCodeLine(locale, code)).toBe(line));
});

describe('refusalCause (the QA console’s 原因 column)', () => {
  it.each([
    [{ event: 'login.password', detail: { reason: 'unknown login id' } }, 'unknown login id'],
    [
      { event: 'token.error', detail: { error: 'invalid_grant', description: 'grant request is invalid' } },
      'invalid_grant — grant request is invalid',
    ],
    [{ event: 'login.otp', detail: undefined }, 'ワンタイムパスワード誤り / wrong one-time password'],
    [{ event: 'consent.refused', detail: {} }, 'consent.refused'],
  ] as const)('%j → %s', (entry, cause) => expect(refusalCause(entry)).toBe(cause));
});
