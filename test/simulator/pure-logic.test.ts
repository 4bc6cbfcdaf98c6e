import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { jstDate, jstDateJapanese } from '../../shared/dates.ts';
import {
  findRegisteredClient,
  isConnected,
  requestedChannel,
} from '../../simulator/clients/client-registry.ts';
import { matchTotp } from '../../simulator/customers/totp.ts';
import { html } from '../../simulator/pages/html.ts';
import { localeFrom } from '../../simulator/pages/messages.ts';
import { hashPassword, verifyPassword } from '../../simulator/customers/password.ts';
import { SEED_CUSTOMERS } from '../../simulator/customers/seed-customers.ts';
import { SEED_PASSWORD_HASHES } from '../../simulator/customers/seed-password-hashes.ts';

describe('channel of an authorization request', () => {
  const desktop = findRegisteredClient('bankdemo-desktop')!;
  const zaim = findRegisteredClient('zaim')!;
  it.each([
    [desktop, 'personal', 'personal'],
    [desktop, 'corporate', 'corporate'],
    [desktop, undefined, undefined],
    [zaim, undefined, 'personal'],
    [zaim, 'corporate', 'corporate'],
    [zaim, 'bogus', 'personal'],
  ])('%#: %o with %s → %s', (client, param, expected) => {
    expect(requestedChannel(client, param)).toBe(expected);
  });

  it.each([
    ['zaim', 'personal', '2019-05-20', true],
    ['zaim', 'personal', '2019-05-19', false],
    ['zaim', 'corporate', '2030-01-01', false],
    ['freee', 'corporate', '2019-02-04', true],
    ['freee', 'personal', '2020-02-02', false],
  ] as const)('%s on %s on %s is connected: %s', (id, channel, today, expected) => {
    expect(isConnected(findRegisteredClient(id)!, channel, today)).toBe(expected);
  });
});

describe('JST dates', () => {
  it.each([
    ['2026-11-23T14:59:59Z', '2026-11-23'],
    ['2026-11-23T15:00:00Z', '2026-11-24'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('%s is %s in Japan', (utc, jst) => {
    expect(jstDate(new Date(utc))).toBe(jst);
  });
  it('writes dates the Japanese way', () => expect(jstDateJapanese('2019-02-04')).toBe('2019年2月4日'));
});

describe('page templates', () => {
  it('escapes every interpolated value', () => {
    const name = '<script>alert("x")</script>&\'';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });
  it('keeps nested templates as markup', () => {
    const items = ['a', '<b>'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });
});

describe('ui_locales', () => {
  it.each([
    [undefined, 'ja'],
    ['en', 'en'],
    ['en-US ja', 'en'],
    ['ja en', 'ja'],
    ['fr', 'ja'],
    [['en'], 'ja'],
  ])('%o → %s', (value, locale) => expect(localeFrom(value)).toBe(locale));
});

describe('one-time passwords', () => {
  const secret = 'JBSWY3DPEHPK3PXP';
  const at = Date.UTC(2026, 10, 24, 0, 0, 10);
  const codeAt = (ms: number) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: ms });
  it.each([
    ['the current step', 0, true],
    ['one step earlier (clock drift)', -30_000, true],
    ['one step later', 30_000, true],
    ['two steps earlier', -60_000, false],
  ])('accepts a code from %s: %s', (_label, offset, accepted) => {
    expect(matchTotp(secret, codeAt(at + offset), at) !== undefined).toBe(accepted);
  });
  it('returns the time step so a used one can be refused', () => {
    expect(matchTotp(secret, codeAt(at - 30_000), at)).toBe(Math.floor(at / 30_000) - 1);
  });
  it.each(['', '12345', '1234567', 'abcdef'])('rejects malformed %o', (code) =>
    expect(matchTotp(secret, code, at)).toBeUndefined(),
  );
});

describe('password hashes', () => {
  it('verifies the right password only, case-sensitively', async () => {
    const stored = await hashPassword('Demo-Pass-1');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('Demo-Pass-1', stored)).toBe(true);
    expect(await verifyPassword('demo-pass-1', stored)).toBe(false);
    expect(await verifyPassword('Demo-Pass-1', 'garbage')).toBe(false);
  });

  it("keeps, for every test user, a precomputed hash of that user's password with today's parameters", async () => {
    const fresh = (await hashPassword('x')).split('$').slice(0, 4).join('$');
    for (const c of SEED_CUSTOMERS) {
      const stored = SEED_PASSWORD_HASHES[c.loginId];
      expect(stored, c.loginId).toBeDefined();
      expect(stored!.startsWith(`${fresh}$`), c.loginId).toBe(true);
      expect(await verifyPassword(c.password, stored!), c.loginId).toBe(true);
      expect(await verifyPassword(`${c.password}x`, stored!), c.loginId).toBe(false);
    }
    // Each with a salt of its own.
    expect(new Set(Object.values(SEED_PASSWORD_HASHES).map((h) => h.split('$')[4])).size).toBe(
      SEED_CUSTOMERS.length,
    );
  });
});
