import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from '../../../shared/bank/oauth.ts';
import type { PendingLinkView } from '../../../shared/ipc/contract.ts';
import { call, errorInfo, subscribe } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';

/**
 * `choose`: the 個人 / 法人 buttons; `starting`: the core prepares the request; `browser`: the bank's
 * page is open in the system browser (the core said so with connect:waiting, or answered
 * connections:pending-get after a reload) — with its address, bank, channel and end time.
 */
type LinkPhase = 'choose' | 'starting' | 'browser';
type LinkDialog =
  | { mode: 'connect'; phase: LinkPhase; pending?: PendingLinkView }
  | { mode: 'relink'; connectionId: string; phase: LinkPhase; pending?: PendingLinkView };

export interface Linking {
  dialog: LinkDialog | undefined;
  open(): void;
  close(): void;
  connect(channel: Channel, profileId?: string): void;
  relink(connectionId: string): void;
  cancel(): void;
  /** Opens the waiting link's address in the system browser again. */
  reopen(): void;
}

const waitingDialog = (pending: PendingLinkView): LinkDialog =>
  pending.mode === 'relink' && pending.connectionId
    ? { mode: 'relink', connectionId: pending.connectionId, phase: 'browser', pending }
    : { mode: 'connect', phase: 'browser', pending };

/**
 * The connect dialog and the link flows behind it. The pending link lives in the core: this page's
 * own call ends its wait when it answers; a wait this page did not start (the window was reloaded
 * mid-link, or a second link met CONNECT_IN_PROGRESS) is found with connections:pending-get and ends
 * with the core's connect:finished event. Either way キャンセル reaches the core.
 */
export function useLinking(errors: ErrorState, reload: () => Promise<void>): Linking {
  const [dialog, setDialog] = useState<LinkDialog>();
  const cancelledHere = useRef(false);
  /** This page's connect/relink call is waiting for its answer. */
  const inFlight = useRef(false);
  const { show, clear } = errors;

  const adoptPending = useCallback(async () => {
    const pending = await call('connections:pending-get', undefined).catch(() => null);
    if (pending) setDialog(waitingDialog(pending));
    return pending;
  }, []);

  const follow = useCallback(
    async (flow: Promise<unknown>, retry: () => void, connectionId?: string) => {
      cancelledHere.current = false;
      inFlight.current = true;
      try {
        await flow;
        await reload();
        setDialog(undefined);
      } catch (error) {
        const info = errorInfo(error);
        // Another link waits: show that one (with its キャンセル) instead of a dead end.
        if (info.code === 'CONNECT_IN_PROGRESS' && (await adoptPending())) return;
        setDialog(undefined);
        if (!(info.code === 'CANCELLED' && cancelledHere.current))
          show(info, connectionId ? { retry, connectionId } : { retry });
      } finally {
        inFlight.current = false;
      }
    },
    [reload, show, adoptPending],
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

  const reopen = useCallback(() => {
    call('connections:reopen', undefined).catch((error: unknown) => show(error));
  }, [show]);

  useEffect(() => {
    void adoptPending();
    return subscribe((event) => {
      if (event.type === 'connect:waiting') setDialog(waitingDialog(event.pending));
      if (event.type !== 'connect:finished' || inFlight.current) return;
      // The end of a wait this page found again after a reload.
      setDialog(undefined);
      void reload();
      if (event.error && !(event.error.code === 'CANCELLED' && cancelledHere.current)) show(event.error);
      cancelledHere.current = false;
    });
  }, [adoptPending, reload, show]);

  const close = useCallback(() => setDialog(undefined), []);
  return { dialog, open, close, connect, relink, cancel, reopen };
}
