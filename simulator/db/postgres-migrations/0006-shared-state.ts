/**
 * Step 6 on PostgreSQL: faults and maintenance shared by every bank process, as SQLite's step 6;
 * and the PKI (CA, TLS and client certificates), which on SQLite stays in the data folder's
 * files, kept here so that every process serves the same certificates.
 */
export const PG_STEP_0006_SHARED_STATE = `
  CREATE TABLE fault_queue (
    id BIGSERIAL PRIMARY KEY,
    spec TEXT NOT NULL,
    remaining INTEGER NOT NULL
  );

  CREATE TABLE bank_flags (name TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE pki_material (name TEXT PRIMARY KEY, cert_pem TEXT NOT NULL, key_pem TEXT NOT NULL);
  `;
