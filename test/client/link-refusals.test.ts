import net from 'node:net';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumCustomer, type CallbackTamper } from '../support/chromium-customer.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import { CodedError, startTestCore, type TestCore } from '../support/test-client-core.ts';

let bank: TestBank;
let customer: ChromiumCustomer;
beforeAll(async () => {
  bank = await startTestBank();
  customer = await ChromiumCustomer.launch(bank);
});
afterAll(async () => {
  await customer?.close();
  await bank?.dispose();
});

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof CodedError ? error.code : String(error);
  }
}

/** Connects with the customer tampering with the callback; returns the code and the tab's page. */
async function connectTampered(tamper: CallbackTamper) {
  let tab: Promise<{ text: string; url: string }> | undefined;
  const app = await startTestCore(bank, {
    openExternal: async (url) => {
      tab = customer.linkCorporate(url, 'CORP0001', 'Corp-Pass-1', tamper);
    },
  });
  try {
    const code = await codeOf(app.call('connections:connect', { channel: 'corporate' }));
    return { code, tab: await tab!, connections: await app.call('connections:list') };
  } finally {
    await app.dispose();
  }
}

describe('the link that waits at the bank', () => {
  it('is held by the core: its channel, bank and address while it waits, opened again on reopen, gone after cancel', async () => {
    const opened: string[] = [];
    const app = await startTestCore(bank, { openExternal: async (url) => void opened.push(url) });
    try {
      expect(await app.call('connections:pending-get')).toBeNull();
      expect(await app.call('connections:reopen')).toEqual({ opened: false });
      const first = codeOf(app.call('connections:connect', { channel: 'personal' }));
      await expect.poll(() => opened.length).toBe(1);
      const pending = await app.call('connections:pending-get');
      expect(pending).toMatchObject({
        mode: 'connect',
        channel: 'personal',
        profileId: 'local',
        authorizationUrl: opened[0],
      });
      expect(pending!.bankName).toBeTruthy();
      const left = Date.parse(pending!.expiresAt) - Date.now();
      expect(left).toBeGreaterThan(4 * 60_000);
      expect(left).toBeLessThanOrEqual(5 * 60_000);
      // PAR: the address carries the client and the request's handle, nothing secret.
      expect(new URL(opened[0]!).searchParams.get('request_uri')).toMatch(/^urn:/);
      expect(opened[0]).not.toMatch(/code_verifier|access_token|refresh_token/);
      expect(await app.call('connections:reopen')).toEqual({ opened: true });
      expect(opened).toEqual([opened[0], opened[0]]);
      expect(await app.call('connections:cancel')).toEqual({ cancelled: true });
      expect(await first).toBe('CANCELLED');
      expect(await app.call('connections:pending-get')).toBeNull();
    } finally {
      await app.dispose();
    }
  });
});

