import * as oauth from 'openid-client';
import { findRegisteredClient, DESKTOP_CLIENT_ID } from '../../simulator/clients/client-registry.ts';
import type { RunningBank } from '../../simulator/bank-server.ts';
import { formAction, HttpBrowser, inputValue, type Page } from './http-browser.ts';
import { qaOtp } from './test-bank.ts';
import { withProofs } from './desktop-proofs.ts';

/** All the flow helpers need of a bank: where it is. */
export type BankAddress = Pick<RunningBank, 'issuer'>;

const BOTH_SCOPES = 'balances:read transactions:read';

/**
 * openid-client configured as the desktop app: public client, PKCE, loopback redirect, and a DPoP key
 * of its own that proves every token request (the bank requires it of this client). `proofs: false`
 * plays a caller without the key, e.g. a thief with a copied refresh token.
 */
export async function desktopClient(
  bank: BankAddress,
  { proofs = true }: { proofs?: boolean } = {},
): Promise<oauth.Configuration> {
  const config = await oauth.discovery(new URL(bank.issuer), DESKTOP_CLIENT_ID, undefined, oauth.None(), {
    execute: [oauth.allowInsecureRequests],
  });
  return proofs ? withProofs(config) : config;
}

/** openid-client configured as one of the seed's partners (confidential, client_secret_basic). */
export async function partnerClient(bank: BankAddress, clientId: string): Promise<oauth.Configuration> {
  const secret = findRegisteredClient(clientId)?.secret;
  return oauth.discovery(new URL(bank.issuer), clientId, undefined, oauth.ClientSecretBasic(secret), {
    execute: [oauth.allowInsecureRequests],
  });
}

export interface AuthorizationRequest {
  url: URL;
  verifier: string;
  state: string;
  redirectUri: string;
}

export async function authorizationRequest(
  config: oauth.Configuration,
  redirectUri: string,
  params: Record<string, string> = {},
  { par = false } = {},
): Promise<AuthorizationRequest> {
  const verifier = oauth.randomPKCECodeVerifier();
  const state = oauth.randomState();
  const all = {
    redirect_uri: redirectUri,
    scope: BOTH_SCOPES,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...params,
  };
  const url = par
    ? await oauth.buildAuthorizationUrlWithPAR(config, all)
    : oauth.buildAuthorizationUrl(config, all);
  return { url, verifier, state, redirectUri };
}

/** Opens the authorization URL and lands on the bank's first screen. */
export async function openAuthorization(browser: HttpBrowser, bank: BankAddress, url: URL): Promise<Page> {
  return browser.follow(await browser.get(url.href), bank.issuer);
}

export async function submitPassword(
  browser: HttpBrowser,
  bank: BankAddress,
  page: Page,
  loginId: string,
  password: string,
): Promise<Page> {
  const res = await browser.postForm(new URL(formAction(page.html, '/login'), bank.issuer).href, {
    csrf: inputValue(page.html, 'csrf'),
    loginId,
    password,
  });
  return browser.follow(res, bank.issuer);
}

export async function submitOtp(
  browser: HttpBrowser,
  bank: BankAddress,
  page: Page,
  code: string,
): Promise<Page> {
  const res = await browser.postForm(new URL(formAction(page.html, '/otp'), bank.issuer).href, {
    csrf: inputValue(page.html, 'csrf'),
    code,
  });
  return browser.follow(res, bank.issuer);
}

/** Ticks the terms box (unless told not to) and presses 許可; returns where the bank sent the browser. */
export async function submitConsent(
  browser: HttpBrowser,
  bank: BankAddress,
  page: Page,
  { agree = true, accountIds }: { agree?: boolean; accountIds?: string[] } = {},
): Promise<Page> {
  const offered = [...page.html.matchAll(/name="accountIds"\s+value="([^"]+)"/g)].map((m) => m[1]!);
  const res = await browser.postForm(new URL(formAction(page.html, '/consent'), bank.issuer).href, {
    csrf: inputValue(page.html, 'csrf'),
    accountIds: accountIds ?? offered,
    ...(agree ? { agree: 'yes' } : {}),
  });
  return browser.follow(res, bank.issuer);
}

export async function pressCancel(browser: HttpBrowser, bank: BankAddress, page: Page): Promise<Page> {
  const res = await browser.postForm(new URL(formAction(page.html, '/cancel'), bank.issuer).href, {
    csrf: inputValue(page.html, 'csrf'),
  });
  return browser.follow(res, bank.issuer);
}

/** The whole WEBバンキング flow for a personal test user: password, OTP from the QA API, consent. */
export async function consentAsPersonal(
  bank: BankAddress,
  request: AuthorizationRequest,
  loginId = '1000000001',
  password = 'Demo-Pass-1',
): Promise<URL> {
  const browser = new HttpBrowser();
  const login = await openAuthorization(browser, bank, request.url);
  const otp = await submitPassword(browser, bank, login, loginId, password);
  const consent = await submitOtp(browser, bank, otp, await qaOtp(bank, loginId));
  const done = await submitConsent(browser, bank, consent);
  if (!done.location) throw new Error(`consent did not redirect (status ${done.status})`);
  return new URL(done.location);
}

export async function consentAsCorporate(
  bank: BankAddress,
  request: AuthorizationRequest,
  loginId = 'CORP0001',
  password = 'Corp-Pass-1',
  consent: { accountIds?: string[] } = {},
): Promise<URL> {
  const browser = new HttpBrowser();
  const login = await openAuthorization(browser, bank, request.url);
  const consentPage = await submitPassword(browser, bank, login, loginId, password);
  const done = await submitConsent(browser, bank, consentPage, consent);
  if (!done.location) throw new Error(`consent did not redirect (status ${done.status})`);
  return new URL(done.location);
}

/** A corporate customer links the desktop app; returns its access token. */
export async function corporateAccessToken(
  bank: BankAddress,
  loginId: string,
  password: string,
  options: { scope?: string; accountIds?: string[] } = {},
): Promise<string> {
  return (await corporateTokens(bank, loginId, password, options)).access_token;
}

/** A corporate customer links the desktop app; returns the token response (its lifetimes too). */
export async function corporateTokens(
  bank: BankAddress,
  loginId: string,
  password: string,
  { scope = BOTH_SCOPES, accountIds }: { scope?: string; accountIds?: string[] } = {},
): Promise<oauth.TokenEndpointResponse & oauth.TokenEndpointResponseHelpers> {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, 'http://127.0.0.1:45000/callback', {
    channel: 'corporate',
    scope,
  });
  const callback = await consentAsCorporate(
    bank,
    request,
    loginId,
    password,
    accountIds ? { accountIds } : {},
  );
  return exchangeCode(config, request, callback);
}

/**
 * A corporate customer links one of the seed's partners, which the bank does not ask for DPoP: its
 * access token is a bearer token, for tests of how the API treats bearer tokens.
 */
export async function partnerAccessToken(
  bank: BankAddress,
  loginId: string,
  password: string,
  clientId = 'freee',
): Promise<string> {
  const config = await partnerClient(bank, clientId);
  const request = await authorizationRequest(config, `${bank.issuer}/qa/callback`, { channel: 'corporate' });
  return (await exchangeCode(config, request, await consentAsCorporate(bank, request, loginId, password)))
    .access_token;
}

export async function exchangeCode(
  config: oauth.Configuration,
  request: AuthorizationRequest,
  callback: URL,
): Promise<oauth.TokenEndpointResponse & oauth.TokenEndpointResponseHelpers> {
  return oauth.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
}
