import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GMO_BASE_PATHS } from '../../simulator/api/gmo/gmo-schema.ts';
import type { OpenApiDocument } from '../../simulator/openapi/openapi-documents.ts';
import type { NamespaceBanks } from '../../simulator/namespaces/namespace-banks.ts';
import type { NamespaceRegistry } from '../../simulator/namespaces/namespace-registry.ts';
import { createNamespaceRouter } from '../../simulator/namespaces/namespace-routes.ts';
import { createQaApiRouter } from '../../simulator/qa/api/qa-api-router.ts';
import type { QaDeps } from '../../simulator/qa/qa-deps.ts';
import {
  authorizationRequest,
  consentAsCorporate,
  consentAsPersonal,
  exchangeCode,
  partnerClient,
  type BankAddress,
} from '../support/consent-flow.ts';
import { GMO_TEST_BANK, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * The OpenAPI documents the bank serves (/openapi/…) against what it answers: every route the bank
 * serves is documented, every documented path is called here, and every answer — status and body —
 * is one its document allows. A field, route or status added without the document fails here.
 */
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

interface Checked {
  doc: OpenApiDocument;
  /** `path template method status` of every answer checked. */
  seen: Set<string>;
}

function templateOf(doc: OpenApiDocument, pathname: string): string | undefined {
  return Object.keys(doc.paths).find((template) =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname),
  );
}

