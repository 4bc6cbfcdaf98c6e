/**
 * Step 7: the namespaces (`/ns/<name>`, each a whole bank on its own storage) the root bank serves,
 * listed in the root bank's database so every bank process on it serves the same ones. Only a hash
 * of each namespace's QA token is kept: the token is shown once, when it is made. And the scenario
 * users' marks (a link's last API call, a login whose first one-time password was refused:
 * customers/scenario-users.ts), shared by every bank process.
 */
export const STEP_0007_NAMESPACES = `
  CREATE TABLE bank_namespaces (
    name TEXT PRIMARY KEY,
    qa_token_sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE scenario_marks (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
  `;
