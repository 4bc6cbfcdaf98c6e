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
}

type Row = { spec: string; remaining: number };
const specOf = (row: Row): FaultSpec => ({ ...(JSON.parse(row.spec) as FaultSpec), count: row.remaining });

export function createFaultInjector(sql: SqlPort): FaultInjector {
  return {
    async schedule(spec) {
      await sql.run('INSERT INTO fault_queue (spec, remaining) VALUES (?, ?)', [
        JSON.stringify(spec),
        spec.count,
      ]);
    },

    async take() {
      // One statement, so two calls on two processes never meet the same last count twice.
      const row = await sql.get<Row>(
        `UPDATE fault_queue SET remaining = remaining - 1
         WHERE id = (SELECT MIN(id) FROM fault_queue WHERE remaining > 0) AND remaining > 0
         RETURNING spec, remaining`,
      );
      if (!row) return undefined;
      if (row.remaining <= 0) await sql.run('DELETE FROM fault_queue WHERE remaining <= 0');
      return specOf(row);
    },

    async pending() {
      return (
        await sql.all<Row>('SELECT spec, remaining FROM fault_queue WHERE remaining > 0 ORDER BY id')
      ).map(specOf);
    },

    async clear() {
      await sql.run('DELETE FROM fault_queue');
    },

    async maintenance() {
      const row = await sql.get<{ value: string }>("SELECT value FROM bank_flags WHERE name = 'maintenance'");
      return row?.value === 'on';
    },

    async setMaintenance(on) {
      await sql.run(
        `INSERT INTO bank_flags (name, value) VALUES ('maintenance', ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
        [on ? 'on' : 'off'],
      );
    },
  };
}
