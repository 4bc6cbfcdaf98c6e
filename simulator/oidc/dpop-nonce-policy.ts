/**
 * Whether the token endpoint requires a `DPoP-Nonce` in every proof (RFC 9449 §8). On by default;
 * the QA API turns it off (and on again) for a test that wants the plain proof path.
 */
export interface DpopNoncePolicy {
  required: boolean;
}

export const createDpopNoncePolicy = (): DpopNoncePolicy => ({ required: true });
