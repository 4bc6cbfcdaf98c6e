import type { DomainHandlers } from '../../shared/ipc/contract.ts';
import type { BankProfile } from '../bank-profiles.ts';
import { log, logFileIn } from '../log/logger.ts';

export interface AppHandlerDeps {
  version: string;
  shell: 'electron' | 'browser';
  dataDir: string;
  profiles(): readonly BankProfile[];
}

/** The `app:` channels: what the 設定 screen shows of the app itself. */
export function appHandlers(deps: AppHandlerDeps): DomainHandlers<'app'> {
  return {
    'app:info-get': async () => ({
      version: deps.version,
      shell: deps.shell,
      dataDir: deps.dataDir,
      logFile: log.file() ?? logFileIn(deps.dataDir),
      profiles: deps.profiles().map((p) => ({ id: p.id, name: p.name, issuer: p.issuer })),
    }),
  };
}
