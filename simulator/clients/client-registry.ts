import type { ClientMetadata } from 'oidc-provider';
import type { Channel } from '../../shared/bank/oauth.ts';
import type { JstDate } from '../../shared/dates.ts';

/** A company's app that may ask customers for consent, and since when on which channel. */
export interface RegisteredClient {
  clientId: string;
  company: string;
  service: string;
  /** Our own desktop app is a public native client; partners are confidential web services. */
  kind: 'native' | 'partner';
  /** Documented demo secret (listed on the QA console); partners only. */
  secret?: string;
  /** 連携開始日 per channel; a channel that is absent is 未連携. */
  since: Partial<Record<Channel, JstDate>>;
  /**
   * Sender-constrained tokens required (RFC 9449 `dpop_bound_access_tokens`): the token endpoint
   * refuses this client's requests without a DPoP proof, so every token it holds is bound to its key.
   * Our desktop app keeps a key per link; the seed's partners send bearer requests as they always did.
   */
  dpopBoundAccessTokens: boolean;
}

export const DESKTOP_CLIENT_ID = 'bankdemo-desktop';

const partner = (
  clientId: string,
  company: string,
  service: string,
  since: RegisteredClient['since'],
): RegisteredClient => ({
  clientId,
  company,
  service,
  kind: 'partner',
  secret: `${clientId}-demo-secret`,
  since,
  dpopBoundAccessTokens: false,
});

/** The seed page's table of partners (2021年4月末現在), plus the desktop app this project builds. */
export const CLIENT_REGISTRY: readonly RegisteredClient[] = [
  partner('freee', 'freee 株式会社', '「クラウド会計ソフト freee」 クラウド会計サービス', {
    personal: '2020-02-03',
    corporate: '2019-02-04',
  }),
  partner('sorimachi', 'ソリマチ株式会社', '「会計王」「スマホ社長」等', {
    personal: '2019-05-23',
    corporate: '2019-05-23',
  }),
  partner('zaim', '株式会社 Zaim', '家計簿サービス「Zaim」', { personal: '2019-05-20' }),
  partner('moneyforward', '株式会社マネーフォワード', '「マネーフォワードME」等', {
    personal: '2019-07-22',
    corporate: '2019-07-22',
  }),
  partner('moneytree', 'マネーツリー株式会社', 'Moneytree 等', {
    personal: '2019-07-22',
    corporate: '2019-07-22',
  }),
  partner('yayoi', '弥生株式会社', '弥生会計 等', { personal: '2020-06-02', corporate: '2020-06-02' }),
  partner('sbi-moneylook', 'SBI ビジネスソリューションズ株式会社', 'MoneyLook', {
    personal: '2020-06-09',
    corporate: '2020-06-09',
  }),
  partner('mjs', '株式会社ミロク情報サービス', '「ACELINK NX-CE」「iCompass NX」等', {
    personal: '2020-06-01',
    corporate: '2020-06-01',
  }),
  partner('mwi', 'Miroku Webcash International 株式会社', 'Account Tracker', {
    personal: '2020-06-01',
    corporate: '2020-06-01',
  }),
  partner('emerada', 'エメラダ株式会社', 'エメラダ・マーケットプレイス', {
    personal: '2021-04-19',
    corporate: '2021-04-19',
  }),
  {
    clientId: DESKTOP_CLIENT_ID,
    company: 'BankDemo',
    service: 'BankDemo デスクトップ（小規模事業者向け帳簿アプリ）',
    kind: 'native',
    since: { personal: '2026-01-05', corporate: '2026-01-05' },
    dpopBoundAccessTokens: true,
  },
];

/** How the bank's pages name a partner: the company, then its service (the seed table's two columns). */
export const partnerName = (client: RegisteredClient): string => `${client.company}（${client.service}）`;

export function findRegisteredClient(clientId: string): RegisteredClient | undefined {
  return CLIENT_REGISTRY.find((c) => c.clientId === clientId);
}

export const channelsOf = (client: RegisteredClient): Channel[] =>
  (Object.keys(client.since) as Channel[]).filter((ch) => client.since[ch] !== undefined);

/** Connected means registered for the channel with a start date that has come. */
export function isConnected(client: RegisteredClient, channel: Channel, today: JstDate): boolean {
  const since = client.since[channel];
  return since !== undefined && since <= today;
}

/**
 * The channel an authorization request is for: the `channel` parameter, or the client's only
 * channel when it has one. `undefined` when a two-channel client did not say.
 */
export function requestedChannel(client: RegisteredClient, param: unknown): Channel | undefined {
  if (param === 'personal' || param === 'corporate') return param;
  const channels = channelsOf(client);
  return channels.length === 1 ? channels[0] : undefined;
}

/** What oidc-provider is told about each client. Partners land on the bank's demo callback page. */
export function oidcClientMetadata(client: RegisteredClient, issuer: string): ClientMetadata {
  const common: ClientMetadata = {
    client_id: client.clientId,
    client_name: client.service,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // oidc-provider 9 knows this metadata with features.dPoP on: without a proof, a code or refresh
    // grant is invalid_grant "DPoP proof JWT not provided" (helpers/sender_constraints.js).
    dpop_bound_access_tokens: client.dpopBoundAccessTokens,
  };
  if (client.kind === 'native') {
    // RFC 8252 §7.3: the registered loopback URI matches any port the app listens on.
    return {
      ...common,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/callback'],
    };
  }
  return {
    ...common,
    application_type: 'web',
    token_endpoint_auth_method: 'client_secret_basic',
    client_secret: client.secret,
    redirect_uris: [`${issuer}/qa/callback`],
  };
}
