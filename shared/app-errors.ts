/**
 * The desktop app's coded errors: what the core answers instead of throwing across the IPC
 * boundary, and what the renderer turns into a message and its one fix action.
 */
export const APP_ERROR_CODES = [
  'CANCELLED',
  'AUTH_TIMEOUT',
  'AUTH_REJECTED',
  'RELINK_OTHER_CUSTOMER',
  'CONNECT_IN_PROGRESS',
  'CONSENT_EXPIRED',
  'KEYCHAIN_UNAVAILABLE',
  'DPOP_KEY_INVALID',
  'BANK_UNAVAILABLE',
  'RATE_LIMITED',
  'BANK_ERROR',
  'BANK_RESPONSE_INVALID',
  'BANK_REDIRECTED',
  'NOT_FOUND',
  'PROFILE_IN_USE',
  'INVALID_ARGUMENT',
  'DATABASE_TOO_NEW',
  'CONFIG_INVALID',
  'REQUEST_TOO_LARGE',
  'INTERNAL',
  // The browser shell's process has ended (its tab shows how to start it again).
  'APP_STOPPED',
  // Bookkeeping (main/books/).
  'BOOKS_KEYWORD_INVALID',
  'BOOKS_RULE_CONFLICT',
  'BOOKS_EXPORT_EMPTY',
  'BOOKS_TITLE_UNMAPPED',
  'BOOKS_LINE_REGISTERED',
  'BOOKS_CHARS_REPLACED',
  'BOOKS_EXPORT_SKIPPED',
  'BOOKS_TITLE_NAME_INVALID',
  'BOOKS_TITLE_EXISTS',
  'BOOKS_DIRECTION_MISMATCH',
  'BOOKS_FIELD_CUT',
  'BOOKS_AMOUNT_NEGATIVE',
  'BOOKS_ENTRY_UNBALANCED',
  'BOOKS_ENTRY_DELETED',
  'BOOKS_SETTLEMENT_MISMATCH',
  'BOOKS_INVOICE_NUMBER_INVALID',
  'BOOKS_TAX_NOT_IN_FORCE',
  'BOOKS_COUNTERPARTY_EXISTS',
  'BOOKS_TAX_LABEL_UNCONFIRMED',
  'BOOKS_OPENING_UNBALANCED',
  'BOOKS_DATE_BEFORE_OPENING',
  'BOOKS_OPENING_AFTER_ENTRIES',
  'BOOKS_ACCOUNT_EXCLUDED',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** The one thing the user can do about an error; the UI renders it as a button or a hint. */
type FixAction =
  | 'relink'
  | 'retry'
  | 'retry-later'
  | 'unlock-keychain'
  | 'check-bank-settings'
  | 'reload'
  // Bookkeeping: correct what the form holds (a keyword, a date range, a memo); open the 勘定科目 list.
  | 'edit-input'
  | 'open-chart'
  | 'none';

/**
 * Why the OS keychain is unavailable: its collection is locked (a desktop whose keyring was not
 * unlocked at login), no Secret Service / keychain answers at all, or it refused us (a prompt
 * dismissed, access denied).
 */
export type KeychainCause = 'locked' | 'no-service' | 'refused';

/** An error as it crosses the IPC boundary: plain data, no stack, never a token. */
export interface AppErrorInfo {
  code: AppErrorCode;
  /** Diagnostic detail in English for logs and the QA report (never secret). */
  detail?: string;
  /** When the bank said it will take requests again (RATE_LIMITED, BANK_UNAVAILABLE), ISO time. */
  retryAt?: string;
  /** The bank's own error code (`WG_ERR_110`, `INVALID_PARAMETER`…) when the bank refused: shown to the user. */
  bankCode?: string;
  /** KEYCHAIN_UNAVAILABLE: what the keychain said, for the hint that goes with it. */
  keychainCause?: KeychainCause;
  /** RELINK_OTHER_CUSTOMER: the holders of the link's accounts, and of the customer who logged in. */
  customers?: RelinkCustomers;
}

export interface RelinkCustomers {
  expected: string[];
  signedIn: string[];
}

interface ErrorText {
  ja: string;
  en: string;
  action: FixAction;
}

export const APP_ERROR_TEXT: Record<AppErrorCode, ErrorText> = {
  CANCELLED: {
    ja: '銀行との連携はキャンセルされました。',
    en: 'Linking with the bank was cancelled.',
    action: 'retry',
  },
  AUTH_TIMEOUT: {
    ja: 'ブラウザでの認証が5分以内に完了しなかったため、連携を中止しました。',
    en: 'The sign-in in the browser was not completed within 5 minutes, so linking stopped.',
    action: 'retry',
  },
  AUTH_REJECTED: {
    ja: '銀行からの応答を確認できなかったため、連携を中止しました。もう一度お試しください。',
    en: "The bank's answer could not be verified, so linking stopped. Please try again.",
    action: 'retry',
  },
  RELINK_OTHER_CUSTOMER: {
    ja: '銀行では別のお客様としてログインされたため、再連携しませんでした（その許可は取り消しました）。この連携の口座を持つお客様でログインし直してください。',
    en: 'At the bank another customer logged in, so the link was not renewed (that consent was revoked). Log in again as the customer who holds this link’s accounts.',
    action: 'relink',
  },
  CONNECT_IN_PROGRESS: {
    ja: '別の連携手続きがブラウザで進行中です。そちらを完了するか、キャンセルしてください。',
    en: 'Another link is waiting in the browser. Finish it or cancel it first.',
    action: 'none',
  },
  CONSENT_EXPIRED: {
    ja: '銀行との連携の有効期限が切れました（要再連携）。データはそのまま残っています。',
    en: 'The link with the bank has expired (re-link needed). Your data is kept.',
    action: 'relink',
  },
  KEYCHAIN_UNAVAILABLE: {
    ja: 'OSのキーチェーンを利用できないため、連携の鍵を保存・読み出しできません。下の案内のとおりにしてから、もう一度お試しください。',
    en: 'The OS keychain is not available, so the link’s keys cannot be kept or read. Do as the note below says, then try again.',
    action: 'unlock-keychain',
  },
  DPOP_KEY_INVALID: {
    ja: 'この連携を保護する鍵がキーチェーンに見つからないか、壊れています。安全のため、この連携は使えません。再連携してください（データはそのまま残っています）。',
    en: 'The key protecting this link is missing from the keychain or damaged, so the link cannot be used safely. Re-link it (your data is kept).',
    action: 'relink',
  },
  BANK_UNAVAILABLE: {
    ja: '銀行のサービスに接続できません（メンテナンス中または停止中）。しばらくしてからお試しください。',
    en: "The bank's service cannot be reached (maintenance or outage). Try again later.",
    action: 'retry-later',
  },
  RATE_LIMITED: {
    ja: '銀行へのアクセスが集中しています。時間をおいてもう一度お試しください。',
    en: 'The bank is limiting requests. Try again a little later.',
    action: 'retry-later',
  },
  BANK_ERROR: {
    ja: '銀行のサービスでエラーが発生しました。もう一度お試しください。',
    en: "The bank's service answered with an error. Please try again.",
    action: 'retry',
  },
  BANK_RESPONSE_INVALID: {
    ja: '銀行からの応答に想定外の内容があったため、この口座の取り込みを中止しました（取り込み済みのデータはそのままです）。',
    en: "The bank's answer held something unexpected, so this account's import stopped (what was imported is kept).",
    action: 'retry',
  },
  BANK_REDIRECTED: {
    ja: '銀行のAPIが別の場所へ転送しようとしたため、接続を中止しました（アクセストークンは送っていません）。銀行設定のAPIのURLを確認してください。',
    en: "The bank's API tried to send the app elsewhere, so the request stopped (the access token was not sent there). Check the API URL in the bank settings.",
    action: 'check-bank-settings',
  },
  NOT_FOUND: {
    ja: '対象の連携または口座が見つかりません。画面を更新してください。',
    en: 'That link or account no longer exists. Reload the screen.',
    action: 'reload',
  },
  PROFILE_IN_USE: {
    ja: 'この銀行設定を使っている連携（データを残して解除したものを含む）があるため、削除や接続先の変更はできません。名称は変更できます。',
    en: 'A link (also one disconnected with its data kept) uses this bank profile, so it cannot be deleted or pointed elsewhere; its name can be changed.',
    action: 'none',
  },
  INVALID_ARGUMENT: {
    ja: '入力内容に誤りがあります。',
    en: 'The request was not valid.',
    action: 'none',
  },
  DATABASE_TOO_NEW: {
    ja: 'データが新しいバージョンのアプリで保存されています。データを守るため起動を中止しました。アプリを最新版に更新してください。',
    en: 'Your data was saved by a newer version of the app. To keep it safe the app did not start. Update the app to the latest version.',
    action: 'none',
  },
  CONFIG_INVALID: {
    ja: 'アプリの起動設定（環境変数 BANKDEMO_*）に誤りがあるため、起動を中止しました。表示された設定を直してから起動してください。',
    en: "The app's start-up settings (the BANKDEMO_* environment variables) hold a bad value, so it did not start. Correct the setting named, then start it again.",
    action: 'none',
  },
  REQUEST_TOO_LARGE: {
    ja: 'アプリに送る内容が大きすぎます（64KBまで）。入力を短くしてから、もう一度お試しください。',
    en: 'What was sent to the app is too large (64 KB at most). Shorten the input and try again.',
    action: 'edit-input',
  },
  APP_STOPPED: {
    ja: 'アプリは停止しています。ターミナルで npm run start:browser を実行し、表示された URL を開いてください。',
    en: 'The app has stopped. Run npm run start:browser in a terminal and open the URL it prints.',
    action: 'none',
  },
  INTERNAL: {
    ja: 'アプリ内部でエラーが発生しました。もう一度お試しください。',
    en: 'Something went wrong inside the app. Please try again.',
    action: 'retry',
  },
  BOOKS_KEYWORD_INVALID: {
    ja: 'ルールのキーワードが空か、使えない文字を含んでいます（全角・半角を揃えて40文字以内）。キーワードを直してください。',
    en: "The rule's keyword is empty or holds characters remarks never have (40 characters at most). Correct the keyword.",
    action: 'edit-input',
  },
  BOOKS_RULE_CONFLICT: {
    ja: '同じ条件のルールがすでにあり、どちらを優先するか決められません。既存のルールを編集するか、条件を変えてください。',
    en: 'A rule with the same condition exists, so neither could win. Edit that rule, or change the condition.',
    action: 'edit-input',
  },
  BOOKS_EXPORT_EMPTY: {
    ja: '指定の期間に出力できる仕訳がありません。期間を変えるか、先に明細を登録してください。',
    en: 'There are no journal entries to export in that period. Change the period, or register lines first.',
    action: 'edit-input',
  },
  BOOKS_TITLE_UNMAPPED: {
    ja: '出力先の会計ソフトでの名称が未設定の勘定科目があります。勘定科目の設定で名称を入力してください。',
    en: 'An account title has no name in the target accounting package. Enter one in the account titles.',
    action: 'open-chart',
  },
  BOOKS_LINE_REGISTERED: {
    ja: 'この明細はすでに別の内容で登録済みです。変更するには、いったん未処理に戻してから登録してください。',
    en: 'This line is already registered differently. Return it to unprocessed first to change it.',
    action: 'reload',
  },
  BOOKS_CHARS_REPLACED: {
    ja: 'Shift_JISで表せない文字を「〓」に置き換えて出力しました。該当する仕訳の摘要などを確認してください。',
    en: 'Characters Shift_JIS cannot hold were written as 〓. Check the memos of the entries listed.',
    action: 'none',
  },
  BOOKS_EXPORT_SKIPPED: {
    ja: '口座間の振替は freee の取引形式では出力できないため、除外しました。freee では口座振替として登録してください。',
    en: 'Transfers between own accounts cannot be freee 取引 and were left out; record them as 口座振替 in freee.',
    action: 'none',
  },
  BOOKS_TITLE_NAME_INVALID: {
    ja: '勘定科目・補助科目の名前が空か、長すぎるか、使えない文字を含みます（弥生の桁数で24桁まで: 半角1桁・全角2桁。改行などの制御文字や、先頭の = + - @ は使えません）。名前を直してください。',
    en: 'An account title or sub-account name is empty, too long or holds a character it cannot (24 桁 as 弥生 counts them: half-width 1, full-width 2; no control characters such as line breaks, no = + - @ at the start). Correct the name.',
    action: 'edit-input',
  },
  BOOKS_FIELD_CUT: {
    ja: '弥生会計は取り込むときに長すぎる項目の末尾を切り捨てます（勘定科目・補助科目24桁、摘要64桁、仕訳メモ180桁。半角1桁・全角2桁）。切り捨てられる部分を確認し、必要なら仕訳を短く直してください。',
    en: '弥生 cuts the end of a field that is too long when it imports (titles and sub-accounts 24 桁, 摘要 64, 仕訳メモ 180; half-width 1, full-width 2). Check the part that would be cut and shorten the entry if it matters.',
    action: 'none',
  },
  BOOKS_TITLE_EXISTS: {
    ja: '同じ名前の勘定科目（またはこの勘定科目の同じ名前の補助科目）がすでにあります。別の名前にしてください。',
    en: 'An account title (or a sub-account of this title) with that name exists. Choose another name.',
    action: 'edit-input',
  },
  BOOKS_DIRECTION_MISMATCH: {
    ja: '選んだ勘定科目・税区分は、選択した明細の入金・出金の向きに合いません（入金に費用・課対仕入、出金に収益・課税売上）。向きの合う明細だけを選ぶか、科目を選び直してください。',
    en: 'The title or tax category does not fit the lines’ direction (an expense or purchase tax on money received, revenue or sales tax on money paid). Tick only lines it fits, or choose again.',
    action: 'edit-input',
  },
  BOOKS_AMOUNT_NEGATIVE: {
    ja: '銀行がマイナスの金額で送ってきた明細のため、仕訳として登録できません（仕訳の金額は0円以上です）。この明細は無視にして、入金・出金を逆にした仕訳として会計ソフトで手入力するか、税理士に確認してください。',
    en: 'The bank sent this line with a negative amount, which no journal entry can hold. Ignore the line here and book it by hand in your accounting software as the opposite direction, or ask your accountant.',
    action: 'none',
  },
  BOOKS_ENTRY_UNBALANCED: {
    ja: '借方の合計と貸方の合計が一致しないため、仕訳を登録できません（何も書き込んでいません）。差額の行を追加するか、金額を直してください。',
    en: 'The debit total does not equal the credit total, so the entry was not written (nothing was saved). Add a line for the difference or correct the amounts.',
    action: 'edit-input',
  },
  BOOKS_ENTRY_DELETED: {
    ja: 'この仕訳は削除済みのため、修正・削除できません。履歴で削除前の内容を確認し、必要なら振替伝票として入力し直してください。',
    en: 'This entry has been deleted and cannot be corrected or deleted again. See its history for what it said, and enter it again as a journal voucher if needed.',
    action: 'none',
  },
  BOOKS_SETTLEMENT_MISMATCH: {
    ja: '消込の対象の売掛金・買掛金が、すでに消込済みか、仕訳の金額・取引先と合わないため、登録できません（何も書き込んでいません）。明細を選び直して、表示された消込の提案から登録してください。',
    en: 'The receivable or payable to settle is already settled, or does not match the entry’s amount or counterparty, so nothing was written. Select the line again and register from the settlement it proposes.',
    action: 'edit-input',
  },
  BOOKS_INVOICE_NUMBER_INVALID: {
    ja: '登録番号は「T」と13桁の数字で、先頭の数字（検査用数字）が残り12桁と合っている必要があります。請求書に書かれた番号を確かめて入力し直してください。',
    en: 'A registration number is "T" and 13 digits whose first digit (the check digit) agrees with the other twelve. Check the number on the invoice and type it again.',
    action: 'edit-input',
  },
  BOOKS_TAX_NOT_IN_FORCE: {
    ja: '選んだ経過措置の税区分は、この取引日には使えません（控除割合は取引日で決まります: 2026-09-30まで80%、2026-10-01〜2028-09-30は70%、2030-09-30まで50%、2031-09-30まで30%）。取引日に合う税区分（たとえば2026-10-05なら「課対仕入10%(控70)」）を選んでください。',
    en: 'The transitional tax category chosen is not in force on this date (the credited share follows the date: 80% to 2026-09-30, 70% 2026-10-01 to 2028-09-30, 50% to 2030-09-30, 30% to 2031-09-30). Choose the category of the date (for 2026-10-05, 課対仕入10%(控70)).',
    action: 'edit-input',
  },
  BOOKS_COUNTERPARTY_EXISTS: {
    ja: '同じ名前の取引先がすでにあります。その取引先を編集するか、別の名前にしてください。',
    en: 'A counterparty with that name exists. Edit that one, or choose another name.',
    action: 'edit-input',
  },
  BOOKS_TAX_LABEL_UNCONFIRMED: {
    ja: 'この会計ソフトは、経過措置（70%・50%・30%など）の税区分の名前をまだ公開していません。同じ形の名前で出力しましたが、取り込み時に税区分の対応付けを求められたら、会計ソフト側の該当する税区分を選んでください。',
    en: 'This package has not yet published its name for this transitional tax category (70%, 50%, 30%…). It was written in the same form as the published ones; if the import asks you to match it, choose the package’s own category.',
    action: 'none',
  },
  BOOKS_OPENING_UNBALANCED: {
    ja: '期首残高の借方合計と貸方合計が一致しません。差額を確認して、どちらかの科目の金額を直してください（元入金・繰越利益剰余金などで調整します）。何も保存していません。',
    en: 'The opening balances’ debits and credits do not add up to the same total. Check the difference and correct an amount (owner’s capital or retained earnings usually takes it). Nothing was saved.',
    action: 'edit-input',
  },
  BOOKS_DATE_BEFORE_OPENING: {
    ja: '期首残高の日付より前の取引は仕訳にできません（その前の取引は期首残高に含まれています）。この明細は無視にするか、期首残高の日付を見直してください。',
    en: 'A transaction dated before the opening balances cannot be booked (it is part of them already). Ignore the line, or review the opening balances’ date.',
    action: 'edit-input',
  },
  BOOKS_OPENING_AFTER_ENTRIES: {
    ja: '期首残高の日付より前の日付の仕訳がすでにあります。期首の日付を最も古い仕訳の日付以前にしてください。何も保存していません。',
    en: 'Entries already exist dated before these opening balances. Choose a start no later than the oldest entry’s date. Nothing was saved.',
    action: 'edit-input',
  },
  BOOKS_ACCOUNT_EXCLUDED: {
    ja: 'この明細の口座は帳簿に含めない設定です。仕訳にするには、帳簿の「勘定科目」画面（口座の補助科目と帳簿）でこの口座の「帳簿に含める」をオンにしてください。',
    en: 'This line’s account is left out of the books. To book it, turn on “Include in the books” for the account under Books → Account titles (bank accounts and the books).',
    action: 'none',
  },
};

/** What the core throws inside main; converted to AppErrorInfo at the IPC boundary. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly retryAt: string | undefined;
  readonly bankCode: string | undefined;
  readonly keychainCause: KeychainCause | undefined;
  readonly customers: RelinkCustomers | undefined;

  constructor(
    code: AppErrorCode,
    detail?: string,
    options: {
      retryAt?: string;
      bankCode?: string;
      cause?: unknown;
      keychainCause?: KeychainCause;
      customers?: RelinkCustomers;
    } = {},
  ) {
    super(detail ?? APP_ERROR_TEXT[code].en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAt = options.retryAt;
    this.bankCode = options.bankCode;
    this.keychainCause = options.keychainCause;
    this.customers = options.customers;
  }

  toInfo(): AppErrorInfo {
    return {
      code: this.code,
      detail: this.message,
      ...(this.retryAt ? { retryAt: this.retryAt } : {}),
      ...(this.bankCode ? { bankCode: this.bankCode } : {}),
      ...(this.keychainCause ? { keychainCause: this.keychainCause } : {}),
      ...(this.customers ? { customers: this.customers } : {}),
    };
  }
}

/** Any thrown value as a coded error; anything unexpected becomes INTERNAL without its details. */
export function toAppErrorInfo(error: unknown): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  return { code: 'INTERNAL' };
}
