import { z } from 'zod';
import type { DomainChannel } from './channels.ts';
import type { BankProfileView } from './profiles-contract.ts';

/** The `settings:` domain: the user's choices the core keeps (language, sync interval, fiscal year). */

const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Background sync every N minutes while the app is open; 0 = only at launch and on demand. */
export const SYNC_INTERVAL_CHOICES = [0, 5, 15, 30, 60, 180] as const;

export const SETTINGS_ARGS = {
  'settings:get': z.undefined(),
  'settings:update': z
    .object({
      language: z.enum(LANGUAGES).optional(),
      syncIntervalMinutes: z
        .number()
        .refine((n) => (SYNC_INTERVAL_CHOICES as readonly number[]).includes(n), 'not an offered interval')
        .optional(),
      fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
    })
    .strict(),
} as const satisfies Record<DomainChannel<'settings'>, z.ZodType>;

export interface AppSettings {
  language: Language;
  syncIntervalMinutes: number;
  /** The month (1–12) the fiscal year starts in: the books' exports choose a year by it. */
  fiscalYearStartMonth: number;
  /** The built-in bank first. */
  profiles: BankProfileView[];
}

export interface SettingsResults {
  'settings:get': AppSettings;
  'settings:update': AppSettings;
}
