import crypto from 'node:crypto';
import { AppError } from '../../shared/app-errors.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import type { BankProfileInput, BankProfileView, ScopeGrant } from '../../shared/ipc/contract.ts';
import { DIALECT_SCOPES, type BankProfile } from '../bank-profiles.ts';
import type { AppDatabase } from './app-database.ts';
import type { ConnectionStore } from './connection-store.ts';

interface ProfileRow {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  api_base: string;
  dialect: ApiDialect;
  api_base_personal: string | null;
  api_base_corporate: string | null;
  scopes: string | null;
}

const toProfile = (row: ProfileRow): BankProfile => ({
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.client_id,
  apiBase: row.api_base,
  dialect: row.dialect,
  ...(row.api_base_personal ? { apiBasePersonal: row.api_base_personal } : {}),
  ...(row.api_base_corporate ? { apiBaseCorporate: row.api_base_corporate } : {}),
  scopes: row.scopes ? (JSON.parse(row.scopes) as ScopeGrant[]) : DIALECT_SCOPES[row.dialect],
  local: false,
});

/** Where a profile points: what a link through it depends on. */
const addressOf = (
  p: Pick<BankProfile, 'issuer' | 'clientId' | 'apiBase' | 'dialect'> & Partial<BankProfile>,
) =>
  JSON.stringify([
    p.issuer,
    p.clientId,
    p.apiBase,
    p.dialect,
    p.apiBasePersonal ?? null,
    p.apiBaseCorporate ?? null,
  ]);

/**
 * The `bank_profiles` table: the banks the app can link to — the built-in one (it ships with the
 * app, always first, never changed) and those the user added on the 設定 screen. A profile that a
 * connection still refers to — active, waiting for 再連携, or disconnected with its data kept —
 * keeps where it points (the link and its data belong to that bank) and cannot be deleted; it may
 * be renamed, and its connections then show the new name (the connection store renames them).
 */
export class ProfileStore {
  private readonly db: AppDatabase;
  private readonly builtIn: BankProfile;
  private readonly connections: ConnectionStore;

  constructor(db: AppDatabase, builtIn: BankProfile, connections: ConnectionStore) {
    this.db = db;
    this.builtIn = builtIn;
    this.connections = connections;
  }

  /** The built-in bank first, then the user's in the order they were added. */
  list(): BankProfile[] {
    const rows = this.db.prepare('SELECT * FROM bank_profiles ORDER BY created_at, id').all() as ProfileRow[];
    return [this.builtIn, ...rows.map(toProfile)];
  }

  views(): BankProfileView[] {
    return this.list().map(({ local: _local, ...profile }) => ({
      ...profile,
      builtIn: profile.id === this.builtIn.id,
    }));
  }

  /** Adds a profile (no id) or changes one; the id of a new one is the app's to give. */
  save(input: BankProfileInput & { id?: string | undefined }): BankProfileView {
    const { id, name, issuer, clientId, apiBase } = input;
    const dialect = input.dialect ?? 'bankdemo';
    const values = [
      name,
      issuer,
      clientId,
      apiBase,
      dialect,
      input.apiBasePersonal ?? null,
      input.apiBaseCorporate ?? null,
      input.scopes ? JSON.stringify(input.scopes) : null,
    ];
    if (id === undefined) {
      const newId = `p${crypto.randomBytes(8).toString('hex')}`;
      this.db
        .prepare(
          `INSERT INTO bank_profiles (name, issuer, client_id, api_base, dialect, api_base_personal,
             api_base_corporate, scopes, id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...values, newId, new Date().toISOString());
      return this.view(newId);
    }
    const current = this.existing(id, 'changed');
    if (addressOf(current) !== addressOf({ ...input, dialect }) && this.connections.usesProfile(id)) {
      throw new AppError(
        'PROFILE_IN_USE',
        'a connection links through this profile: only its name can be changed',
      );
    }
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE bank_profiles SET name = ?, issuer = ?, client_id = ?, api_base = ?, dialect = ?,
             api_base_personal = ?, api_base_corporate = ?, scopes = ? WHERE id = ?`,
        )
        .run(...values, id);
      this.connections.renameBank(id, name);
    })();
    return this.view(id);
  }

  delete(id: string): void {
    this.existing(id, 'deleted');
    if (this.connections.usesProfile(id)) {
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

  private view(id: string): BankProfileView {
    return this.views().find((p) => p.id === id)!;
  }
}
