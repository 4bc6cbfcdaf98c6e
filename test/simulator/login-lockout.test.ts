import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../simulator/pages/messages.ts';
import {
  authorizationRequest,
  desktopClient,
  openAuthorization,
  submitOtp,
  submitPassword,
} from '../support/consent-flow.ts';
import { HttpBrowser, type Page } from '../support/http-browser.ts';
import { qaLocked, qaOtp, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * Password guessing as an attacker does it: many guesses at once, against the real bank over HTTP.
 * Every request of a batch is sent before any answer comes back (Promise.all over fetch, each on a
 * login screen of its own), so the bank's slow scrypt check overlaps them all.
 */
let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

const LOGIN_REFUSED = messages.ja.errors.loginRefused;
const ALERT = /<p class="error" role="alert">([^<]*)<\/p>/;

interface LoginScreen {
  browser: HttpBrowser;
  page: Page;
}

/** `count` login screens of the channel, each in a browser (cookie jar) of its own. */
async function loginScreens(channel: 'personal' | 'corporate', count: number): Promise<LoginScreen[]> {
  const config = await desktopClient(bank);
  return Promise.all(
    Array.from({ length: count }, async () => {
      const browser = new HttpBrowser();
      const request = await authorizationRequest(config, 'http://127.0.0.1:47000/callback', { channel });
      return { browser, page: await openAuthorization(browser, bank, request.url) };
    }),
  );
}

/** Sends one password per screen, all at once. */
function guessAtOnce(screens: LoginScreen[], loginId: string, passwords: string[]): Promise<Page[]> {
  return Promise.all(screens.map((s, i) => submitPassword(s.browser, bank, s.page, loginId, passwords[i]!)));
}

/** How the bank's audit log saw this customer's logins: passwords and codes actually checked, and more. */
function auditOf(customerId: string) {
  const rows = bank.db
    .prepare('SELECT event, outcome, detail FROM audit_log WHERE customer_id = ?')
    .all(customerId) as { event: string; outcome: string; detail: string | null }[];
  const count = (event: string, outcome: string) =>
    rows.filter((r) => r.event === event && r.outcome === outcome && r.detail === null).length;
  return {
    passwordsChecked: count('login.password', 'failure') + count('login.password', 'success'),
    wrongCodesChecked: count('login.otp', 'failure'),
    logins: count('login.password', 'success'),
  };
}

const alertOf = (page: Page): string | undefined => ALERT.exec(page.html)?.[1];
const wentOn = (page: Page): boolean => !ALERT.test(page.html) || page.status !== 401;

describe('lockout under parallel guesses', () => {
  it('checks at most five of 40 wrong passwords sent at once, locks, and lets no login through after', async () => {
    const screens = await loginScreens('corporate', 40);
    const answers = await guessAtOnce(
      screens,
      'CORP9000',
      screens.map((_, i) => `Wrong-${i}`),
    );
    expect(answers.every((a) => a.status === 401 && alertOf(a) === LOGIN_REFUSED)).toBe(true);
    expect(auditOf('C-CORP9000').passwordsChecked).toBe(5);
    expect(await qaLocked(bank, 'CORP9000')).toBe(true);

    // The right password, ten times at once, for the locked customer: none is even checked.
    const retry = await loginScreens('corporate', 10);
    const rightAnswers = await guessAtOnce(retry, 'CORP9000', Array(10).fill('Corp-Pass-9'));
    expect(rightAnswers.some(wentOn)).toBe(false);
    expect(rightAnswers.every((a) => alertOf(a) === LOGIN_REFUSED)).toBe(true);
    expect(auditOf('C-CORP9000')).toMatchObject({ passwordsChecked: 5, logins: 0 });
    await qaPost(bank, '/qa/api/users/CORP9000/unlock');
  }, 90_000);

  it('checks at most five of 120 guesses with the right password among them, and completes no login once locked', async () => {
    const screens = await loginScreens('corporate', 120);
    const passwords = screens.map((_, i) => (i === 60 ? 'Corp-Pass-1' : `Wrong-${i}`));
    const answers = await guessAtOnce(screens, 'CORP0001', passwords);
    const { passwordsChecked, logins } = auditOf('C-CORP0001');
    expect(passwordsChecked).toBeLessThanOrEqual(5);
    const reachedConsent = answers.filter(wentOn);
    if (await qaLocked(bank, 'CORP0001')) {
      // Locked by the batch: the right password, if checked at all, must not have logged in.
      expect(reachedConsent).toHaveLength(0);
    } else {
      // The right password was one of the five checked, before any lock: that one login is fair.
      expect(logins).toBe(1);
      expect(reachedConsent).toHaveLength(1);
    }
    await qaPost(bank, '/qa/api/users/CORP0001/unlock');
  }, 90_000);

  it('does not confirm a personal customer’s password to parallel guessers once locked', async () => {
    const screens = await loginScreens('personal', 40);
    await guessAtOnce(
      screens,
      '1000000001',
      screens.map((_, i) => `Wrong-${i}`),
    );
    expect(await qaLocked(bank, '1000000001')).toBe(true);
    const retry = await loginScreens('personal', 10);
    const answers = await guessAtOnce(retry, '1000000001', Array(10).fill('Demo-Pass-1'));
    // No one-time-password screen (that would say the password is right): the same refusal as any.
    expect(answers.every((a) => a.status === 401 && alertOf(a) === LOGIN_REFUSED)).toBe(true);
    expect(auditOf('P-1000000001').passwordsChecked).toBe(5);
    await qaPost(bank, '/qa/api/users/1000000001/unlock');
  }, 90_000);

  it('checks at most five wrong one-time passwords sent at once, then refuses the right code', async () => {
    const screens = await loginScreens('personal', 20);
    // The right password on every screen, one after another: each leaves the OTP owed.
    const otpScreens: LoginScreen[] = [];
    for (const s of screens) {
      otpScreens.push({
        browser: s.browser,
        page: await submitPassword(s.browser, bank, s.page, '1000000002', 'Demo-Pass-2'),
      });
    }
    expect(otpScreens.every((s) => s.page.html.includes('name="code"'))).toBe(true);
    const kept = otpScreens.pop()!;
    const answers = await Promise.all(otpScreens.map((s) => submitOtp(s.browser, bank, s.page, '000000')));
    expect(answers.every((a) => a.status === 401)).toBe(true);
    expect(auditOf('P-1000000002').wrongCodesChecked).toBe(5);
    expect(await qaLocked(bank, '1000000002')).toBe(true);
    const right = await submitOtp(kept.browser, bank, kept.page, await qaOtp(bank, '1000000002'));
    expect(right.status).toBe(401);
    expect(alertOf(right)).toBe(LOGIN_REFUSED);
    await qaPost(bank, '/qa/api/users/1000000002/unlock');
  }, 90_000);
});

describe('one answer to every failed login (no oracle for IDs or passwords)', () => {
  it('answers an unknown ID, a wrong password, a locked and a certificate-only customer alike, whatever password is typed', async () => {
    const cases: [channel: 'personal' | 'corporate', loginId: string, password: string][] = [
      ['personal', '1999999999', 'Demo-Pass-1'], // unknown ID
      ['personal', '1000000002', 'Wrong-Pass'], // wrong password
      ['personal', '1000000003', 'Demo-Pass-3'], // locked (seeded), right password
      ['personal', '1000000003', 'Wrong-Pass'], // locked, wrong password
      ['corporate', 'CORP7777', 'Corp-Pass-1'], // unknown ID
      ['corporate', 'CORP0002', 'Corp-Pass-2'], // certificate-only, right password
      ['corporate', 'CORP0002', 'Wrong-Pass'], // certificate-only, wrong password
    ];
    const answers: { status: number; alert: string | undefined }[] = [];
    for (const [channel, loginId, password] of cases) {
      const [screen] = await loginScreens(channel, 1);
      const page = await submitPassword(screen!.browser, bank, screen!.page, loginId, password);
      answers.push({ status: page.status, alert: alertOf(page) });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ status: 401, alert: LOGIN_REFUSED })]),
    );
    await qaPost(bank, '/qa/api/users/1000000002/unlock');
  });

  it('tells everyone on the WEB-FB login screen, before any failure, that certificate customers use 電子証明書認証', async () => {
    const [screen] = await loginScreens('corporate', 1);
    expect(screen!.page.html).toContain(messages.ja.corporate.certificateOnlyNote);
    expect(alertOf(screen!.page)).toBeUndefined();
  });
});
