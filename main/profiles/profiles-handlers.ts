import type { AppEvent, DomainHandlers } from '../../shared/ipc/contract.ts';
import type { ProfileStore } from '../store/profile-store.ts';
import { checkBankProfile } from './profile-check.ts';

/** The `profiles:` channels: the user's bank profiles, and 接続テスト. */
export function profilesHandlers(
  profiles: ProfileStore,
  emit: (event: AppEvent) => void,
): DomainHandlers<'profiles'> {
  return {
    'profiles:save': async (input) => {
      const view = profiles.save(input);
      // A renamed profile renames its connections' bank on the 連携 and 口座 screens.
      emit({ type: 'connections:changed' });
      return view;
    },
    'profiles:delete': async ({ profileId }) => {
      profiles.delete(profileId);
      return { deleted: true };
    },
    'profiles:test': async (target) => checkBankProfile(target),
  };
}
