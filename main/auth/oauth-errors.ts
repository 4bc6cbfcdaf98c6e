import * as oauth from 'openid-client';
import { AppError } from '../../shared/app-errors.ts';

/**
 * What an openid-client failure means to the user. The bank's own "no" (access_denied from キャンセル)
 * is CANCELLED; anything that fails a check — wrong state, a foreign iss, a refused code — is
 * AUTH_REJECTED; a bank that cannot be reached is BANK_UNAVAILABLE.
 */
export function toAuthAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? new AppError('CANCELLED', 'the customer cancelled at the bank')
      : new AppError('AUTH_REJECTED', `the bank answered ${error.error}`, { cause: error });
  }
  if (error instanceof oauth.ResponseBodyError) {
    return new AppError('AUTH_REJECTED', `the token endpoint answered ${error.error}`, { cause: error });
  }
  if (error instanceof oauth.ClientError) {
    return new AppError('AUTH_REJECTED', `the authorization response failed a check: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof TypeError) {
    return new AppError('BANK_UNAVAILABLE', `the bank could not be reached: ${error.message}`, {
      cause: error,
    });
  }
  return new AppError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
}

/** A refresh the bank answered invalid_grant: the link expired or was revoked. */
export const isInvalidGrant = (error: unknown): boolean =>
  error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant';
