/**
 * Step 7: the namespaces (`/ns/<name>`, each a whole bank on its own storage) the root bank
 * serves, listed in the root bank's database so every bank process on it serves the same ones.
 * Only a hash of each namespace's QA token is kept: the token is shown once, when it is made.
 */
export const STEP_0007_NAMESPACES = `
  CREATE TABLE bank_namespaces (
    name TEXT PRIMARY KEY,
    qa_token_sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `;
