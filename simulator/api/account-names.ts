/** What our dialect calls the account types and the currency, as Japanese banks write them. */
export const ACCOUNT_TYPE_NAMES = { '01': '普通預金', '02': '当座預金' } as const;
export const CURRENCY = { currencyCode: 'JPY', currencyName: '日本円' } as const;
