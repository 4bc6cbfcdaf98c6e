import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hasSecret,
  isLoopbackHost,
  isOwnOrigin,
  keyMatches,
  readCookie,
  staticPath,
} from '../../main/browser-shell/request-guard.ts';
import { isBankUrl, RENDERER_CSP } from '../../main/shell-policy.ts';

describe('the browser shell’s request guard', () => {
  it('answers only its own loopback host names (no DNS rebinding)', () => {
    expect(isLoopbackHost('127.0.0.1:4030', 4030)).toBe(true);
    expect(isLoopbackHost('localhost:4030', 4030)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:4031', 4030)).toBe(false);
    expect(isLoopbackHost('evil.example:4030', 4030)).toBe(false);
    expect(isLoopbackHost(undefined, 4030)).toBe(false);
  });

  it('takes calls only from its own page’s origin; a POST must say where it comes from', () => {
    expect(isOwnOrigin('http://127.0.0.1:4030', 4030, true)).toBe(true);
    expect(isOwnOrigin('http://localhost:4030', 4030, true)).toBe(true);
    expect(isOwnOrigin('http://evil.example', 4030, true)).toBe(false);
    expect(isOwnOrigin('null', 4030, false)).toBe(false);
    expect(isOwnOrigin(undefined, 4030, true)).toBe(false);
    expect(isOwnOrigin(undefined, 4030, false)).toBe(true);
  });

  it('wants the per-run secret in its cookie, exactly', () => {
    expect(hasSecret('a=1; bankdemo_shell=s3cret; b=2', 's3cret')).toBe(true);
    expect(hasSecret('bankdemo_shell=s3cre', 's3cret')).toBe(false);
    expect(hasSecret('bankdemo_shell=s3cretX', 's3cret')).toBe(false);
    expect(hasSecret(undefined, 's3cret')).toBe(false);
    expect(readCookie('x=a=b', 'x')).toBe('a=b');
    expect(keyMatches('s3cret', 's3cret')).toBe(true);
    expect(keyMatches('', 's3cret')).toBe(false);
    expect(keyMatches(null, 's3cret')).toBe(false);
  });

  it('serves files only from inside the built renderer', () => {
    const root = '/app/dist/renderer';
    expect(staticPath(root, '/', path.join)).toBe('/app/dist/renderer/index.html');
    expect(staticPath(root, '/assets/index.js', path.join)).toBe('/app/dist/renderer/assets/index.js');
    expect(staticPath(root, '/../../etc/passwd', path.join)).toBeUndefined();
    expect(staticPath(root, '/%2e%2e/%2e%2e/etc/passwd', path.join)).toBeUndefined();
    expect(staticPath(root, '/a%00b', path.join)).toBeUndefined();
    expect(staticPath(root, '/%E0%A4%A', path.join)).toBeUndefined();
  });
});

describe('what either shell lets out', () => {
  const profiles = [{ issuer: 'http://127.0.0.1:4010' }];
  it('opens in the system browser only the bank’s own pages', () => {
    expect(isBankUrl('http://127.0.0.1:4010/auth?request_uri=x', profiles)).toBe(true);
    expect(isBankUrl('http://127.0.0.1:4011/login', profiles)).toBe(false);
    expect(isBankUrl('https://evil.example/', profiles)).toBe(false);
    expect(isBankUrl('file:///etc/passwd', profiles)).toBe(false);
    expect(isBankUrl('javascript:alert(1)', profiles)).toBe(false);
    expect(isBankUrl('not a url', profiles)).toBe(false);
  });

  it('the renderer’s CSP allows only the app’s own script, and no framing', () => {
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });
});
