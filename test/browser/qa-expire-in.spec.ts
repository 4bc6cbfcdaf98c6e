import { expect, test } from '@playwright/test';
import { authorizationRequest, consentAsCorporate, desktopClient } from '../support/consent-flow.ts';
import { bank, screen } from './bank-e2e.ts';

test('a tester sets a link to expire in 3 days from the QA console, and the console shows the new end and why', async ({
  page,
}, testInfo) => {
  const request = await authorizationRequest(await desktopClient(bank), 'http://127.0.0.1:46001/callback', {
    channel: 'corporate',
  });
  await consentAsCorporate(bank, request);
  const { links } = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as {
    links: { id: string }[];
  };
  const linkId = links[0]!.id;

  await page.goto('/qa');
  await expect(page.getByRole('navigation', { name: '目次' })).toBeVisible();
  const row = page.locator(`tr[data-link-id="${linkId}"]`);
  await row.getByLabel('残り日数').fill('3');
  await row.getByRole('button', { name: '設定' }).click();
  const expected = new Date(Date.now() + 3 * 86400_000 + 9 * 3600_000).toISOString().slice(0, 10);
  await expect(page.locator(`tr[data-link-id="${linkId}"]`)).toContainText(expected);
  await expect(page.locator('#audit tr', { hasText: 'expire link in days' }).first()).toContainText(
    '"days":3',
  );
  await page.locator('#links').scrollIntoViewIfNeeded();
  await screen(page, testInfo, 'qa-console-expire-in');
});
