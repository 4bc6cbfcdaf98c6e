import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-errors.ts';
import { fileLogSink } from '../../main/log/logger.ts';
import { redactText, redactValue } from '../../main/log/redact.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the core log file', () => {
  it('writes one JSON line per event with its time, level and fields', () => {
    const file = path.join(dir, 'logs', 'bankdemo.log');
    const sink = fileLogSink({ file, echo: false });
    sink.write('warn', 'sync.account-failed', { connectionId: 'c1', error: { code: 'BANK_ERROR' } });
    expect(lines(file)).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        level: 'warn',
        event: 'sync.account-failed',
        connectionId: 'c1',
        error: { code: 'BANK_ERROR' },
      },
    ]);
  });

  it('rotates by size: the current file stays under the limit and only `keep` old files remain', () => {
    const file = path.join(dir, 'bankdemo.log');
    const sink = fileLogSink({ file, maxBytes: 1000, keep: 2, echo: false });
    for (let n = 0; n < 60; n += 1) sink.write('info', 'tick', { n, filler: 'x'.repeat(20) });
    expect(fs.readdirSync(dir).sort()).toEqual(['bankdemo.log', 'bankdemo.log.1', 'bankdemo.log.2']);
    for (const name of fs.readdirSync(dir))
      expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1000);
    // Newest in the current file, the one before it in .1, in order.
    const current = lines(file).map((l) => l.n as number);
    const previous = lines(`${file}.1`).map((l) => l.n as number);
    expect(current.at(-1)).toBe(59);
    expect(previous.at(-1)).toBe(current[0]! - 1);
  });

  it('goes on from the size a file already has after a restart', () => {
    const file = path.join(dir, 'bankdemo.log');
    fileLogSink({ file, maxBytes: 500, echo: false }).write('info', 'before', { filler: 'y '.repeat(200) });
    fileLogSink({ file, maxBytes: 500, echo: false }).write('info', 'after', { filler: 'z '.repeat(100) });
    expect(lines(file).map((l) => l.event)).toEqual(['after']);
    expect(lines(`${file}.1`).map((l) => l.event)).toEqual(['before']);
  });
});

describe('what the log never holds', () => {
  const token = 'Xq3vA9_bR7kLmN2pQsT5uVwY8zC1dE4fG6hJ0iK-oP'; // an opaque token's shape (43 chars)
  it.each([
    [
      'a callback URL with its code and state',
      `http://127.0.0.1:5000/callback?code=${token}&state=abc123&iss=x`,
      ['abc123', token],
    ],
    ['a short authorization code in a URL', 'http://127.0.0.1:5000/callback?code=short1&iss=x', ['short1']],
    ['a bearer header', `Authorization: Bearer ${token}`, [token]],
    [
      'a JWT',
      'id_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl in text',
      ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0'],
    ],
    ['an opaque token in a message', `invalid_grant for ${token}`, [token]],
    ['the browser shell key', 'open http://127.0.0.1:4030/?key=s3cretKeyValue', ['s3cretKeyValue']],
    [
      'a form body',
      `grant_type=refresh_token&refresh_token=${token}&client_secret=freee-demo-secret`,
      [token, 'freee-demo-secret'],
    ],
  ])('removes %s', (_name, text, secrets) => {
    const out = redactText(text);
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('keeps what a reader needs: ids, error codes, hosts, dates', () => {
    const text =
      'connection c0123456789abcdef account 002019000001 BANK_ERROR at 127.0.0.1:4010 on 2026-11-25';
    expect(redactText(text)).toBe(text);
  });

  it('drops secret fields whole, keeps error codes, and follows an error’s cause chain', () => {
    const keytarFailure = new Error(`Cannot create an item in a locked collection (stored ${token})`);
    const error = new AppError('KEYCHAIN_UNAVAILABLE', 'the OS keychain refused', { cause: keytarFailure });
    const out = JSON.stringify(
      redactValue({
        refreshToken: token,
        access_token: 'short',
        password: 'Corp-Pass-1',
        code: 'one-time-code',
        state: 'xyz',
        error: error.toInfo(),
        cause: error,
      }),
    );
    for (const secret of [token, 'short', 'Corp-Pass-1', 'one-time-code', 'xyz'])
      expect(out).not.toContain(secret);
    expect(out).toContain('"code":"KEYCHAIN_UNAVAILABLE"');
    expect(out).toContain('Cannot create an item in a locked collection');
  });
});