/** Calls the bank and checks the answer against the document; returns the body. */
async function call(
  checked: Checked,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  const body: unknown = res.status === 204 ? await res.text() : await res.json();
  // Paths are the server URL's (a namespace's is `/ns/<name>`) plus the document's path.
  const serverPath = new URL(checked.doc.servers[0]!.url).pathname.replace(/\/$/, '');
  const fullPath = new URL(url).pathname;
  expect(fullPath.startsWith(`${serverPath}/`), `${fullPath} is not under ${serverPath}`).toBe(true);
  const pathname = fullPath.slice(serverPath.length);
  const method = (init.method ?? 'GET').toLowerCase();
  const template = templateOf(checked.doc, pathname);
  expect(template, `${pathname} is not in the document`).toBeDefined();
  const operations = checked.doc.paths[template!] as Record<string, { responses: Record<string, unknown> }>;
  // A method the document does not list is answered 405 with the error its GET documents.
  const operation = operations[method] ?? (res.status === 405 ? operations.get : undefined);
  expect(operation, `${method} ${template} is not in the document`).toBeDefined();
  const response = operation!.responses[String(res.status)] as
    { content?: { 'application/json': { schema: object } } } | undefined;
  expect(response, `${method} ${template} → ${res.status} is not in the document`).toBeDefined();
  checked.seen.add(`${template} ${method} ${res.status}`);
  if (!response!.content) {
    // Documented without a body: the bank sends none.
    expect(body, `${method} ${template} → ${res.status} has a body`).toBe('');
    return { status: res.status, body };
  }
  const validate = ajv.compile(response!.content['application/json'].schema);
  const valid = validate(body);
  expect(valid, `${method} ${template} → ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return { status: res.status, body };
}

async function documentOf(bank: Pick<BankAddress, 'issuer'>, name: string): Promise<Checked> {
  const list = (await (await fetch(`${bank.issuer}/openapi`)).json()) as { documents: string[] };
  expect(list.documents).toContain(`${bank.issuer}/openapi/${name}`);
  const doc = (await (await fetch(`${bank.issuer}/openapi/${name}`)).json()) as OpenApiDocument;
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.servers).toEqual([{ url: bank.issuer }]);
  return { doc, seen: new Set() };
}

const everyPathCalled = (checked: Checked) => {
  const called = new Set([...checked.seen].map((s) => s.split(' ').slice(0, 2).join(' ')));
  for (const [template, methods] of Object.entries(checked.doc.paths))
    for (const method of Object.keys(methods))
      expect(called, `${method} ${template} never called`).toContain(`${template} ${method}`);
};

async function partnerToken(
  bank: TestBank,
  channel: 'personal' | 'corporate',
  loginId: string,
  password: string,
) {
  const config = await partnerClient(bank, 'freee');
  const request = await authorizationRequest(config, `${bank.issuer}/qa/callback`, { channel });
  const callback =
    channel === 'personal'
      ? await consentAsPersonal(bank, request, loginId, password)
      : await consentAsCorporate(bank, request, loginId, password);
  return (await exchangeCode(config, request, callback)).access_token;
}

let ours: TestBank;
let gmo: TestBank;
beforeAll(async () => {
  [ours, gmo] = await Promise.all([startTestBank(), startTestBank(GMO_TEST_BANK)]);
});
afterAll(async () => {
  await Promise.all([ours?.dispose(), gmo?.dispose()]);
});

/** The statuses every account API answers whatever the dialect: injected faults, maintenance, refusals. */
async function refusals(checked: Checked, bank: TestBank, base: string, auth: Record<string, string>) {
  await call(checked, `${base}/accounts`);
  await call(checked, `${base}/accounts/transactions?accountId=nope`, { headers: auth });
  await call(checked, `${base}/accounts`, { method: 'POST', headers: auth });
  await call(checked, `${base}/accounts?${'x'.repeat(9000)}`, { headers: auth });
  for (const status of [429, 500, 503]) {
    await qaPost(bank, '/qa/api/faults', { status, count: 1 });
    await call(checked, `${base}/accounts`, { headers: auth });
  }
  await qaPost(bank, '/qa/api/maintenance', { on: true });
  await call(checked, `${base}/accounts/balances`, { headers: auth });
  await qaPost(bank, '/qa/api/maintenance', { on: false });
}

describe('the account API’s document (our dialect)', () => {
  it('describes every route and answer /api/v1 gives', async () => {
    const checked = await documentOf(ours, 'account-api.json');
    const token = await partnerToken(ours, 'corporate', 'CORP0001', 'Corp-Pass-1');
    const auth = { authorization: `Bearer ${token}` };
    const base = `${ours.issuer}/api/v1`;
    const { body } = await call(checked, `${base}/accounts`, { headers: auth });
    const accountId = (body as { accounts: { accountId: string }[] }).accounts[0]!.accountId;
    await call(checked, `${base}/accounts/balances`, { headers: auth });
    await call(checked, `${base}/accounts/balances?accountId=${accountId}`, { headers: auth });
    const page = await call(
      checked,
      `${base}/accounts/transactions?accountId=${accountId}&dateFrom=2025-01-01`,
      {
        headers: auth,
      },
    );
    const next = (page.body as { nextItemKey?: string }).nextItemKey;
    expect(next).toBeDefined();
    await call(
      checked,
      `${base}/accounts/transactions?accountId=${accountId}&dateFrom=2025-01-01&nextItemKey=${next}`,
      {
        headers: auth,
      },
    );
    await call(checked, `${base}/accounts/transactions?accountId=000000000000`, { headers: auth });
    await refusals(checked, ours, base, auth);
    everyPathCalled(checked);
    for (const status of [200, 400, 401, 404, 405, 414, 429, 500, 503])
      expect(
        [...checked.seen].some((s) => s.endsWith(` ${status}`)),
        `no ${status} checked`,
      ).toBe(true);
  });
});

describe('the account API’s document (GMO Aozora’s dialect)', () => {
  it('describes every route and answer both channels give', async () => {
    const checked = await documentOf(gmo, 'account-api.json');
    for (const [channel, loginId, password] of [
      ['corporate', 'CORP0003', 'Corp-Pass-3'],
      ['personal', '1000000004', 'Demo-Pass-4'],
    ] as const) {
      const auth = { 'x-access-token': await partnerToken(gmo, channel, loginId, password) };
      const base = `${gmo.issuer}${GMO_BASE_PATHS[channel]}`;
      const { body } = await call(checked, `${base}/accounts`, { headers: auth });
      const accounts = (body as { accounts: { accountId: string; accountTypeCode: string }[] }).accounts;
      await call(checked, `${base}/accounts/balances`, { headers: auth });
      for (const account of accounts)
        await call(
          checked,
          `${base}/accounts/transactions?accountId=${account.accountId}&dateFrom=2026-01-01`,
          {
            headers: auth,
          },
        );
      await refusals(checked, gmo, base, auth);
    }
    everyPathCalled(checked);
  });
});

/** `method /path/{param}` of every route a router serves, under `prefix`. */
function routesOf(router: ReturnType<typeof createQaApiRouter>, prefix: string): string[] {
  return router.stack.flatMap((layer) =>
    layer.methods
      .filter((m) => m !== 'HEAD')
      .map((m) => `${m.toLowerCase()} ${prefix}${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
  );
}

const documentedRoutes = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));

const QA_ROUTES = routesOf(createQaApiRouter({} as QaDeps), '/qa/api');
const NAMESPACE_ADMIN_ROUTES = routesOf(
  createNamespaceRouter({} as NamespaceRegistry, {} as NamespaceBanks),
  '',
);

async function makeNamespace(name: string): Promise<{ name: string; issuer: string; qaToken: string }> {
  const res = await qaPost(ours, '/qa/api/namespaces', { name });
  expect(res.status).toBe(201);
  return (await res.json()) as { name: string; issuer: string; qaToken: string };
}

