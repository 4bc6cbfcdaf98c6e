import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../../shared/bank/oauth.ts';
import type { DemoDpopKey, DemoProof } from './demo-dpop.ts';

/** What the bank's pages received back at the partner's redirect URI. */
interface DemoCallback {
  url: string;
  code?: string | undefined;
  state?: string | undefined;
  iss?: string | undefined;
  error?: string | undefined;
  errorDescription?: string | undefined;
}

/** One HTTP exchange the partner's server made with the bank, as shown on the page. */
export interface DemoExchange {
  method: string;
  url: string;
  /** What was sent, secrets already masked: it is printed as is. */
  sent: string;
  status: number;
  /** The JSON answer; tokens in it are masked when rendered. */
  body: unknown;
  /** The DPoP proof sent with it (a walk with a key), shown decoded beside the request. */
  proof?: DemoProof | undefined;
  /** The same access token sent as a bearer token instead: what the bank answers a thief without the key. */
  asBearer?: DemoExchange | undefined;
}

export interface DemoSession {
  id: string;
  /** Proves a form was rendered for this session (the pages have no script to add headers). */
  csrf: string;
  clientId: string;
  channel: Channel;
  /** The walk's DPoP key when the partner binds its tokens (鍵で保護); absent: bearer tokens. */
  dpop?: DemoDpopKey | undefined;
  /** PKCE verifier: stays on the partner's server, only its S256 hash goes to the bank. */
  verifier: string;
  state: string;
  authorizationUrl: string;
  createdAt: number;
  callback?: DemoCallback;
  /** The token answer currently held, as the partner's server would keep it. */
  tokens?: { accessToken: string; refreshToken?: string | undefined };
  exchange?: DemoExchange;
  api?: DemoExchange[];
  refresh?: DemoExchange;
  revoke?: DemoExchange;
  afterRevoke?: DemoExchange;
  /** The last action's failure, in words. */
  problem?: string | undefined;
}

const MAX_SESSIONS = 50;
const MAX_START_TOKENS = 200;

export const randomToken = (): string => randomBytes(24).toString('base64url');

export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Demo walks live in memory only: a presenter's session holds a partner's tokens for minutes and
 * nothing of it must survive a restart. The oldest walk is dropped beyond a few dozen.
 */
export function createDemoSessionStore() {
  const sessions = new Map<string, DemoSession>();
  const startTokens = new Set<string>();
  return {
    /** A one-use token for the start form (no session exists yet to hold one). */
    issueStartToken(): string {
      const token = randomToken();
      if (startTokens.size >= MAX_START_TOKENS) startTokens.delete(startTokens.values().next().value!);
      startTokens.add(token);
      return token;
    },
    useStartToken(token: unknown): boolean {
      return typeof token === 'string' && startTokens.delete(token);
    },
    add(session: Omit<DemoSession, 'id' | 'csrf' | 'createdAt'>): DemoSession {
      const full: DemoSession = { ...session, id: randomToken(), csrf: randomToken(), createdAt: Date.now() };
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
      sessions.set(full.id, full);
      return full;
    },
    find(id: string): DemoSession | undefined {
      return sessions.get(id);
    },
    findByState(state: unknown): DemoSession | undefined {
      if (typeof state !== 'string') return undefined;
      return [...sessions.values()].find((s) => s.state === state);
    },
  };
}
