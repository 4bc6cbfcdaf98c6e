import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { desktopLinks, qaHeaders, qaPost, type QaLink } from '../../support/test-bank.ts';

export type { QaLink };

/** A fault the bank's API plays on its next calls, as POST /qa/api/faults takes it. */
export type QaFault = { status: 429 | 503 | 500; count?: number; retryAfter?: number };

interface QaUser {
  loginId: string;
  locked: boolean;
  failedAttempts: number;
  accounts: string[];
}

/**
 * The bank's QA API (README "QA console"), as a tester's automation uses it: the root bank's, or a
 * namespace's (`/ns/<name>`, with its QA token). A one-time password is good once per customer of
 * that bank, so the codes used are remembered in a file per bank (a worker restarted after a failed
 * test must not reuse one) and the next code is awaited when the current one was used. Each e2e
 * worker has a namespace of its own, so no other worker uses its customers' codes.
 */
export class QaApi {
  readonly issuer: string;
  /** Set for a namespace (its QA API answers its own token only); unset for the root bank. */
  readonly qaToken: string | undefined;
  private readonly usedCodesFile: string;

  constructor(bank: { issuer: string; qaToken?: string }, usedCodesFile: string) {
    this.issuer = bank.issuer;
    this.qaToken = bank.qaToken;
    this.usedCodesFile = usedCodesFile;
  }

  private async get<T>(pathname: string): Promise<T> {
    const res = await fetch(`${this.issuer}${pathname}`, { headers: qaHeaders(this) });
    if (!res.ok) throw new Error(`QA API GET ${pathname} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  private async post<T>(pathname: string, body: unknown = {}): Promise<T> {
    const res = await qaPost(this, pathname, body);
    if (!res.ok) throw new Error(`QA API POST ${pathname} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  private usedCodes(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.usedCodesFile, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  /** A one-time password of this personal user that this run has not used yet (waits up to 30 s). */
  async freshOtp(loginId: string): Promise<string> {
    const used = this.usedCodes()[loginId];
    let code = '';
    await expect
      .poll(
        async () => {
          code = (await this.get<{ code: string }>(`/qa/api/otp/${loginId}`)).code;
          return code;
        },
        { message: `the next one-time password of ${loginId}`, timeout: 35_000, intervals: [1_000] },
      )
      .not.toBe(used);
    fs.mkdirSync(path.dirname(this.usedCodesFile), { recursive: true });
    fs.writeFileSync(this.usedCodesFile, JSON.stringify({ ...this.usedCodes(), [loginId]: code }));
    return code;
  }

  async user(loginId: string): Promise<QaUser> {
    const { users } = await this.get<{ users: QaUser[] }>('/qa/api/users');
    const user = users.find((u) => u.loginId === loginId);
    if (!user) throw new Error(`the bank has no test user ${loginId}`);
    return user;
  }

  /**
   * Books `count` deposits dated today on the customer's first account, as new business arriving at
   * the bank: a sync that completes brings exactly these rows into the app.
   */
  async bookDeposits(loginId: string, count: number): Promise<void> {
    const accountId = (await this.user(loginId)).accounts[0];
    if (!accountId) throw new Error(`${loginId} has no account`);
    const items = Array.from({ length: count }, (_, i) => ({
      transactionType: '1',
      amount: 1000 * (i + 1),
      remarks: 'ﾌﾘｺﾐ E2E ﾃｽﾄ',
    }));
    await this.post(`/qa/api/accounts/${accountId}/transactions`, { items });
  }

  /** Books these lines dated today on the customer's `index`-th account (0: the first). */
  async bookLines(
    loginId: string,
    index: number,
    items: { transactionType: '1' | '2'; amount: number; remarks: string }[],
  ): Promise<void> {
    const accountId = (await this.user(loginId)).accounts[index];
    if (!accountId) throw new Error(`${loginId} has no account ${index}`);
    await this.post(`/qa/api/accounts/${accountId}/transactions`, { items });
  }

  async unlock(loginId: string): Promise<void> {
    await this.post(`/qa/api/users/${loginId}/unlock`);
  }

  /** The bank's links of this customer with the desktop app, newest last. */
  async appLinks(loginId: string): Promise<QaLink[]> {
    return desktopLinks(this, loginId);
  }

  async newestAppLink(loginId: string): Promise<QaLink> {
    const link = (await this.appLinks(loginId)).at(-1);
    if (!link) throw new Error(`the bank has no link of ${loginId} with the desktop app`);
    return link;
  }

  /** Ends the link as if its 90 days had passed. */
  async expireLink(linkId: string): Promise<QaLink> {
    return (await this.post<{ link: QaLink }>(`/qa/api/links/${linkId}/expire`)).link;
  }

  /** Moves the link's end to now + `days` days (まもなく期限切れ from 14 days ahead). */
  async expireLinkIn(linkId: string, days: number): Promise<QaLink> {
    return (await this.post<{ link: QaLink }>(`/qa/api/links/${linkId}/expire-in`, { days })).link;
  }

  async scheduleFault(fault: QaFault): Promise<void> {
    await this.post('/qa/api/faults', fault);
  }

  async clearFaults(): Promise<void> {
    const res = await fetch(`${this.issuer}/qa/api/faults`, { method: 'DELETE', headers: qaHeaders(this) });
    if (!res.ok) throw new Error(`QA API DELETE /qa/api/faults answered ${res.status}`);
  }

  async pendingFaults(): Promise<unknown[]> {
    return (await this.get<{ faults: unknown[] }>('/qa/api/faults')).faults;
  }
}
