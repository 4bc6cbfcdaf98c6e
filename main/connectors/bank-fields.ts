import { z } from 'zod';

/**
 * Field checks both dialects' schemas share: the Japanese banks' API fields have the same names
 * and shapes wherever the dialects agree (デモ信用金庫's API was modelled on GMO Aozora's).
 */
export const signedDigits = z.string().regex(/^-?\d{1,15}$/, 'must be a string of digits');
/** An amount where the dialect publishes digits only: a sign is refused, not stored. */
export const unsignedDigits = z.string().regex(/^\d{1,15}$/, 'must be a string of digits without a sign');
export const isoDate = z.iso.date();
/** `HH:MM` or `HH:MM:SS`, bare or with an offset (GMO: `HH:MM:SS+09:00`). */
export const timeOfDay = z.string().regex(/^\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$/);

/** An account's fields as both dialects name them; optional where a bank leaves them out for some types. */
export const ACCOUNT_FIELDS = {
  branchCode: z.string().max(10).optional(),
  branchName: z.string().max(100).optional(),
  accountTypeCode: z.string().max(4),
  accountTypeName: z.string().max(40),
  accountNumber: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  accountName: z.string().max(200).optional(),
};
