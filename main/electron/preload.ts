/**
 * The preload, in the sandboxed renderer: exposes exactly the IPC contract as `window.bankdemo`.
 * Never ipcRenderer itself — the page can name only the contract's channels, and it gets only
 * event payloads back, never Electron's event objects.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, isIpcChannel } from '../../shared/ipc/channels.ts';
import type { AppEvent, BankdemoBridge } from '../../shared/ipc/contract.ts';

const bridge: BankdemoBridge = {
  invoke(channel, args) {
    if (!isIpcChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'INVALID_ARGUMENT', detail: 'unknown channel' } });
    }
    return ipcRenderer.invoke(ELECTRON_INVOKE_CHANNEL, channel, args);
  },
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(ELECTRON_EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(ELECTRON_EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('bankdemo', bridge);
