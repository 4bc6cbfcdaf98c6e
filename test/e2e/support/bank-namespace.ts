import type { E2eBankTarget } from './e2e-target.ts';

/** A namespace of the shared bank (`/ns/<name>`): a whole bank of its own, as POST /qa/api/namespaces made it. */
export interface BankNamespace {
  name: string;
  issuer: string;
  qaToken: string;
}

/**
 * The root bank's namespace administration answers this machine, or the admin token when the bank
 * runs elsewhere (E2E_BANK_QA_ADMIN_TOKEN, the bank's BANK_QA_ADMIN_TOKEN).
 */
const adminHeaders = (): Record<string, string> =>
  process.env.E2E_BANK_QA_ADMIN_TOKEN
    ? { authorization: `Bearer ${process.env.E2E_BANK_QA_ADMIN_TOKEN}` }
    : {};

/** Makes a namespace of the shared bank for one Playwright worker. */
export async function createNamespace(bank: E2eBankTarget, name: string): Promise<BankNamespace> {
  const res = await fetch(`${bank.issuer}/qa/api/namespaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...adminHeaders() },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) {
    throw new Error(
      `the bank at ${bank.issuer} made no namespace ${name}: ${res.status} ${await res.text()}`,
    );
  }
  return (await res.json()) as BankNamespace;
}

export async function deleteNamespace(bank: E2eBankTarget, name: string): Promise<void> {
  const res = await fetch(`${bank.issuer}/qa/api/namespaces/${name}`, {
    method: 'DELETE',
    headers: adminHeaders(),
  });
  if (res.status !== 204) throw new Error(`namespace ${name} was not deleted: ${res.status}`);
}