describe('the QA API’s document', () => {
  it('documents every route the QA router and the root bank’s namespace administration have', async () => {
    const { doc } = await documentOf(ours, 'qa-api.json');
    expect(NAMESPACE_ADMIN_ROUTES).toEqual(
      expect.arrayContaining(['get /qa/api/namespaces', 'post /qa/api/namespaces']),
    );
    expect(new Set(documentedRoutes(doc))).toEqual(new Set([...QA_ROUTES, ...NAMESPACE_ADMIN_ROUTES]));
  });

  it('describes every answer the QA API gives', async () => {
    const checked = await documentOf(ours, 'qa-api.json');
    const qa = `${ours.issuer}/qa/api`;
    const post = (path: string, body?: unknown) =>
      call(checked, `${qa}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    await call(checked, `${qa}/bank`);
    const { body: users } = await call(checked, `${qa}/users`);
    await call(checked, `${qa}/otp/1000000001`);
    await call(checked, `${qa}/otp/nobody`);
    await post('/users/1000000003/unlock');
    await post('/users/nobody/unlock');
    await call(checked, `${qa}/clients`);
    await partnerToken(ours, 'corporate', 'CORP0001', 'Corp-Pass-1');
    const { body: list } = await call(checked, `${qa}/links`);
    const link = (list as { links: { id: string }[] }).links[0]!.id;
    await post(`/links/${link}/expire-in`, { days: 3 });
    await post(`/links/${link}/expire-in`, { days: 0 });
    await post(`/links/${link}/expire`);
    await post(`/links/${link}/expire-in`, { days: 3 });
    await post(`/links/${link}/revoke`);
    await post('/links/nope/revoke');
    await call(checked, `${qa}/faults`);
    await post('/faults', { latencyMs: 5, count: 2 });
    await post('/faults', { status: 418 });
    await call(checked, `${qa}/faults`, { method: 'DELETE' });
    await post('/maintenance', { on: false });
    await post('/maintenance', { on: 'yes' });
    await post('/dpop-nonces', { required: true });
    const account = (users as { users: { accounts: string[] }[] }).users[0]!.accounts[0]!;
    await post(`/accounts/${account}/transactions`, { items: [{ transactionType: '1', amount: 1200 }] });
    await post(`/accounts/${account}/transactions`, { count: 2 });
    await post('/accounts/000000000000/transactions', { count: 1 });
    await call(checked, `${qa}/maintenance`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'on',
    });
    await call(checked, `${qa}/audit?limit=5`);
    const customer = {
      loginId: 'OPENAPI01',
      channel: 'personal',
      password: 'Open-Api-Pass-1',
      accounts: [{ statementSize: 'small' }],
    };
    await post('/customers', customer);
    await post('/customers', customer);
    await post('/customers', { ...customer, channel: 'teller' });
    await post('/namespaces', { name: 'openapi-answers' });
    await post('/namespaces', { name: 'openapi-answers' });
    await post('/namespaces', { name: 'Not A Name' });
    await call(checked, `${qa}/namespaces`);
    await call(checked, `${qa}/namespaces/openapi-answers`, { method: 'DELETE' });
    await call(checked, `${qa}/namespaces/openapi-answers`, { method: 'DELETE' });
    await post('/reset');
    everyPathCalled(checked);
    for (const status of [201, 204, 400, 404, 409, 415])
      expect(
        [...checked.seen].some((s) => s.endsWith(` ${status}`)),
        `no ${status} checked`,
      ).toBe(true);
  });
});

describe('a namespace’s documents (/ns/<name>/openapi/…)', () => {
  it('name the namespace’s issuer as their server, and its QA API without the namespace administration', async () => {
    const made = await makeNamespace('openapi-docs');
    const account = await documentOf(made, 'account-api.json');
    expect(account.doc.servers).toEqual([{ url: `${ours.issuer}/ns/openapi-docs` }]);
    const root = await documentOf(ours, 'account-api.json');
    expect(account.doc.paths).toEqual(root.doc.paths);

    const checked = await documentOf(made, 'qa-api.json');
    expect(new Set(documentedRoutes(checked.doc))).toEqual(new Set(QA_ROUTES));
    // Its QA API, called as its document says, answers as documented: with the namespace's token, and 401 without.
    const qa = `${made.issuer}/qa/api`;
    const withToken = { authorization: `Bearer ${made.qaToken}` };
    const { body } = await call(checked, `${qa}/bank`, { headers: withToken });
    expect((body as { issuer: string }).issuer).toBe(made.issuer);
    await call(checked, `${qa}/bank`);
    await call(checked, `${qa}/customers`, {
      method: 'POST',
      headers: { ...withToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        loginId: 'NSCORP01',
        channel: 'corporate',
        password: 'Ns-Corp-Pass-1',
        accounts: [{ accountTypeCode: '02', statementSize: 'medium' }],
      }),
    });
    expect([...checked.seen]).toEqual(
      expect.arrayContaining(['/qa/api/bank get 200', '/qa/api/bank get 401', '/qa/api/customers post 201']),
    );
  });
});
