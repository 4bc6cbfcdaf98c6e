// The browser shell's stand-in for Electron's preload: defines window.bankdemo (the IPC contract's
// BankdemoBridge) over the shell's HTTP bridge. Served as is, before the app's own script; the
// per-run secret travels in an HttpOnly cookie, never in script.
(() => {
  'use strict';
  const listeners = new Set();
  let events;
  let stopped = false;

  // What the tab says once the Node process behind it has ended (its terminal closed, Ctrl+C): an
  // Electron window goes with its app, a browser tab stays, so it must say so instead of retrying.
  const STOPPED = {
    ja: {
      title: 'アプリは停止しています',
      body: 'このタブのアプリ（npm run start:browser で起動した Node のプロセス）が終了しました。取り込んだ明細や帳簿はそのまま残っています。',
      how: 'もう一度使うには、リポジトリのフォルダーでターミナルから次を実行し、表示された URL を開いてください:',
      url: '表示される URL の例: ',
    },
    en: {
      title: 'The app has stopped',
      body: 'The app behind this tab (the Node process started by npm run start:browser) has ended. The statements and books it imported are kept.',
      how: 'To use it again, run this in a terminal in the repository’s folder, then open the URL it prints:',
      url: 'The URL it prints looks like: ',
    },
  };

  const showStopped = () => {
    if (stopped) return;
    stopped = true;
    events?.close();
    const words = STOPPED[document.documentElement.lang === 'en' ? 'en' : 'ja'];
    const el = (tag, text, attrs = {}) => {
      const node = document.createElement(tag);
      if (text) node.textContent = text;
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
      return node;
    };
    const page = el('main', '', { class: 'app-stopped', 'data-testid': 'app-stopped' });
    page.append(
      el('h1', words.title),
      el('p', words.body),
      el('p', words.how),
      el('pre', 'npm run start:browser'),
      el('p', `${words.url}${location.origin}/?key=…`, { class: 'hint' }),
    );
    document.title = words.title;
    document.body.replaceChildren(page);
  };

  // A network failure, not an HTTP answer: nothing listens on the port any more.
  const appAnswers = async () => {
    try {
      await fetch('./bridge/bridge.js', { cache: 'no-store' });
      return true;
    } catch {
      return false;
    }
  };

  const connectEvents = () => {
    events = new EventSource('./bridge/events');
    events.onmessage = (message) => {
      const event = JSON.parse(message.data);
      for (const listener of listeners) listener(event);
    };
    // The stream drops when the app ends; EventSource would retry every few seconds for ever.
    events.onerror = () => {
      void appAnswers().then((up) => up || showStopped());
    };
  };

  // 明細's page calls go over one WebSocket while it is open: a frame each on a connection already
  // there, where a fetch is a whole request through the browser's network stack (a few
  // milliseconds, and tens while the page is busy) — what a list dragged through 100,000 rows,
  // asking every frame, cannot wait for. Every other call, and these until the socket opens or
  // after it drops, goes as POST /bridge/invoke, one request each, as it always did: a call a user
  // makes now and then gains nothing from the socket, and one (同期, during a whole CI run) once got
  // no answer over it for reasons not found, so the socket carries only what needs it.
  const SOCKET_CHANNELS = new Set(['statements:query']);
  const STOPPED_ANSWER = { ok: false, error: { code: 'APP_STOPPED', detail: 'the app is not running' } };
  const LOST_ANSWER = {
    ok: false,
    error: { code: 'INTERNAL', detail: 'the connection to the app dropped during the call; try again' },
  };
  // A UTF-8 byte is at most three per UTF-16 unit: a message this long surely fits.
  const SURELY_FITS = (64 * 1024) / 3;
  let socket;
  let nextCall = 1;
  const waiting = new Map();
  const openSocket = () => {
    const opening = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/bridge/socket`);
    opening.onopen = () => (socket = opening);
    opening.onmessage = (message) => {
      const { id, result } = JSON.parse(message.data);
      const answer = waiting.get(id);
      waiting.delete(id);
      answer?.(result);
    };
    opening.onclose = () => {
      const wasOpen = socket === opening;
      if (wasOpen) socket = undefined;
      // The calls it carried are lost with it: each is answered, never left hanging.
      const stranded = [...waiting.values()];
      waiting.clear();
      void appAnswers().then((up) => {
        for (const answer of stranded) answer(up ? LOST_ANSWER : STOPPED_ANSWER);
        if (!up) return showStopped();
        // Dropped while the app still runs: a new one. One that never opened was refused (the
        // page lost its session): the calls go over HTTP, which says so.
        if (wasOpen) openSocket();
      });
    };
  };
  openSocket();

  const bridge = {
    async invoke(channel, args) {
      const id = nextCall++;
      const message = JSON.stringify({ id, channel, args });
      if (socket && SOCKET_CHANNELS.has(channel) && message.length <= SURELY_FITS) {
        return new Promise((answer) => {
          waiting.set(id, answer);
          socket.send(message);
        });
      }
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
        showStopped();
        return STOPPED_ANSWER;
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
