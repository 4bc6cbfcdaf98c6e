import {
  IPC_ARGS,
  isIpcChannel,
  type AppCoreHandlers,
  type IpcChannel,
  type IpcResult,
} from '../shared/ipc/contract.ts';
import { AppError, toAppErrorInfo } from '../shared/app-errors.ts';
import { log } from './log/logger.ts';

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
    log.warn('ipc.refused', { errorCode: 'INVALID_ARGUMENT', detail: 'unknown channel' });
    return { ok: false, error: { code: 'INVALID_ARGUMENT', detail: 'unknown channel' } };
  }
  const parsed = IPC_ARGS[channel].safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    log.warn('ipc.refused', { channel, errorCode: 'INVALID_ARGUMENT', detail: `${where}${issue?.message}` });
    return {
      ok: false,
      error: { code: 'INVALID_ARGUMENT', detail: `${where}${issue?.message ?? 'invalid'}` },
    };
  }
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) } as IpcResult<IpcChannel>;
  } catch (error) {
    const info = toAppErrorInfo(error);
    // Every coded error with its cause (keytar's message, the bank's answer, the exception), so a
    // user can send the file when something fails; a user's own cancel is not a failure.
    if (info.code !== 'CANCELLED')
      log[error instanceof AppError ? 'warn' : 'error']('ipc.failed', { channel, error: info, cause: error });
    return { ok: false, error: info };
  }
}
