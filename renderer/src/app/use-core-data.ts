import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AccountGroup,
  AccountView,
  AppInfo,
  AppSettings,
  ConnectionView,
} from '../../../shared/ipc/contract.ts';
import { call, subscribe } from '../bridge.ts';
import { applyLanguage } from '../i18n/setup.ts';

/** A bank the user can link to, as the connect dialog lists it. */
export interface ProfileChoice {
  id: string;
  name: string;
}

export interface CoreData {
  /** False until the first answer: the screens show no empty state before they know. */
  loaded: boolean;
  connections: ConnectionView[];
  accounts: AccountView[];
  /** The accounts by link, each with its customer and total (口座, and the 明細 account filter). */
  groups: AccountGroup[];
  settings: AppSettings | undefined;
  profiles: ProfileChoice[];
  /** Grows whenever the ledger may have changed, so views that page through it start over. */
  dataVersion: number;
  reload(): Promise<void>;
  setSettings(settings: AppSettings): void;
}

/** The lists the screens show, kept current by the core's events. */
export function useCoreData(): CoreData {
  const [loaded, setLoaded] = useState(false);
  const [connections, setConnections] = useState<ConnectionView[]>([]);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [groups, setGroups] = useState<AccountGroup[]>([]);
  const [settings, setSettings] = useState<AppSettings>();
  const [info, setInfo] = useState<AppInfo>();
  const [dataVersion, setDataVersion] = useState(0);
  const known = useRef(new Set<string>());

  const reload = useCallback(async () => {
    const [c, a, g] = await Promise.all([
      call('connections:list', undefined),
      call('accounts:list', undefined),
      call('accounts:groups-list', undefined),
    ]);
    setConnections(c);
    setAccounts(a);
    setGroups(g);
    known.current = new Set(a.map((account) => account.id));
    setDataVersion((v) => v + 1);
    setLoaded(true);
  }, []);

  useEffect(() => {
    void reload().catch(() => setLoaded(true));
    void call('app:info-get', undefined).then(setInfo, () => {});
    call('settings:get', undefined).then(
      (s) => {
        setSettings(s);
        void applyLanguage(s.language);
      },
      () => {},
    );
    return subscribe((event) => {
      if (event.type === 'connections:changed' || event.type === 'sync:finished')
        void reload().catch(() => {});
      // A first sync brings accounts the lists do not have yet: show them while it runs.
      if (event.type === 'sync:progress' && !known.current.has(event.accountId)) {
        known.current.add(event.accountId);
        void reload().catch(() => {});
      }
    });
  }, [reload]);

  const profiles = settings?.profiles ?? info?.profiles ?? [];
  return {
    loaded,
    connections,
    accounts,
    groups,
    settings,
    profiles: profiles.map(({ id, name }) => ({ id, name })),
    dataVersion,
    reload,
    setSettings,
  };
}
