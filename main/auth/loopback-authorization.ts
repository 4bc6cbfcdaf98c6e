import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as oauth from 'openid-client';
import { AppError } from '../../shared/app-errors.ts';
import type { Channel } from '../../shared/bank/oauth.ts';
import { callbackPage } from './callback-page.ts';
import { log } from '../log/logger.ts';
import { toAuthAppError } from './oauth-errors.ts';

const CONNECT_TIMEOUT_MS = 5 * 60_000;
const CALLBACK_PATH = '/callback';
const DONE_PATH = '/done';

export interface BrowserAuthorization {
  config: oauth.Configuration;
  channel: Channel;
  /** Scope names as the bank spells them (the profile's). */
  scopes: readonly string[];
  /** `ui_locales`: the language the bank's screens should speak (the app's own). */
  uiLocales?: string;
  /** Opens the bank's authorization URL in the system browser. */
  openExternal(url: string): Promise<void>;
  /**
   * Told the URL once the listener is up, so the UI can show the waiting state with the address
   * and the time the wait ends.
   */
  onWaiting?(authorizationUrl: string, redirectUri: string, deadline: Date): void;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The new link's key, at a bank that binds tokens to one: PAR and the code exchange carry proofs. */
  dpop?: oauth.DPoPHandle;
}

export type TokenResponse = oauth.TokenEndpointResponse & oauth.TokenEndpointResponseHelpers;

/**
 * RFC 8252 native-app authorization: a one-shot listener on 127.0.0.1 (never "localhost", never a
 * fixed port), PKCE S256 and state, PAR when the bank offers it, the callback's state and iss checked
 * by openid-client, then the code exchanged. The browser tab is sent on to a plain page so the code
 * does not stay in its address bar or history. The listener is closed however this ends.
 */
export async function authorizeInBrowser(request: BrowserAuthorization): Promise<TokenResponse> {
  throwIfCancelled(request.signal);
  const server = http.createServer();
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_PATH}`;

  const timers: NodeJS.Timeout[] = [];
  const tab = { redirected: false, pageServed: Promise.withResolvers<undefined>() };
  try {
    const verifier = oauth.randomPKCECodeVerifier();
    const state = oauth.randomState();
    const params = {
      redirect_uri: redirectUri,
      scope: request.scopes.join(' '),
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      channel: request.channel,
      ...(request.uiLocales ? { ui_locales: request.uiLocales } : {}),
    };
    const authorizationUrl = request.config.serverMetadata().pushed_authorization_request_endpoint
      ? await oauth.buildAuthorizationUrlWithPAR(request.config, params, dpopOption(request))
      : oauth.buildAuthorizationUrl(request.config, params);

    // A cancel may come while PAR is on its way: then the browser is not opened at all.
    throwIfCancelled(request.signal);
    const timeoutMs = request.timeoutMs ?? CONNECT_TIMEOUT_MS;
    const callback = waitForCallback(server, { redirectUri, state, timeoutMs }, request, timers, tab);
    request.onWaiting?.(authorizationUrl.href, redirectUri, new Date(Date.now() + timeoutMs));
    await request.openExternal(authorizationUrl.href);
    const { url, respond } = await callback;
    try {
      const tokens = await oauth.authorizationCodeGrant(
        request.config,
        url,
        { pkceCodeVerifier: verifier, expectedState: state },
        undefined,
        dpopOption(request),
      );
      respond('done');
      return tokens;
    } catch (error) {
      const appError = toAuthAppError(error);
      respond(appError.code === 'CANCELLED' ? 'cancelled' : 'failed');
      throw appError;
    }
  } catch (error) {
    throw toAuthAppError(error);
  } finally {
    for (const timer of timers) clearTimeout(timer);
    // The tab was sent on to the result page: let it fetch that (briefly) before the listener goes.
    if (tab.redirected) await Promise.race([tab.pageServed.promise, delay(3000)]);
    await closeServer(server, sockets);
  }
}

const dpopOption = (request: BrowserAuthorization) => (request.dpop ? { DPoP: request.dpop } : undefined);

interface Callback {
  url: URL;
  /** Ends the browser's request: a redirect to the result page, served from memory. */
  respond(result: 'done' | 'cancelled' | 'failed'): void;
}

/**
 * Resolves with the first request to /callback that carries this flow's `state`; rejects on
 * timeout or cancel. A request with another state (or none) is not the bank's answer to this flow —
 * a stray tab, an old bookmark, another program on this machine — so it is refused with a page
 * saying so and the wait goes on: it must not end the customer's link.
 */
function waitForCallback(
  server: http.Server,
  flow: { redirectUri: string; state: string; timeoutMs: number },
  request: Pick<BrowserAuthorization, 'signal'>,
  timers: NodeJS.Timeout[],
  tab: { redirected: boolean; pageServed: PromiseWithResolvers<undefined> },
): Promise<Callback> {
  return new Promise<Callback>((resolve, reject) => {
    let received = false;
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', flow.redirectUri);
      if (req.method === 'GET' && url.pathname === DONE_PATH) {
        res.writeHead(200, PAGE_HEADERS).end(callbackPage(url.searchParams.get('result')));
        tab.pageServed.resolve(undefined);
        return;
      }
      if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || received) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      if (url.searchParams.get('state') !== flow.state) {
        log.warn('link.stray-callback', { hasState: url.searchParams.has('state') });
        res.writeHead(400, PAGE_HEADERS).end(callbackPage('stray'));
        return;
      }
      received = true;
      resolve({
        url,
        respond(result) {
          // 303 to a page without the code: the tab's history keeps /done, not the callback.
          tab.redirected = true;
          res
            .writeHead(303, { Location: `${DONE_PATH}?result=${result}`, 'Cache-Control': 'no-store' })
            .end();
        },
      });
    });
    timers.push(
      setTimeout(
        () => reject(new AppError('AUTH_TIMEOUT', 'no answer from the browser in time')),
        flow.timeoutMs,
      ),
    );
    request.signal?.addEventListener(
      'abort',
      () => reject(new AppError('CANCELLED', 'cancelled in the app')),
      {
        once: true,
      },
    );
  });
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * A cancel that came before this point: an aborted signal never fires 'abort' again, so a flow that
 * only listened for it would wait out its five minutes and hold every other link off meanwhile.
 */
function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'cancelled in the app');
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function closeServer(server: http.Server, sockets: Set<Socket>): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Browsers keep connections alive; without this the listener would linger until they time out.
    setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, 1000).unref();
  });
}
