import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { authorizationRequest, consentAsCorporate, desktopClient } from '../support/consent-flow.ts';
import { qaLocked } from '../support/test-bank.ts';
import { bank, qaPost, screen } from './bank-e2e.ts';

/**
 * A tester has the bank running on their machine and opens a hostile page in the same Chromium. The
 * page, on another origin, tries every request a web page can make without the bank's consent
 * against the QA API — forms, no-cors fetches, beacons, each path spelling — to unlock a customer
 * and wipe every link. None may act.
 */
const TARGET = '1000000003'; // seeded locked

function hostilePage(issuer: string): string {
  const spellings = ['/qa', '/QA', '/Qa', '/qA', '/%71a'];
  const unlocks = spellings.map((p) => `${issuer}${p}/api/users/${TARGET}/unlock`);
  const resets = spellings.flatMap((p) => [`${issuer}${p}/api/reset`, `${issuer}${p}/api/reset/`]);
  const forms = [...unlocks, ...resets]
    .map(
      (action, i) => `<iframe name="f${i}"></iframe>
      <form method="post" action="${action}" target="f${i}"><input name="x" value="1"></form>
      <form method="post" action="${action}" target="f${i}" enctype="text/plain"><input name='{"a":"' value='"}'></form>`,
    )
    .join('\n');
  return `<!doctype html><html><head><title>Win a prize</title></head><body>
  <h1>Congratulations!</h1>
  ${forms}
  <script>
    const targets = ${JSON.stringify([...unlocks, ...resets])};
    async function attack() {
      for (const form of document.forms) form.submit();
      const tries = [];
      for (const url of targets) {
        tries.push(fetch(url, { method: 'POST', mode: 'no-cors' }).catch(() => {}));
        tries.push(fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' }).catch(() => {}));
        // A JSON POST needs a CORS preflight the bank never grants: it must not even be sent.
        tries.push(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => {}));
        navigator.sendBeacon(url, new Blob(['{}'], { type: 'text/plain' }));
      }
      // Answers do not matter (a no-cors page cannot read them); the requests have been sent.
      await Promise.race([Promise.all(tries), new Promise((r) => setTimeout(r, 5000))]);
      await new Promise((r) => setTimeout(r, 1000));
      document.title = 'done';
    }
    attack();
  </script></body></html>`;
}

let attacker: http.Server;
let attackerOrigin: string;

test.beforeAll(async () => {
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage(bank.issuer));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => attacker?.close(resolve));
});

test('a page on another origin cannot unlock a customer or wipe the links through the QA API', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000); // a reset regenerates two years of statements
  await qaPost(`/qa/api/reset`);
  const request = await authorizationRequest(await desktopClient(bank), 'http://127.0.0.1:46100/callback', {
    channel: 'corporate',
  });
  await consentAsCorporate(bank, request);
  const linksBefore = ((await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as { links: unknown[] })
    .links.length;
  expect(linksBefore).toBeGreaterThan(0);

  await page.goto(attackerOrigin);
  await expect(page).toHaveTitle('done', { timeout: 30_000 });
  await screen(page, testInfo, '30-hostile-page');

  expect(await qaLocked(bank, TARGET)).toBe(true);
  const links = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as { links: unknown[] };
  expect(links.links).toHaveLength(linksBefore);
  const audit = (await (await fetch(`${bank.issuer}/qa/api/audit?limit=50`)).json()) as {
    entries: { event: string }[];
  };
  // The only QA action on record is this test's own reset.
  expect(audit.entries.filter((e) => e.event === 'qa.action')).toHaveLength(1);
});
