import type { ApiErrorCode } from '../../shared/bank/api-types.ts';
import { DPOP_SIGNING_ALGS } from './dpop-proof.ts';

/** A refusal of an API call: status, coded error, and the WWW-Authenticate challenge where one applies. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ApiErrorCode, detail?: string, headers: Record<string, string> = {}) {
    super(detail ? `${API_ERROR_MESSAGES[code]} (${detail})` : API_ERROR_MESSAGES[code]);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Each code's message, Japanese first, as a partner's support desk would read it. */
const API_ERROR_MESSAGES: Record<ApiErrorCode, string> = {
  INVALID_PARAMETER: 'リクエストのパラメータが正しくありません。 / A request parameter is invalid.',
  INVALID_NEXT_ITEM_KEY:
    'nextItemKey が正しくありません。前回の応答の値を指定してください。 / nextItemKey is not one this API returned for this query.',
  TOKEN_REQUIRED: 'アクセストークンが指定されていません。 / No access token was sent.',
  INVALID_TOKEN:
    'アクセストークンが無効か、有効期限が切れています。 / The access token is invalid or has expired.',
  LINK_EXPIRED:
    '口座連携の有効期限が切れたか、連携が解除されました。再度利用登録してください。 / The account link has expired or was revoked; link again.',
  INSUFFICIENT_SCOPE: 'この操作はお客さまに許可されていません。 / The customer did not allow this operation.',
  ACCOUNT_NOT_FOUND:
    '指定された口座は連携されていません。 / The account does not exist or was not shared with this service.',
  NOT_FOUND: '指定されたAPIは存在しません。 / No such API.',
  METHOD_NOT_ALLOWED: 'このメソッドは使用できません。 / Method not allowed.',
  TOO_MANY_REQUESTS:
    'リクエストが多すぎます。Retry-After の秒数が経ってから再度お試しください。 / Too many requests; retry after the Retry-After seconds.',
  INTERNAL_ERROR: 'システムエラーが発生しました。 / An internal error occurred.',
  SERVICE_UNAVAILABLE:
    'ただいまサービスを利用できません。しばらくしてから再度お試しください。 / The service is temporarily unavailable.',
  MAINTENANCE:
    'ただいまシステムメンテナンス中です。終了後に再度お試しください。 / The bank is under maintenance.',
};

/** Which challenge a refusal carries: Bearer, or DPoP (RFC 9449 §7.1) for a DPoP-bound token or proof. */
export type AuthScheme = 'Bearer' | 'DPoP';

const challenge = (scheme: AuthScheme, attrs: string) => ({
  'WWW-Authenticate':
    scheme === 'DPoP'
      ? `DPoP realm="bankdemo"${attrs}, algs="${DPOP_SIGNING_ALGS.join(' ')}"`
      : `Bearer realm="bankdemo"${attrs}`,
});

export const failures = {
  invalidParameter: (detail: string) => new ApiFailure(400, 'INVALID_PARAMETER', detail),
  invalidNextItemKey: () => new ApiFailure(400, 'INVALID_NEXT_ITEM_KEY'),
  // RFC 6750 §3.1: a request without a token gets the challenge without an error code.
  tokenRequired: () => new ApiFailure(401, 'TOKEN_REQUIRED', undefined, challenge('Bearer', '')),
  invalidToken: (scheme: AuthScheme = 'Bearer', detail?: string) =>
    new ApiFailure(401, 'INVALID_TOKEN', detail, challenge(scheme, ', error="invalid_token"')),
  invalidDpopProof: (detail: string) =>
    new ApiFailure(
      401,
      'INVALID_TOKEN',
      detail,
      challenge('DPoP', `, error="invalid_dpop_proof", error_description="${detail.replace(/["\\]/g, '')}"`),
    ),
  linkExpired: (scheme: AuthScheme = 'Bearer') =>
    new ApiFailure(401, 'LINK_EXPIRED', undefined, challenge(scheme, ', error="invalid_token"')),
  insufficientScope: (scope: string, scheme: AuthScheme = 'Bearer') =>
    new ApiFailure(
      403,
      'INSUFFICIENT_SCOPE',
      scope,
      challenge(scheme, `, error="insufficient_scope", scope="${scope}"`),
    ),
  accountNotFound: () => new ApiFailure(404, 'ACCOUNT_NOT_FOUND'),
  notFound: () => new ApiFailure(404, 'NOT_FOUND'),
  methodNotAllowed: () => new ApiFailure(405, 'METHOD_NOT_ALLOWED', undefined, { Allow: 'GET' }),
  uriTooLong: (limit: number) =>
    new ApiFailure(414, 'INVALID_PARAMETER', `the request URL is longer than ${limit} characters`),
};
