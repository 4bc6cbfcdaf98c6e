import {
  IPC_ARGS,
  isIpcChannel,
  type AppCoreHandlers,
  type IpcChannel,
  type IpcResult,
} from '../shared/ipc/contract.ts';
import { AppError, toAppErrorInfo } from '../shared/app-errors.ts';

/**
 * The boundary both shells call with whatever arrived (Electron IPC or the browser shell's HTTP
 * body): an unknown channel or arguments that fail the contract's schema get INVALID_ARGUMENT,
 * and anything the core throws comes back as a coded value, never as an exception.
 */
export async function dispatch(
  handlers: AppCoreHandlers,
  channel: unknown,
  rawArgs: unknown,
): Promise<IpcResult<IpcChannel>> {
  if (!isIpcChannel(channel)) {
    return { ok: false, error: { code: 'INVALID_ARGUMENT', detail: 'unknown channel' } };
  }
  const parsed = IPC_ARGS[channel].safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return {
      ok: false,
      error: { code: 'INVALID_ARGUMENT', detail: `${where}${issue?.message ?? 'invalid'}` },
    };
  }
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) } as IpcResult<IpcChannel>;
  } catch (error) {
    if (!(error instanceof AppError)) console.error(`[core] ${channel} failed:`, error);
    return { ok: false, error: toAppErrorInfo(error) };
  }
}
