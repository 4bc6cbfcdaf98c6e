/**
 * Step 3 on PostgreSQL: holdings (円定期預金, 外貨普通預金), as SQLite's step 3.
 */
export const PG_STEP_0003_HOLDINGS = `
  CREATE TABLE holdings (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    branch_code TEXT NOT NULL,
    branch_name TEXT NOT NULL,
    account_type_code TEXT NOT NULL CHECK (account_type_code IN ('11', '51')),
    account_number TEXT NOT NULL,
    currency_code TEXT NOT NULL,
    balance_minor BIGINT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE INDEX holdings_customer ON holdings (customer_id, position);
  `;
