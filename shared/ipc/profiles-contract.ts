import { z } from 'zod';
import { ApiDialectSchema, API_SCOPES, type ApiDialect } from '../bank/oauth.ts';
import type { DomainChannel } from './channels.ts';
import { id } from './schema-parts.ts';

/** The `profiles:` domain: the banks the app may link to, and 接続テスト. */

/**
 * Where a bank profile may point: https anywhere, plain http only on this machine (the simulator).
 * Tokens and the customer's statements travel there, so nothing else is accepted.
 */
const bankUrl = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      if (url.username || url.password || url.hash) return false;
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  }, 'must be an https URL (or http on 127.0.0.1 / localhost)');

/** A scope to ask the bank for, and the operations the app may do when the bank grants it. */
export const ScopeGrant = z
  .object({
    name: z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, 'must be a scope token (RFC 6749 §3.3)'),
    grants: z.array(z.enum(API_SCOPES)).max(API_SCOPES.length),
  })
  .strict();
export type ScopeGrant = z.infer<typeof ScopeGrant>;

/**
 * What a bank profile needs: where its authorization server and API are, who we are there, and
 * how its API speaks. The dialect's defaults stand for what is left out (one API base for both
 * channels, the dialect's scopes).
 */
export const BankProfileInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    issuer: bankUrl,
    clientId: z.string().regex(/^[\x21-\x7e]{1,100}$/, 'must be printable ASCII without spaces'),
    apiBase: bankUrl,
    dialect: ApiDialectSchema.optional(),
    /** A different API base for one channel (GMO Aozora: …/personal/v1 and …/corporation/v1). */
    apiBasePersonal: bankUrl.optional(),
    apiBaseCorporate: bankUrl.optional(),
    scopes: z.array(ScopeGrant).min(1).max(10).optional(),
  })
  .strict();
export type BankProfileInput = z.input<typeof BankProfileInput>;

export const PROFILES_ARGS = {
  /** Adds a profile, or changes one (`id`); the built-in bank cannot be changed. */
  'profiles:save': BankProfileInput.extend({ id: id.optional() }).strict(),
  /** Refused with PROFILE_IN_USE while a connection links through it. */
  'profiles:delete': z.object({ profileId: id }).strict(),
  /** Tries a profile (saved or only typed in the form) without linking anything. */
  'profiles:test': BankProfileInput.omit({ name: true, scopes: true }).strict(),
} as const satisfies Record<DomainChannel<'profiles'>, z.ZodType>;

/** A bank the app can link to: where its authorization server and API are, and who we are there. */
export interface BankProfileFields {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  /** The API base of both channels, unless one has its own below. */
  apiBase: string;
  dialect: ApiDialect;
  apiBasePersonal?: string;
  apiBaseCorporate?: string;
  /** The scopes to ask for, each with the operations it grants. */
  scopes: ScopeGrant[];
}

export interface BankProfileView extends BankProfileFields {
  /** The simulator that ships with the app: always there, not editable. */
  builtIn: boolean;
}

/** What a 接続テスト step found, as a key and its values: the UI says it in its own language. */
export interface ProfileFinding {
  key:
    | 'discovery-ok'
    | 'http-status'
    | 'not-json'
    | 'wrong-issuer'
    | 'pkce-ok'
    | 'no-s256'
    | 'no-code-grant'
    | 'no-code-response'
    | 'no-endpoint'
    | 'api-ok'
    | 'api-not-401'
    | 'dialect-ok'
    | 'dialect-other'
    | 'dialect-unknown'
    | 'dpop-offered'
    | 'dpop-not-offered'
    | 'unreachable'
    | 'timeout'
    | 'redirected'
    | 'unexpected';
  /** The address asked, what was found (an issuer, a list, a Location, a cause, a dialect), an HTTP
   * status, the bank's error code. */
  url?: string;
  value?: string;
  status?: number;
  code?: string;
}

/** One step of a profile test, in the order they run; a failed step skips the ones after it. */
export interface ProfileCheck {
  /** discovery: the issuer publishes metadata naming itself; pkce: S256 and the code grant are
   * offered; api: each API base refuses a request without a token (401); dialect: that refusal is
   * in the profile's API dialect; key-binding: whether the bank binds tokens to the app's key (DPoP)
   * or links get bearer tokens (never a failure). */
  check: 'discovery' | 'pkce' | 'api' | 'dialect' | 'key-binding';
  ok: boolean;
  /** What was found, in English, for the QA report and the log. */
  detail?: string;
  finding?: ProfileFinding;
}

export interface ProfileTestResult {
  ok: boolean;
  checks: ProfileCheck[];
}

export interface ProfilesResults {
  'profiles:save': BankProfileView;
  'profiles:delete': { deleted: boolean };
  'profiles:test': ProfileTestResult;
}
