import { z } from 'zod';

/** The argument pieces every domain's contract checks alike. */

export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id the app gave out');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
/** Integer yen, never negative (a direction says which way the money went). */
export const yen = z.number().int().min(0).max(1e13);
