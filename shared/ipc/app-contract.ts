import { z } from 'zod';
import type { DomainChannel } from './channels.ts';

/** The `app:` domain: what the app is and where it keeps its data and its log. */

export const APP_ARGS = {
  'app:info-get': z.undefined(),
} as const satisfies Record<DomainChannel<'app'>, z.ZodType>;

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  dataDir: string;
  /** The core's log (rotated, redacted), for the user to send when something fails. */
  logFile: string;
  profiles: { id: string; name: string; issuer: string }[];
}

export interface AppResults {
  'app:info-get': AppInfo;
}
