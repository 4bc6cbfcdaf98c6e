/**
 * Step 17: 取引先 (counterparties) as data — whether each is a 適格請求書発行事業者, which decides
 * the tax category of a purchase from it by date (shared/tax-periods.ts), its registration number
 * (`T` + 13 digits, checked in the core), and the bank remarks that name it, kana-folded as the
 * rules match them (shared/kana.ts), learned when a line is registered with its name. `registered`
 * NULL is 未確認: booked as before, as a registered seller. A remark names one 取引先 (the latest
 * registration wins).
 */
export const STEP_0017_COUNTERPARTIES = `
  CREATE TABLE book_counterparties (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE CHECK (name <> ''),
    registered     INTEGER CHECK (registered IN (0, 1)),
    invoice_number TEXT CHECK (invoice_number GLOB 'T[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    created_at     TEXT NOT NULL
  );
  CREATE TABLE book_counterparty_remarks (
    remarks_folded  TEXT PRIMARY KEY,
    counterparty_id INTEGER NOT NULL REFERENCES book_counterparties (id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX book_counterparty_remarks_by_counterparty ON book_counterparty_remarks (counterparty_id);
`;
