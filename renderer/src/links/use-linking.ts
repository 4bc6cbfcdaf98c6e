import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from '../../../shared/bank/oauth.ts';
import { call, subscribe } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { errorInfo } from '../bridge.ts';

/**
 * `choose`: the 個人 / 法人 buttons; `starting`: the core prepares the request; `browser`: the bank's
 * page is open in the system browser (the core said so with connect:waiting) and can be cancelled.
 */
export type LinkPhase = 'choose' | 'starting' | 'browser';
export type LinkDialog =
  { mode: 'connect'; phase: LinkPhase } | { mode: 'relink'; connectionId: string; phase: LinkPhase };

export interface Linking {
  dialog: LinkDialog | undefined;
  open(): void;
  close(): void;
  connect(channel: Channel, profileId?: string): void;
  relink(connectionId: string): void;
  cancel(): void;
}

/**
 * The connect dialog and the link flows behind it. The core's call stays open while the customer
 * is at the bank, so its answer is the end of the wait: the dialog closes, and an error (other
 * than the user's own cancel) is shown with its fix.
 */
export function useLinking(errors: ErrorState, reload: () => Promise<void>): Linking {
  const [dialog, setDialog] = useState<LinkDialog>();
  const cancelledHere = useRef(false);
  const { show, clear } = errors;

  const follow = useCallback(
    async (flow: Promise<unknown>, retry: () => void, connectionId?: string) => {
      cancelledHere.current = false;
      try {
        await flow;
        await reload();
      } catch (error) {
        const info = errorInfo(error);
        if (!(info.code === 'CANCELLED' && cancelledHere.current))
          show(info, connectionId ? { retry, connectionId } : { retry });
      } finally {
        setDialog(undefined);
      }
    },
    [reload, show],
  );

  const open = useCallback(() => {
    clear();
    setDialog({ mode: 'connect', phase: 'choose' });
  }, [clear]);

  const connect = useCallback(
    (channel: Channel, profileId?: string) => {
      clear();
      setDialog({ mode: 'connect', phase: 'starting' });
      // 再試行 runs the same link again (the keychain unlocked, the bank back) without asking twice.
      void follow(call('connections:connect', profileId ? { channel, profileId } : { channel }), () =>
        connect(channel, profileId),
      );
    },
    [clear, follow],
  );

  const relink = useCallback(
    (connectionId: string) => {
      clear();
      setDialog({ mode: 'relink', connectionId, phase: 'starting' });
      void follow(call('connections:relink', { connectionId }), () => relink(connectionId), connectionId);
    },
    [clear, follow],
  );

  const cancel = useCallback(() => {
    cancelledHere.current = true;
    void call('connections:cancel', undefined).catch(() => {});
  }, []);

  useEffect(
    () =>
      subscribe((event) => {
        if (event.type === 'connect:waiting')
          setDialog((open) => (open && open.phase === 'starting' ? { ...open, phase: 'browser' } : open));
      }),
    [],
  );

  const close = useCallback(() => setDialog(undefined), []);
  return { dialog, open, close, connect, relink, cancel };
}
