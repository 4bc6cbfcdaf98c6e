import { createHash } from 'node:crypto';
import { z } from 'zod';
import { addDays, jstDate } from '../../shared/dates.ts';
import type { ApiDialect, Channel } from '../../shared/bank/oauth.ts';
import { GMO_BASE_PATHS } from '../api/gmo/gmo-schema.ts';
import type { RegisteredClient } from '../clients/client-registry.ts';
import { demoProof, newDemoDpopKey, shownProof, type DemoDpopKey } from './demo-dpop.ts';
import { randomToken, type DemoExchange, type DemoSession } from './demo-session.ts';

/**
 * The partner's server, played by the bank for a demo: it builds the authorization request and talks
 * to the bank's own endpoints over real HTTP (discovery, token, API, revocation), exactly as a
 * partner's backend would — nothing here reaches into oidc-provider.
 */

export const DEMO_SCOPE = 'balances:read transactions:read';

const Discovery = z.object({
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  revocation_endpoint: z.string().url(),
});
type Endpoints = z.infer<typeof Discovery>;

export const redirectUriOf = (issuer: string): string => `${issuer}/qa/callback`;

const base64url = (bytes: Buffer): string => bytes.toString('base64url');
export const s256 = (verifier: string): string => base64url(createHash('sha256').update(verifier).digest());

/** Shows a secret as its first and last characters, so a printout never holds a usable token. */
export function mask(secret: string): string {
  return secret.length <= 12 ? '•'.repeat(secret.length) : `${secret.slice(0, 6)}…${secret.slice(-4)}`;
}

export interface PartnerServer {
  start(
    client: RegisteredClient,
    channel: Channel,
    options?: { dpop?: boolean },
  ): Promise<Omit<DemoSession, 'id' | 'csrf' | 'createdAt'>>;
  exchangeCode(session: DemoSession, client: RegisteredClient): Promise<void>;
  callApi(session: DemoSession): Promise<void>;
  refresh(session: DemoSession, client: RegisteredClient): Promise<void>;
  revoke(session: DemoSession, client: RegisteredClient): Promise<void>;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const basicAuth = (client: RegisteredClient): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret ?? '')}`).toString('base64')}`;

const TokenAnswer = z
  .object({ access_token: z.string(), refresh_token: z.string().optional() })
  .passthrough();

/** Where the partner reads a channel's API and how it sends the token, in the bank's dialect. */
function apiOf(issuer: string, dialect: ApiDialect, channel: Channel) {
  return dialect === 'gmo-aozora'
    ? { base: `${issuer}${GMO_BASE_PATHS[channel]}`, header: 'x-access-token' }
    : { base: `${issuer}/api/v1`, header: 'authorization' };
}

/** Accounts with a statement: GMO lists 円定期・外貨普通 too, which have balances only. */
const AccountList = z.object({
  accounts: z.array(z.object({ accountId: z.string(), accountTypeCode: z.string().optional() })),
});
const firstWithStatement = (body: unknown): string | undefined => {
  const list = AccountList.safeParse(body);
  if (!list.success) return undefined;
  return list.data.accounts.find(
    (a) => a.accountTypeCode === undefined || ['01', '02'].includes(a.accountTypeCode),
  )?.accountId;
};

