import crypto from 'node:crypto';
import { AppError } from '../../shared/app-errors.ts';
import type { BankProfileInput, BankProfileView } from '../../shared/ipc/contract.ts';
import type { BankProfile } from '../bank-profiles.ts';
import type { LedgerDatabase } from '../ledger/ledger-database.ts';

interface ProfileRow {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  api_base: string;
}

const toProfile = (row: ProfileRow): BankProfile => ({
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.client_id,
  apiBase: row.api_base,
  local: false,
});

/**
 * The banks the app can link to: the built-in one (it ships with the app, always first, never
 * changed) and those the user added on the 設定 screen, kept in the ledger. A profile that a
 * connection still refers to — active, waiting for 再連携, or disconnected with its data kept —
 * keeps its issuer, client id and API base (the link and its data belong to that bank) and cannot
 * be deleted; it may be renamed.
 */
export class ProfileStore {
  private readonly db: LedgerDatabase;
  private readonly builtIn: BankProfile;

  constructor(db: LedgerDatabase, builtIn: BankProfile) {
    this.db = db;
    this.builtIn = builtIn;
  }

  /** The built-in bank first, then the user's in the order they were added. */
  list(): BankProfile[] {
    const rows = this.db.prepare('SELECT * FROM bank_profiles ORDER BY created_at, id').all() as ProfileRow[];
    return [this.builtIn, ...rows.map(toProfile)];
  }

  views(): BankProfileView[] {
    return this.list().map(({ id, name, issuer, clientId, apiBase }) => ({
      id,
      name,
      issuer,
      clientId,
      apiBase,
      builtIn: id === this.builtIn.id,
    }));
  }

  /** Adds a profile (no id) or changes one; the id of a new one is the app's to give. */
  save(input: BankProfileInput & { id?: string | undefined }): BankProfileView {
    const { id, name, issuer, clientId, apiBase } = input;
    if (id === undefined) {
      const newId = `p${crypto.randomBytes(8).toString('hex')}`;
      this.db
        .prepare(
          'INSERT INTO bank_profiles (id, name, issuer, client_id, api_base, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(newId, name, issuer, clientId, apiBase, new Date().toISOString());
      return this.view(newId);
    }
    const current = this.existing(id, 'changed');
    const repointed =
      current.issuer !== issuer || current.clientId !== clientId || current.apiBase !== apiBase;
    if (repointed && this.inUse(id)) {
      throw new AppError(
        'PROFILE_IN_USE',
        'a connection links through this profile: only its name can be changed',
      );
    }
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE bank_profiles SET name = ?, issuer = ?, client_id = ?, api_base = ? WHERE id = ?')
        .run(name, issuer, clientId, apiBase, id);
      // The 口座 and 連携 screens show the bank by the name the user now gives it.
      this.db.prepare('UPDATE connections SET bank_name = ? WHERE profile_id = ?').run(name, id);
    })();
    return this.view(id);
  }

  delete(id: string): void {
    this.existing(id, 'deleted');
    if (this.inUse(id)) {
      throw new AppError('PROFILE_IN_USE', 'a connection links through this profile (or keeps its data)');
    }
    this.db.prepare('DELETE FROM bank_profiles WHERE id = ?').run(id);
  }

  private existing(id: string, verb: string): BankProfile {
    if (id === this.builtIn.id) throw new AppError('INVALID_ARGUMENT', `the built-in bank cannot be ${verb}`);
    const row = this.db.prepare('SELECT * FROM bank_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `no bank profile ${id}`);
    return toProfile(row);
  }

  private inUse(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM connections WHERE profile_id = ? LIMIT 1').get(id) !== undefined;
  }

  private view(id: string): BankProfileView {
    return this.views().find((p) => p.id === id)!;
  }
}
