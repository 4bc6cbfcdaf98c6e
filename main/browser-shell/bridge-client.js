// The browser shell's stand-in for Electron's preload: defines window.bankdemo (the IPC contract's
// BankdemoBridge) over the shell's HTTP bridge. Served as is, before the app's own script; the
// per-run secret travels in an HttpOnly cookie, never in script.
(() => {
  'use strict';
  const listeners = new Set();
  let events;

  const connectEvents = () => {
    events = new EventSource('./bridge/events');
    events.onmessage = (message) => {
      const event = JSON.parse(message.data);
      for (const listener of listeners) listener(event);
    };
  };

  const bridge = {
    async invoke(channel, args) {
      try {
        const res = await fetch('./bridge/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel, args }),
        });
        if (res.status === 403)
          return {
            ok: false,
            error: { code: 'INTERNAL', detail: 'the app page lost its session; reload it' },
          };
        return await res.json();
      } catch {
        return { ok: false, error: { code: 'INTERNAL', detail: 'the app is not running' } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!events) connectEvents();
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(window, 'bankdemo', { value: Object.freeze(bridge), writable: false });
})();
