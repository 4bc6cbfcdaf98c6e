import type { Statement } from 'better-sqlite3';
import type { CounterpartyView } from '../../../shared/ipc/books-contract.ts';
import type { SellerRegistration } from '../../../shared/tax-periods.ts';
import type { AppDatabase } from '../app-database.ts';

interface CounterpartyRow {
  id: number;
  name: string;
  registered: 0 | 1 | null;
  invoice_number: string | null;
}

/** What a line's registration needs to know of its 取引先. */
export interface Seller {
  name: string;
  registered: SellerRegistration;
}

const toView = (row: CounterpartyRow, remarks: string[]): CounterpartyView => ({
  id: row.id,
  name: row.name,
  registered: row.registered === null ? null : row.registered === 1,
  ...(row.invoice_number ? { invoiceNumber: row.invoice_number } : {}),
  remarks,
});

/**
 * `book_counterparties` and the remarks that name each (migration 17): which 取引先 a bank line is,
 * and whether it is a registered issuer. The caller checks names and numbers.
 */
export class CounterpartyStore {
  private readonly db: AppDatabase;
  /** Asked for every queue line and every registered line: prepared once. */
  private readonly byNameRow: Statement;
  private readonly byRemarksRow: Statement;

  constructor(db: AppDatabase) {
    this.db = db;
    this.byNameRow = db.prepare('SELECT * FROM book_counterparties WHERE name = ?');
    this.byRemarksRow = db.prepare(
      `SELECT c.* FROM book_counterparty_remarks r JOIN book_counterparties c ON c.id = r.counterparty_id
       WHERE r.remarks_folded = ?`,
    );
  }

  list(): CounterpartyView[] {
    const rows = this.db
      .prepare('SELECT * FROM book_counterparties ORDER BY name')
      .all() as CounterpartyRow[];
    const remarks = new Map<number, string[]>();
    for (const r of this.db
      .prepare(
        'SELECT counterparty_id AS id, remarks_folded AS folded FROM book_counterparty_remarks ORDER BY 2',
      )
      .all() as { id: number; folded: string }[])
      remarks.set(r.id, [...(remarks.get(r.id) ?? []), r.folded]);
    return rows.map((row) => toView(row, remarks.get(row.id) ?? []));
  }

  get(id: number): CounterpartyView | undefined {
    return this.list().find((c) => c.id === id);
  }

  byName(name: string): CounterpartyView | undefined {
    return this.list().find((c) => c.name === name);
  }

  /**
   * The seller of a line: the 取引先 named on its entry if one by that name is known, else the one
   * its folded remarks were learned for; undefined when neither is known.
   */
  sellerOf(name: string, remarksFolded: string): Seller | undefined {
    const row = (this.byNameRow.get(name) ?? this.byRemarksRow.get(remarksFolded)) as
      CounterpartyRow | undefined;
    if (!row) return undefined;
    return { name: row.name, registered: row.registered === null ? null : row.registered === 1 };
  }

  /** Learns that `remarksFolded` names `name` (added, 未確認, when new); the caller's transaction. */
  learn(name: string, remarksFolded: string, at: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO book_counterparties (name, created_at) VALUES (?, ?)')
      .run(name, at);
    this.db
      .prepare(
        `INSERT OR REPLACE INTO book_counterparty_remarks (remarks_folded, counterparty_id)
         SELECT ?, id FROM book_counterparties WHERE name = ?`,
      )
      .run(remarksFolded, name);
  }

  add(input: { name: string; registered: boolean | null; invoiceNumber?: string }, at: string): number {
    const { id } = this.db
      .prepare(
        `INSERT INTO book_counterparties (name, registered, invoice_number, created_at)
         VALUES (?, ?, ?, ?) RETURNING id`,
      )
      .get(input.name, flag(input.registered), input.invoiceNumber ?? null, at) as { id: number };
    return id;
  }

  update(id: number, input: { name: string; registered: boolean | null; invoiceNumber?: string }): boolean {
    return (
      this.db
        .prepare('UPDATE book_counterparties SET name = ?, registered = ?, invoice_number = ? WHERE id = ?')
        .run(input.name, flag(input.registered), input.invoiceNumber ?? null, id).changes === 1
    );
  }
}

const flag = (registered: boolean | null): 0 | 1 | null => (registered === null ? null : registered ? 1 : 0);
