import type { AppSettings, DomainHandlers } from '../../shared/ipc/contract.ts';
import type { ProfileStore } from '../store/profile-store.ts';
import type { SettingsStore } from '../store/settings-store.ts';

export interface SettingsHandlerDeps {
  settings: SettingsStore;
  profiles: ProfileStore;
  /** The user's interval takes effect at once (the core replaces the running timer). */
  applySyncInterval(minutes: number): void;
}

/** The `settings:` channels: the user's choices, with the bank profiles they choose among. */
export function settingsHandlers({
  settings,
  profiles,
  applySyncInterval,
}: SettingsHandlerDeps): DomainHandlers<'settings'> {
  const current = (): AppSettings => ({ ...settings.get(), profiles: profiles.views() });
  return {
    'settings:get': async () => current(),
    'settings:update': async (changes) => {
      const updated = settings.update(changes);
      if (changes.syncIntervalMinutes !== undefined) applySyncInterval(updated.syncIntervalMinutes);
      return current();
    },
  };
}
