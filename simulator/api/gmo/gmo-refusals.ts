import type { ApiErrorCode } from '../../../shared/bank/api-types.ts';
import type { ApiFailure } from '../api-errors.ts';
import { GMO_ERROR_CODES as CODE, type GmoErrorResponse } from './gmo-schema.ts';

/**
 * How each refusal of the shared API core is written in GMO's dialect: GMO's status, code and a
 * Japanese message (GMO's messages are Japanese only). Table-driven: one row per core code.
 */
const GMO_REFUSALS: Record<ApiErrorCode, { status: number; errorCode: string; message: string }> = {
  INVALID_PARAMETER: {
    status: 400,
    errorCode: CODE.validation,
    message: 'リクエストの値が正しくありません。',
  },
  INVALID_NEXT_ITEM_KEY: {
    status: 400,
    errorCode: CODE.validation,
    message: '次明細キーが正しくありません。前回の応答の値を指定してください。',
  },
  // Another customer's account, or one not shared: a validation error, as for an account that is not there.
  ACCOUNT_NOT_FOUND: { status: 400, errorCode: CODE.validation, message: '口座IDが正しくありません。' },
  TOKEN_REQUIRED: { status: 401, errorCode: CODE.token, message: 'アクセストークンが指定されていません。' },
  INVALID_TOKEN: { status: 401, errorCode: CODE.token, message: 'アクセストークンが無効です。' },
  LINK_EXPIRED: {
    status: 401,
    errorCode: CODE.token,
    message: '認可の有効期限が切れたか、解除されました。再度認可してください。',
  },
  INSUFFICIENT_SCOPE: { status: 403, errorCode: CODE.scope, message: 'この操作は認可されていません。' },
  NOT_FOUND: { status: 404, errorCode: CODE.noSuchOperation, message: '指定されたAPIは存在しません。' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    errorCode: CODE.noSuchOperation,
    message: 'このメソッドは使用できません。',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    errorCode: CODE.tooManyRequests,
    message: 'APIの利用上限を超過しています。',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    errorCode: CODE.unavailable,
    message: 'ただいまサービスを利用できません。しばらくしてから再度お試しください。',
  },
  MAINTENANCE: { status: 503, errorCode: CODE.unavailable, message: 'ただいまメンテナンス中です。' },
  INTERNAL_ERROR: { status: 500, errorCode: CODE.internal, message: 'システムエラーが発生しました。' },
};

/** The parameter a validation refusal names, kept for the developer reading the message. */
const detailOf = (failure: ApiFailure): string => /\(([^()]*)\)$/.exec(failure.message)?.[1] ?? '';

export function gmoRefusal(failure: ApiFailure): {
  status: number;
  body: GmoErrorResponse;
  headers: Record<string, string>;
} {
  const row = GMO_REFUSALS[failure.code];
  const detail = failure.status === 400 ? detailOf(failure) : '';
  // GMO documents no WWW-Authenticate challenge; Retry-After and Allow are kept.
  const headers = Object.fromEntries(
    Object.entries(failure.headers).filter(([name]) => name !== 'WWW-Authenticate'),
  );
  return {
    status: row.status,
    body: { errorCode: row.errorCode, errorMessage: detail ? `${row.message}（${detail}）` : row.message },
    headers,
  };
}