export function createPartnerServer(issuer: string, dialect: ApiDialect = 'bankdemo'): PartnerServer {
  let endpoints: Endpoints | undefined;
  const discover = async (): Promise<Endpoints> => {
    endpoints ??= Discovery.parse(
      await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json(),
    );
    return endpoints;
  };

  const tokenCall = async (
    client: RegisteredClient,
    url: string,
    form: Record<string, string>,
    shown: Record<string, string>,
    dpop?: DemoDpopKey,
  ): Promise<DemoExchange> => {
    const send = async () => {
      const proof = dpop ? await demoProof(dpop, 'POST', url, { nonce: dpop.nonce }) : undefined;
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: basicAuth(client),
          'content-type': 'application/x-www-form-urlencoded',
          ...(proof ? { dpop: proof.jwt } : {}),
        },
        body: new URLSearchParams(form),
      });
      if (dpop) dpop.nonce = res.headers.get('dpop-nonce') ?? dpop.nonce;
      return { res, proof, body: await readJson(res) };
    };
    let answer = await send();
    // RFC 9449 §8: the bank wants a nonce of its own in the proof; it gave one, so ask once more.
    if (
      dpop &&
      answer.res.status === 400 &&
      (answer.body as { error?: unknown })?.error === 'use_dpop_nonce'
    ) {
      answer = await send();
    }
    const sent = [
      `Authorization: Basic base64(${client.clientId}:${mask(client.secret ?? '')})`,
      'Content-Type: application/x-www-form-urlencoded',
      ...(answer.proof ? [`DPoP: ${shownProof(answer.proof.jwt)}`] : []),
      '',
      ...Object.entries(shown).map(([k, v]) => `${k}=${v}`),
    ].join('\n');
    return { method: 'POST', url, sent, status: answer.res.status, body: answer.body, proof: answer.proof };
  };

  const keepTokens = (session: DemoSession, exchange: DemoExchange) => {
    const answer = TokenAnswer.safeParse(exchange.body);
    if (exchange.status === 200 && answer.success) {
      session.tokens = { accessToken: answer.data.access_token, refreshToken: answer.data.refresh_token };
      session.problem = undefined;
    } else {
      session.problem = `銀行がトークン要求を拒否しました / The bank refused the token request (HTTP ${exchange.status})`;
    }
  };

  /** One GET with the token as the walk holds it: with a key, `DPoP` and its proof; else bearer. */
  const apiCall = async (
    session: DemoSession,
    url: string,
    scheme: 'DPoP' | 'Bearer',
  ): Promise<DemoExchange> => {
    const api = apiOf(issuer, dialect, session.channel);
    const token = session.tokens?.accessToken ?? '';
    const dpop = scheme === 'DPoP' ? session.dpop : undefined;
    const proof = dpop ? await demoProof(dpop, 'GET', url, { accessToken: token }) : undefined;
    // GMO's x-access-token names no scheme: the token is what it was issued as, the proof beside it.
    const prefix = api.header === 'authorization' ? `${dpop ? 'DPoP' : 'Bearer'} ` : '';
    const res = await fetch(url, {
      headers: { [api.header]: `${prefix}${token}`, ...(proof ? { dpop: proof.jwt } : {}) },
    });
    const shownHeader = api.header === 'authorization' ? 'Authorization' : api.header;
    return {
      method: 'GET',
      url,
      sent: [
        `${shownHeader}: ${prefix}${mask(token)}`,
        ...(proof ? [`DPoP: ${shownProof(proof.jwt)}`] : []),
      ].join('\n'),
      status: res.status,
      body: await readJson(res),
      proof,
    };
  };

  /** A walk with a key also tries its token as a bearer token: what the bank answers a stolen copy. */
  const apiGet = async (session: DemoSession, path: string): Promise<DemoExchange> => {
    const url = `${apiOf(issuer, dialect, session.channel).base}${path}`;
    if (!session.dpop) return apiCall(session, url, 'Bearer');
    const exchange = await apiCall(session, url, 'DPoP');
    return { ...exchange, asBearer: await apiCall(session, url, 'Bearer') };
  };

  return {
    async start(client, channel, options = {}) {
      const { authorization_endpoint } = await discover();
      const verifier = randomToken() + randomToken();
      const state = randomToken();
      const url = new URL(authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: redirectUriOf(issuer),
        scope: DEMO_SCOPE,
        channel,
        state,
        code_challenge: s256(verifier),
        code_challenge_method: 'S256',
      }).toString();
      return {
        clientId: client.clientId,
        channel,
        verifier,
        state,
        authorizationUrl: url.href,
        ...(options.dpop ? { dpop: await newDemoDpopKey() } : {}),
      };
    },

    async exchangeCode(session, client) {
      const code = session.callback?.code;
      // Once per walk: the bank takes a code replayed as a stolen one and ends the link.
      if (!code || session.exchange) return;
      const { token_endpoint } = await discover();
      const form = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUriOf(issuer),
        code_verifier: session.verifier,
      };
      session.exchange = await tokenCall(
        client,
        token_endpoint,
        form,
        {
          ...form,
          code: mask(code),
          code_verifier: mask(session.verifier),
        },
        session.dpop,
      );
      keepTokens(session, session.exchange);
    },

    async callApi(session) {
      const accounts = await apiGet(session, '/accounts');
      const calls = [accounts];
      const accountId = accounts.status === 200 ? firstWithStatement(accounts.body) : undefined;
      if (accountId !== undefined) {
        const from = addDays(jstDate(Date.now()), -7);
        calls.push(await apiGet(session, `/accounts/balances?accountId=${accountId}`));
        calls.push(await apiGet(session, `/accounts/transactions?accountId=${accountId}&dateFrom=${from}`));
      }
      session.api = calls;
      session.problem = calls.every((c) => c.status === 200)
        ? undefined
        : 'APIがエラーを返しました（下のJSON） / The API answered with an error (JSON below)';
    },

    async refresh(session, client) {
      const refreshToken = session.tokens?.refreshToken;
      if (!refreshToken) return;
      const { token_endpoint } = await discover();
      const form = { grant_type: 'refresh_token', refresh_token: refreshToken };
      session.refresh = await tokenCall(
        client,
        token_endpoint,
        form,
        {
          ...form,
          refresh_token: mask(refreshToken),
        },
        session.dpop,
      );
      keepTokens(session, session.refresh);
    },

    async revoke(session, client) {
      const refreshToken = session.tokens?.refreshToken;
      if (!refreshToken) return;
      const { revocation_endpoint } = await discover();
      const form = { token: refreshToken, token_type_hint: 'refresh_token' };
      session.revoke = await tokenCall(client, revocation_endpoint, form, {
        ...form,
        token: mask(refreshToken),
      });
      // What a partner sees next: the access token it still holds no longer opens the API.
      session.afterRevoke = await apiCall(
        session,
        `${apiOf(issuer, dialect, session.channel).base}/accounts`,
        session.dpop ? 'DPoP' : 'Bearer',
      );
      session.problem = session.revoke.status === 200 ? undefined : `HTTP ${session.revoke.status}`;
    },
  };
}
