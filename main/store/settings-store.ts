import type { Language } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';

export interface StoredSettings {
  language: Language;
  /** 0 = sync only at launch and on demand. */
  syncIntervalMinutes: number;
  /** The month (1–12) the fiscal year starts in; 1 = the calendar year (migration 14). */
  fiscalYearStartMonth: number;
}

/**
 * The 設定 screen's choices, one row in the ledger (migration 3 creates it with the defaults: 日本語,
 * every 15 minutes), so they outlive a restart with the rest of the user's data.
 */
export class SettingsStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  get(): StoredSettings {
    return this.db
      .prepare(
        `SELECT language, sync_interval_minutes AS syncIntervalMinutes,
           fiscal_year_start_month AS fiscalYearStartMonth FROM settings WHERE id = 1`,
      )
      .get() as StoredSettings;
  }

  /** Changes only what is given; returns the settings as they now are. */
  update(changes: Partial<StoredSettings>): StoredSettings {
    this.db
      .prepare(
        `UPDATE settings SET language = coalesce(?, language),
           sync_interval_minutes = coalesce(?, sync_interval_minutes),
           fiscal_year_start_month = coalesce(?, fiscal_year_start_month) WHERE id = 1`,
      )
      .run(
        changes.language ?? null,
        changes.syncIntervalMinutes ?? null,
        changes.fiscalYearStartMonth ?? null,
      );
    return this.get();
  }
}
