import type { SqlPort } from '../db/sql-port.ts';

/**
 * Faults a tester schedules from the QA console: the next N API calls fail with a status, or are
 * slowed down, or the whole API is in maintenance. Kept in the bank's database, so every bank
 * process on it serves the same faults and a restart keeps them until they are met or cleared.
 */
export type FaultSpec =
  | { kind: 'status'; status: 500 | 503 | 429; count: number; retryAfterSeconds: number }
  | { kind: 'latency'; latencyMs: number; count: number };

export interface FaultInjector {
  schedule(spec: FaultSpec): Promise<void>;
  /** The fault the next API call meets, counting it off; undefined when none is due. */
  take(): Promise<FaultSpec | undefined>;
  pending(): Promise<FaultSpec[]>;
  clear(): Promise<void>;
  maintenance(): Promise<boolean>;
  setMaintenance(on: boolean): Promise<void>;
  /**
   * What the next API call meets: maintenance, else the fault it takes (counted off), else nothing.
   * The API's every call asks, so this is cheap: the answer itself (not a promise) when it is known
   * in memory, else one read, and the counting write only when a fault is pending.
   */
  forNextCall(): NextCall | Promise<NextCall>;
}

export interface NextCall {
  maintenance: boolean;
  fault?: FaultSpec;
}

const NOTHING_DUE: NextCall = Object.freeze({ maintenance: false });

type Row = { spec: string; remaining: number };
/** Both switches in one read-only statement (SQLite and PostgreSQL alike): no write lock is taken. */
const NEXT_CALL = `SELECT (SELECT value FROM bank_flags WHERE name = 'maintenance') AS maintenance,
  CASE WHEN EXISTS (SELECT 1 FROM fault_queue WHERE remaining > 0) THEN 1 ELSE 0 END AS pending`;
const specOf = (row: Row): FaultSpec => ({ ...(JSON.parse(row.spec) as FaultSpec), count: row.remaining });

export function createFaultInjector(sql: SqlPort): FaultInjector {
  /**
   * Where no other process writes the database (`sql.shared` false: one bank process owns the
   * SQLite file, as the token and link caches already assume), a read that found no maintenance
   * and no fault is remembered until this injector writes again — every write to these tables goes
   * through it — so an API call then costs no statement. `writes` tells a read that a write began
   * meanwhile, whose result it must not remember.
   */
  const remember = !sql.shared;
  let quiet = false;
  let writes = 0;
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    writes += 1;
    quiet = false;
    try {
      return await write();
    } finally {
      writes += 1;
      quiet = false;
    }
  };
  const take = async (): Promise<FaultSpec | undefined> => {
    // One statement, so two calls on two processes never meet the same last count twice.
    const row = await sql.get<Row>(
      `UPDATE fault_queue SET remaining = remaining - 1
       WHERE id = (SELECT MIN(id) FROM fault_queue WHERE remaining > 0) AND remaining > 0
       RETURNING spec, remaining`,
    );
    if (!row) return undefined;
    if (row.remaining <= 0) await sql.run('DELETE FROM fault_queue WHERE remaining <= 0');
    return specOf(row);
  };
  const readNextCall = async (): Promise<NextCall> => {
    const before = writes;
    const row = await sql.get<{ maintenance: string | null; pending: number }>(NEXT_CALL);
    if (row?.maintenance === 'on') return { maintenance: true };
    // A fault scheduled by another process after this read is met by the next call, as if it had
    // been scheduled a moment later; take() stays the one atomic claim.
    if (!row?.pending) {
      if (remember && writes === before) quiet = true;
      return NOTHING_DUE;
    }
    const fault = await take();
    return fault ? { maintenance: false, fault } : NOTHING_DUE;
  };
  return {
    async schedule(spec) {
      await writing(() =>
        sql.run('INSERT INTO fault_queue (spec, remaining) VALUES (?, ?)', [
          JSON.stringify(spec),
          spec.count,
        ]),
      );
    },

    take,

    async pending() {
      return (
        await sql.all<Row>('SELECT spec, remaining FROM fault_queue WHERE remaining > 0 ORDER BY id')
      ).map(specOf);
    },

    async clear() {
      await writing(() => sql.run('DELETE FROM fault_queue'));
    },

    async maintenance() {
      const row = await sql.get<{ value: string }>("SELECT value FROM bank_flags WHERE name = 'maintenance'");
      return row?.value === 'on';
    },

    forNextCall: () => (quiet ? NOTHING_DUE : readNextCall()),

    async setMaintenance(on) {
      await writing(() =>
        sql.run(
          `INSERT INTO bank_flags (name, value) VALUES ('maintenance', ?)
           ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
          [on ? 'on' : 'off'],
        ),
      );
    },
  };
}
