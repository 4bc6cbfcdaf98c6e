import { z } from 'zod';

/**
 * The QA API's answers (`/qa/api/*`), strict like the account API's (api-schemas.ts); the request
 * bodies are the routes' own zod schemas, so what the document says is what the route checks.
 */
const isoTime = z.string().describe('ISO 8601, UTC');

export const QaErrorSchema = z
  .object({
    errorCode: z.string().describe('NOT_FOUND, INVALID_PARAMETER, QA_LOOPBACK_ONLY…'),
    errorMessage: z.string(),
  })
  .strict();

export const BankFactsSchema = z
  .object({
    name: z.string(),
    nameEn: z.string(),
    code: z.string().regex(/^\d{4}$/),
    branches: z.array(z.object({ code: z.string(), name: z.string() }).strict()),
    issuer: z.url(),
    apiDialect: z.enum(['bankdemo', 'gmo-aozora']),
    apiBases: z.object({ personal: z.url(), corporate: z.url() }).strict(),
    tokenHeader: z.enum(['Authorization: Bearer', 'x-access-token']),
    // The process and data folder, so the desktop app can tell whose bank answers on its port.
    pid: z.number().int().positive(),
    dataDir: z.string(),
  })
  .strict();

export const OtpSchema = z
  .object({ code: z.string().regex(/^\d{6}$/), remainingSeconds: z.number().int() })
  .strict();

export const UsersSchema = z
  .object({
    users: z.array(
      z
        .object({
          loginId: z.string(),
          channel: z.enum(['personal', 'corporate']),
          name: z.string(),
          password: z.string().optional(),
          passwordLogin: z.boolean(),
          certificateLogin: z.boolean(),
          totpSecret: z.string().optional(),
          locked: z.boolean(),
          failedAttempts: z.number().int(),
          accounts: z.array(z.string()),
        })
        .strict(),
    ),
  })
  .strict();

export const UnlockedSchema = z.object({ loginId: z.string(), locked: z.literal(false) }).strict();

export const ClientsSchema = z
  .object({
    clients: z.array(
      z
        .object({
          clientId: z.string(),
          company: z.string(),
          service: z.string(),
          kind: z.enum(['native', 'partner']),
          clientSecret: z.string().optional(),
          channels: z.array(z.enum(['personal', 'corporate'])),
          since: z.object({ personal: z.string().optional(), corporate: z.string().optional() }).strict(),
        })
        .strict(),
    ),
  })
  .strict();

const LinkSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    loginId: z.string().optional(),
    customerName: z.string().optional(),
    clientId: z.string(),
    channel: z.enum(['personal', 'corporate']),
    scopes: z.array(z.string()),
    accountIds: z.array(z.string()),
    createdAt: isoTime,
    expiresAt: isoTime,
    expiresAtJst: z.string(),
    revokedAt: isoTime.nullable(),
    revokedBy: z.string().nullable().optional(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .strict();

export const LinksSchema = z.object({ links: z.array(LinkSchema) }).strict();
export const LinkAnswerSchema = z.object({ link: LinkSchema }).strict();

const FaultSchema = z.union([
  z
    .object({
      kind: z.literal('status'),
      status: z.union([z.literal(500), z.literal(503), z.literal(429)]),
      count: z.number().int(),
      retryAfterSeconds: z.number().int(),
    })
    .strict(),
  z.object({ kind: z.literal('latency'), latencyMs: z.number().int(), count: z.number().int() }).strict(),
]);

export const FaultsSchema = z.object({ faults: z.array(FaultSchema), maintenance: z.boolean() }).strict();
export const MaintenanceSchema = z.object({ maintenance: z.boolean() }).strict();
export const NoncesSchema = z.object({ required: z.boolean() }).strict();
export const ResetSchema = z.object({ reset: z.literal(true) }).strict();

export const PostedSchema = z
  .object({
    accountId: z.string(),
    transactions: z.array(
      z
        .object({
          itemKey: z.string(),
          transactionDate: z.string(),
          transactionType: z.enum(['1', '2']),
          amount: z.string(),
          remarks: z.string(),
          balance: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export const AuditSchema = z
  .object({
    entries: z.array(
      z
        .object({
          id: z.number().int(),
          at: isoTime,
          event: z.string(),
          outcome: z.enum(['success', 'failure', 'info']),
          customerId: z.string().optional(),
          clientId: z.string().optional(),
          detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const QaCustomerAnswerSchema = z
  .object({
    customer: z
      .object({
        loginId: z.string(),
        channel: z.enum(['personal', 'corporate']),
        accounts: z.array(z.string()),
        totpSecret: z.string().optional().describe('a personal customer’s one-time-password secret'),
      })
      .strict(),
  })
  .strict();

/** The root bank's namespace administration (`/qa/api/namespaces`); a namespace's issuer is the root's + `/ns/<name>`. */
export const NamespacesSchema = z
  .object({
    namespaces: z.array(z.object({ name: z.string(), issuer: z.url(), createdAt: isoTime }).strict()),
  })
  .strict();

export const NamespaceMadeSchema = z
  .object({
    name: z.string(),
    issuer: z.url(),
    qaToken: z.string().describe('its QA API’s token (Authorization: Bearer), shown this once'),
  })
  .strict();
