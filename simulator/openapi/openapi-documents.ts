import { z } from 'zod';
import type {
  AccountsResponse,
  BalancesResponse,
  TransactionsResponse,
} from '../../shared/bank/api-types.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import {
  GMO_BASE_PATHS,
  type GmoAccountsResponse,
  type GmoBalancesResponse,
  type GmoTransactionsResponse,
} from '../api/gmo/gmo-schema.ts';
import { QaCustomerSchema } from '../customers/qa-customers.ts';
import { NamespaceCreateBody } from '../namespaces/namespace-routes.ts';
import { FaultBody } from '../qa/api/faults-routes.ts';
import { ExpireInBody } from '../qa/api/links-routes.ts';
import { MaintenanceBody, NoncesBody } from '../qa/api/maintenance-routes.ts';
import { PostBody } from '../qa/api/transactions-routes.ts';
import {
  AccountsSchema,
  ApiErrorSchema,
  BalancesSchema,
  GmoAccountsSchema,
  GmoBalancesSchema,
  GmoTransactionsSchema,
  TransactionsSchema,
} from './api-schemas.ts';
import * as qa from './qa-api-schemas.ts';

/** One operation: its answers by status (each a JSON body, or null for none), its query parameters, its body. */
interface Operation {
  summary: string;
  responses: Record<number, z.ZodType | null>;
  query?: Record<string, { schema: z.ZodType; required?: boolean; description: string }>;
  body?: z.ZodType;
  security?: 'token' | 'none';
}
type Paths = Record<string, Partial<Record<'get' | 'post' | 'delete', Operation>>>;

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'Done, no body',
  400: 'Bad request',
  401: 'No, bad or expired access token',
  403: 'Operation not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  414: 'URI too long',
  415: 'Not JSON',
  429: 'Too many requests (Retry-After)',
  500: 'Internal error',
  503: 'Maintenance, an injected fault or the database away (Retry-After)',
};

function document(title: string, description: string, issuer: string, paths: Paths, tokenScheme?: object) {
  return {
    openapi: '3.1.0',
    info: { title, version: '1', description },
    servers: [{ url: issuer }],
    ...(tokenScheme
      ? { components: { securitySchemes: { token: tokenScheme } }, security: [{ token: [] }] }
      : {}),
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, methods]) => [
        path,
        Object.fromEntries(
          Object.entries(methods).map(([method, op]) => [
            method,
            {
              summary: op.summary,
              ...(op.security === 'none' ? { security: [] } : {}),
              parameters: [
                ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
                  name,
                  in: 'path',
                  required: true,
                  schema: { type: 'string' },
                })),
                ...Object.entries(op.query ?? {}).map(([name, q]) => ({
                  name,
                  in: 'query',
                  required: q.required ?? false,
                  description: q.description,
                  schema: json(q.schema),
                })),
              ],
              ...(op.body
                ? {
                    requestBody: {
                      required: true,
                      content: { 'application/json': { schema: json(op.body, 'input') } },
                    },
                  }
                : {}),
              responses: Object.fromEntries(
                Object.entries(op.responses).map(([status, schema]) => [
                  status,
                  {
                    description: STATUS_TEXT[Number(status)] ?? status,
                    ...(schema ? { content: { 'application/json': { schema: json(schema) } } } : {}),
                  },
                ]),
              ),
            },
          ]),
        ),
      ]),
    ),
  };
}

export type OpenApiDocument = ReturnType<typeof document>;

const ERRORS = [400, 401, 403, 404, 405, 414, 429, 500, 503] as const;
const errors = (schema: z.ZodType) => Object.fromEntries(ERRORS.map((s) => [s, schema]));
const accountIdQuery = (required: boolean) => ({
  schema: z.string(),
  required,
  description: 'an accountId from the accounts call',
});
const rangeQuery = {
  dateFrom: { schema: z.string(), description: 'YYYY-MM-DD; no dates: today' },
  dateTo: { schema: z.string(), description: 'YYYY-MM-DD' },
  nextItemKey: { schema: z.string(), description: 'from the previous page' },
};