describe('what the loopback callback refuses', () => {
  it.each([
    ['a wrong state', (url: URL) => (url.searchParams.set('state', 'forged-state'), url)],
    ['no state', (url: URL) => (url.searchParams.delete('state'), url)],
  ])(
    'refuses a callback with %s with a page saying so, and the link keeps waiting',
    async (_name, tamper) => {
      let tab: Promise<{ text: string; url: string }> | undefined;
      const app = await startTestCore(bank, {
        openExternal: async (url) => {
          tab = customer.linkCorporate(url, 'CORP0001', 'Corp-Pass-1', tamper);
        },
      });
      try {
        const linking = codeOf(app.call('connections:connect', { channel: 'corporate' }));
        await expect.poll(() => tab !== undefined).toBe(true);
        expect((await tab!).text).toContain('アプリが待っている連携のものではないため受け付けませんでした');
        // Still waiting for the real answer: the core holds the link, and only a cancel ends it here.
        expect(await app.call('connections:pending-get')).toMatchObject({ channel: 'corporate' });
        expect(await app.call('connections:cancel')).toEqual({ cancelled: true });
        expect(await linking).toBe('CANCELLED');
        expect(await app.call('connections:list')).toEqual([]);
      } finally {
        await app.dispose();
      }
    },
  );

  it('a stray request with a wrong state does not end the link: the real callback after it completes it', async () => {
    let opened!: (url: string) => void;
    const openedUrl = new Promise<string>((resolve) => (opened = resolve));
    const app = await startTestCore(bank, { openExternal: async (url) => opened(url) });
    try {
      const linking = app.call('connections:connect', { channel: 'corporate' });
      const url = await openedUrl;
      const port = listenerPort(app);
      const stray = await fetch(`http://127.0.0.1:${port}/callback?code=stolen&state=not-this-flow`);
      expect(stray.status).toBe(400);
      expect(await stray.text()).toContain('受け付けませんでした');
      await customer.linkCorporate(url, 'CORP0001', 'Corp-Pass-1');
      const view = await linking;
      expect(view).toMatchObject({ channel: 'corporate', status: 'active' });
      expect(await app.call('connections:pending-get')).toBeNull();
    } finally {
      await app.dispose();
    }
  });

  it('a foreign iss (mix-up attack, RFC 9207) → AUTH_REJECTED', async () => {
    const { code } = await connectTampered((url) => {
      url.searchParams.set('iss', 'https://evil.example');
      return url;
    });
    expect(code).toBe('AUTH_REJECTED');
  });

  it('キャンセル at the bank (error=access_denied) → CANCELLED, the tab says it was cancelled, and the key made for the link is not kept', async () => {
    let tab: Promise<{ text: string }> | undefined;
    const app = await startTestCore(bank, {
      openExternal: async (url) => {
        tab = customer.cancelAtLogin(url);
      },
    });
    try {
      expect(await codeOf(app.call('connections:connect', { channel: 'personal' }))).toBe('CANCELLED');
      expect((await tab!).text).toContain('キャンセルされました');
      // The link's DPoP key was written before the browser opened; a link never made keeps none.
      expect(await keytar.findCredentials(app.keychainService)).toEqual([]);
    } finally {
      await app.dispose();
    }
  });

  it('a second connect while one waits → CONNECT_IN_PROGRESS; cancel in the app → CANCELLED; the listener is closed', async () => {
    let opened!: (url: string) => void;
    const openedUrl = new Promise<string>((resolve) => (opened = resolve));
    const app = await startTestCore(bank, { openExternal: async (url) => opened(url) });
    try {
      const first = codeOf(app.call('connections:connect', { channel: 'personal' }));
      await openedUrl;
      expect(await codeOf(app.call('connections:connect', { channel: 'corporate' }))).toBe(
        'CONNECT_IN_PROGRESS',
      );
      const port = listenerPort(app);
      expect(await refused(port)).toBe(false);
      expect(await app.call('connections:cancel')).toEqual({ cancelled: true });
      expect(await first).toBe('CANCELLED');
      expect(await refused(port)).toBe(true);
      expect(await app.call('connections:cancel')).toEqual({ cancelled: false });
    } finally {
      await app.dispose();
    }
  });

  it('cancel before the browser opens (keychain check, discovery, PAR under way) → CANCELLED at once; the browser is never opened; the next link may start', async () => {
    const opened: string[] = [];
    const app = await startTestCore(bank, { openExternal: async (url) => void opened.push(url) });
    try {
      const first = codeOf(app.call('connections:connect', { channel: 'personal' }));
      expect(await app.call('connections:cancel')).toEqual({ cancelled: true });
      expect(await first).toBe('CANCELLED');
      expect(opened).toEqual([]);
      expect(app.events.some((e) => e.type === 'connect:waiting')).toBe(false);
      // Not CONNECT_IN_PROGRESS for the next five minutes: the cancelled flow is over.
      const second = codeOf(app.call('connections:connect', { channel: 'personal' }));
      await expect.poll(() => opened.length).toBe(1);
      expect(await app.call('connections:cancel')).toEqual({ cancelled: true });
      expect(await second).toBe('CANCELLED');
    } finally {
      await app.dispose();
    }
  });

  it('a browser tab closed without an answer → AUTH_TIMEOUT after the wait, and the listener is closed', async () => {
    let opened!: () => void;
    const browserOpened = new Promise<void>((resolve) => (opened = resolve));
    const app = await startTestCore(bank, { openExternal: async () => opened(), connectTimeoutMs: 1500 });
    try {
      const result = codeOf(app.call('connections:connect', { channel: 'personal' }));
      await browserOpened;
      const port = listenerPort(app);
      expect(await result).toBe('AUTH_TIMEOUT');
      expect(await refused(port)).toBe(true);
    } finally {
      await app.dispose();
    }
  });
});

/** The app's one-shot callback listener, as the core announced it while waiting. */
function listenerPort(app: TestCore): number {
  const waiting = app.events.findLast((e) => e.type === 'connect:waiting');
  if (waiting?.type !== 'connect:waiting') throw new Error('the core never said it was waiting');
  return Number(new URL(waiting.redirectUri).port);
}
