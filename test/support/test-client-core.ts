import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import type { IpcChannel, IpcResults } from '../../shared/ipc/contract.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';
import type { AppErrorInfo } from '../../shared/app-errors.ts';
import { dispatch } from '../../main/ipc-dispatch.ts';
import type { BankAddress } from './consent-flow.ts';
import { testBankProfile } from './test-bank-profile.ts';

/**
 * The desktop app's core under Node, as a test uses it: a real ledger in a temporary folder, the
 * real OS keyring (under its own service name, so tests never touch a user's `bankdemo` entries),
 * and the system browser replaced by whatever the test does with the URL the core opens.
 */
export interface TestCore {
  core: AppCore;
  dataDir: string;
  vault: KeytarVault;
  keychainService: string;
  events: AppEvent[];
  /** Calls a channel through the same validating dispatcher the shells use; throws the coded error. */
  call<C extends IpcChannel>(channel: C, args?: unknown): Promise<IpcResults[C]>;
  /** Restarts the core on the same data and keyring, as quitting and reopening the app does. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export class CodedError extends Error {
  readonly code: string;
  /** The whole error as the core answered it (its customers, retry time…). */
  readonly info: AppErrorInfo | undefined;
  constructor(code: string, detail?: string, info?: AppErrorInfo) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.code = code;
    this.info = info;
  }
}

export interface TestCoreOptions {
  openExternal(url: string): Promise<void>;
  connectTimeoutMs?: number;
  dataDir?: string;
  keychainService?: string;
  /** The dialect the built-in bank's API speaks: `gmo-aozora` for a simulator with BANK_API_DIALECT=gmo. */
  dialect?: ApiDialect;
}

export async function startTestCore(bank: BankAddress, options: TestCoreOptions): Promise<TestCore> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-client-'));
  const keychainService = options.keychainService ?? `bankdemo-test-${crypto.randomBytes(4).toString('hex')}`;
  const vault = new KeytarVault(keychainService);
  const events: AppEvent[] = [];
  const coreOptions: AppCoreOptions = {
    dataDir,
    shell: 'browser',
    openExternal: (url) => options.openExternal(url),
    vault,
    builtInProfile: testBankProfile(bank, options.dialect),
    syncIntervalMs: 0,
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  };
  const open = async () => {
    const core = await createAppCore(coreOptions);
    core.onEvent((event) => events.push(event));
    return core;
  };
  const testCore: TestCore = {
    core: await open(),
    dataDir,
    vault,
    keychainService,
    events,
    async call(channel, args) {
      const result = await dispatch(testCore.core.handlers, channel, args);
      if (!result.ok) throw new CodedError(result.error.code, result.error.detail, result.error);
      return result.value as IpcResults[typeof channel];
    },
    async restart() {
      await testCore.core.close();
      testCore.core = await open();
    },
    async dispose() {
      await testCore.core.close();
      for (const { account } of await keytar.findCredentials(keychainService)) {
        await keytar.deletePassword(keychainService, account);
      }
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testCore;
}
