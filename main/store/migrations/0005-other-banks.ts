/**
 * Step 5: Banks other than the simulator. Accounts: what GMO Aozora sends (branch code, type code,
 * currency; branch, number and holder only for 普通預金 — '' when absent in the NOT NULL columns
 * of step 1), the foreign balance of a 外貨普通預金, whether the bank serves a statement at all,
 * and the next statement sequence number. Profiles: the API dialect, a base per channel (NULL:
 * api_base), and the scopes to ask for with the operations each grants (JSON; NULL: the dialect's).
 */
export const STEP_0005_OTHER_BANKS = `
  ALTER TABLE accounts ADD COLUMN branch_code TEXT;
  ALTER TABLE accounts ADD COLUMN account_type_code TEXT;
  ALTER TABLE accounts ADD COLUMN currency_code TEXT NOT NULL DEFAULT 'JPY';
  ALTER TABLE accounts ADD COLUMN foreign_balance TEXT;
  ALTER TABLE accounts ADD COLUMN serves_statements INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE accounts ADD COLUMN next_seq INTEGER NOT NULL DEFAULT 1;

  ALTER TABLE bank_profiles ADD COLUMN dialect TEXT NOT NULL DEFAULT 'bankdemo';
  ALTER TABLE bank_profiles ADD COLUMN api_base_personal TEXT;
  ALTER TABLE bank_profiles ADD COLUMN api_base_corporate TEXT;
  ALTER TABLE bank_profiles ADD COLUMN scopes TEXT;
  `;