/** The account API of our dialect (`/api/v1`). The handlers' types must match the schemas (`satisfies`). */
function bankdemoPaths(): Paths {
  return {
    '/api/v1/accounts': {
      get: {
        summary: '口座一覧照会',
        responses: { 200: AccountsSchema satisfies z.ZodType<AccountsResponse>, ...errors(ApiErrorSchema) },
      },
    },
    '/api/v1/accounts/balances': {
      get: {
        summary: '残高照会',
        query: { accountId: accountIdQuery(false) },
        responses: { 200: BalancesSchema satisfies z.ZodType<BalancesResponse>, ...errors(ApiErrorSchema) },
      },
    },
    '/api/v1/accounts/transactions': {
      get: {
        summary: '入出金明細照会 (500 a page)',
        query: { accountId: accountIdQuery(true), ...rangeQuery },
        responses: {
          200: TransactionsSchema satisfies z.ZodType<TransactionsResponse>,
          ...errors(ApiErrorSchema),
        },
      },
    },
  };
}

/** GMO Aozora's, at both channels' base paths. */
function gmoPaths(): Paths {
  const paths: Paths = {};
  for (const base of Object.values(GMO_BASE_PATHS)) {
    paths[`${base}/accounts`] = {
      get: {
        summary: '口座一覧照会',
        responses: {
          200: GmoAccountsSchema satisfies z.ZodType<GmoAccountsResponse>,
          ...errors(ApiErrorSchema),
        },
      },
    };
    paths[`${base}/accounts/balances`] = {
      get: {
        summary: '残高照会',
        query: { accountId: accountIdQuery(false) },
        responses: {
          200: GmoBalancesSchema satisfies z.ZodType<GmoBalancesResponse>,
          ...errors(ApiErrorSchema),
        },
      },
    };
    paths[`${base}/accounts/transactions`] = {
      get: {
        summary: '入出金明細照会 (500 a page)',
        query: { accountId: accountIdQuery(true), ...rangeQuery },
        responses: {
          200: GmoTransactionsSchema satisfies z.ZodType<GmoTransactionsResponse>,
          ...errors(ApiErrorSchema),
        },
      },
    };
  }
  return paths;
}

/**
 * The QA API: the root bank's answers this machine or BANK_QA_ADMIN_TOKEN, a namespace's its own QA
 * token (401 without it); JSON actions only. The root bank's also administers the namespaces.
 */
