import type { AppErrorInfo } from '../../shared/app-errors.ts';
import type { AppEvent, IpcArgs, IpcChannel, IpcResults } from '../../shared/ipc/contract.ts';

/** A coded error from the core, thrown so components can `try` a call and show its code's words. */
class CoreError extends Error {
  readonly info: AppErrorInfo;
  constructor(info: AppErrorInfo) {
    super(info.code);
    this.info = info;
  }
}

/** Calls the core through `window.bankdemo`; a coded answer becomes a CoreError. */
export async function call<C extends IpcChannel>(channel: C, args: IpcArgs[C]): Promise<IpcResults[C]> {
  const result = await window.bankdemo.invoke(channel, args);
  if (!result.ok) throw new CoreError(result.error);
  return result.value as IpcResults[C];
}

export function subscribe(listener: (event: AppEvent) => void): () => void {
  return window.bankdemo.subscribe(listener);
}

export function errorInfo(error: unknown): AppErrorInfo {
  return error instanceof CoreError ? error.info : { code: 'INTERNAL' };
}
