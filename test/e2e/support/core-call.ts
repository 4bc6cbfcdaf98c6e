import type { Page } from '@playwright/test';
import type { JournalEntryView, JournalLine, QueueLine } from '../../../shared/ipc/books-contract.ts';
import type { IpcResults } from '../../../shared/ipc/contract.ts';

/**
 * Asks the app's core, through the same bridge the renderer uses (window.bankdemo): what the UI
 * shows, read from where the UI reads it. A refusal fails the test with the coded error.
 */
export async function core<C extends keyof IpcResults>(
  page: Page,
  channel: C,
  args: unknown,
): Promise<IpcResults[C]> {
  return page.evaluate(
    async ([c, a]) => {
      const result = await (
        globalThis as unknown as {
          bankdemo: { invoke(c: string, a: unknown): Promise<{ ok: boolean; value: unknown }> };
        }
      ).bankdemo.invoke(c, a);
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.value;
    },
    [channel, args] as const,
  ) as Promise<IpcResults[C]>;
}

/** The journal entry a 仕訳待ち line was registered as, read back from the core. */
export async function entryOfLine(page: Page, line: QueueLine): Promise<JournalEntryView> {
  const registered = await core(page, 'books:queue-query', { status: 'registered', limit: 500 });
  const booked = registered.rows.find((r) => r.itemKey === line.itemKey && r.accountId === line.accountId)!;
  const entries = await core(page, 'books:entries-query', { limit: 1000 });
  return entries.rows.find((e) => e.id === booked.entryId)!;
}

/**
 * The 預金 side a bank line's entry carries: its account's title (普通預金 or 当座預金, as the chart
 * maps the account), the account as 補助科目, the line's amount.
 */
export async function bankSide(page: Page, line: QueueLine, side: JournalLine['side']): Promise<JournalLine> {
  const { titles } = await core(page, 'books:chart-get', undefined);
  const title = titles.find((t) => t.bankAccounts.some((b) => b.name === line.accountLabel))!;
  return { side, titleCode: title.code, subTitle: line.accountLabel, taxCode: 'none', amount: line.amount };
}
