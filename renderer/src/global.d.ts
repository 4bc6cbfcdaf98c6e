import type { BankdemoBridge } from '../../shared/ipc/contract.ts';

declare global {
  interface Window {
    /** The IPC contract: the Electron preload or the browser shell's bridge script defines it. */
    bankdemo: BankdemoBridge;
  }
}
