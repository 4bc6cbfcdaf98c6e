import type { Page } from '@playwright/test';
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