function qaPaths(namespaceAdmin: boolean): Paths {
  const refusals = (...statuses: number[]) =>
    Object.fromEntries([401, 403, 503, ...statuses].map((s) => [s, qa.QaErrorSchema]));
  const get = (summary: string, ok: z.ZodType, ...statuses: number[]) => ({
    get: { summary, security: 'none' as const, responses: { 200: ok, ...refusals(...statuses) } },
  });
  const post = (summary: string, ok: z.ZodType, body: z.ZodType | undefined, ...statuses: number[]) =>
    postAnswering(200, summary, ok, body, ...statuses);
  const postAnswering = (
    okStatus: 200 | 201,
    summary: string,
    ok: z.ZodType,
    body: z.ZodType | undefined,
    ...statuses: number[]
  ) => ({
    post: {
      summary,
      security: 'none' as const,
      ...(body ? { body } : {}),
      responses: { [okStatus]: ok, ...refusals(415, ...statuses) },
    },
  });
  const namespaces: Paths = {
    '/qa/api/namespaces': {
      ...get('every namespace, with its issuer (not its QA token)', qa.NamespacesSchema),
      ...postAnswering(
        201,
        'make a namespace: a whole bank at /ns/<name>, seeded as this one was; answers its QA token once',
        qa.NamespaceMadeSchema,
        NamespaceCreateBody,
        400,
        409,
      ),
    },
    '/qa/api/namespaces/{name}': {
      delete: {
        summary: 'delete a namespace and everything in it',
        security: 'none',
        responses: { 204: null, ...refusals(404) },
      },
    },
  };
  return {
    ...(namespaceAdmin ? namespaces : {}),
    '/qa/api/bank': get('who this bank is and where its API is', qa.BankFactsSchema),
    '/qa/api/users': get('the test customers, with passwords and TOTP secrets', qa.UsersSchema),
    '/qa/api/otp/{loginId}': get('a personal customer’s current one-time password', qa.OtpSchema, 404),
    '/qa/api/users/{loginId}/unlock': post('unlock a customer', qa.UnlockedSchema, undefined, 404),
    '/qa/api/customers': postAnswering(
      201,
      'define a customer (login id, channel, password, accounts and their statements’ size)',
      qa.QaCustomerAnswerSchema,
      QaCustomerSchema,
      400,
      409,
    ),
    '/qa/api/clients': get('the registered apps, with their secrets', qa.ClientsSchema),
    '/qa/api/links': get('every link (consent), newest first', qa.LinksSchema),
    '/qa/api/links/{id}/expire': post('end a link now', qa.LinkAnswerSchema, undefined, 404),
    '/qa/api/links/{id}/expire-in': post(
      'move an active link’s end to N days from now',
      qa.LinkAnswerSchema,
      ExpireInBody,
      400,
      404,
      409,
    ),
    '/qa/api/links/{id}/revoke': post('revoke a link', qa.LinkAnswerSchema, undefined, 404),
    '/qa/api/faults': {
      ...get('scheduled faults and maintenance', qa.FaultsSchema),
      ...post('schedule a fault for the next API calls', qa.FaultsSchema, FaultBody, 400),
      delete: {
        summary: 'clear every fault',
        security: 'none',
        responses: { 200: qa.FaultsSchema, ...refusals() },
      },
    },
    '/qa/api/maintenance': post('turn maintenance on or off', qa.MaintenanceSchema, MaintenanceBody, 400),
    '/qa/api/dpop-nonces': post(
      'whether the token endpoint wants a DPoP-Nonce',
      qa.NoncesSchema,
      NoncesBody,
      400,
    ),
    '/qa/api/accounts/{accountId}/transactions': post(
      'post today’s transactions to an account',
      qa.PostedSchema,
      PostBody,
      400,
      404,
    ),
    '/qa/api/reset': post('back to the seeded bank', qa.ResetSchema, undefined),
    '/qa/api/audit': {
      get: {
        summary: 'the newest audit entries',
        security: 'none',
        query: { limit: { schema: z.string().regex(/^\d+$/), description: '1–1000, 200 unless given' } },
        responses: { 200: qa.AuditSchema, ...refusals() },
      },
    },
  };
}

/**
 * The documents a bank serves at /openapi/…: its account API in its dialect, and its QA API — with
 * the namespace administration when it is the root bank (`namespaceAdmin`), not in a namespace's.
 */
export function openApiDocuments(
  issuer: string,
  dialect: ApiDialect,
  namespaceAdmin: boolean,
): Record<string, OpenApiDocument> {
  const account =
    dialect === 'gmo-aozora'
      ? document(
          'GMO Aozora Net Bank account API (simulated)',
          'GMO Aozora’s published account-information API as this bank serves it (docs/bank.md). The token goes in x-access-token.',
          issuer,
          gmoPaths(),
          { type: 'apiKey', in: 'header', name: 'x-access-token' },
        )
      : document(
          'デモ信用金庫 account-information API',
          'Our dialect (docs/bank.md). Send the access token as Authorization: Bearer, or DPoP with a proof.',
          issuer,
          bankdemoPaths(),
          { type: 'http', scheme: 'bearer' },
        );
  return {
    'account-api.json': account,
    'qa-api.json': document(
      'QA API',
      'The QA console’s JSON twin: loopback only; actions are POSTed as JSON (docs/qa-console.md).',
      issuer,
      qaPaths(namespaceAdmin),
    ),
  };
}
