/**
 * Every sentence the bank's pages show, in Japanese (default, worded as on the seed page) and in
 * English (`ui_locales=en`). Pages pick a catalogue; they never hold text of their own.
 */
export type Locale = 'ja' | 'en';

const ja = {
  layout: {
    serviceName: 'しんきんインターネットバンキングAPIサービス',
    copyright: '本Webサイト上における各コンテンツは、著作権によって保護されています。',
    thisIsBankSite: (bank: string) => `※当画面は、${bank}のWebサイトです。`,
  },
  common: {
    client: '連携先サービス',
    cancel: 'キャンセル',
    cancelNote: '※「キャンセル」ボタン押下後は、外部サービスの画面へ戻ります。',
    authenticate: '認証',
  },
  personal: {
    title: 'APIサービス認証',
    channel: 'WEBバンキング（個人のお客さま）',
    intro:
      '外部サービスと口座連携するため、個人インターネットバンキングシステムの契約者IDおよびログインパスワードを入力して「認証」ボタンを押下してください。',
    loginId: '契約者ID',
    password: 'ログインパスワード',
  },
  otp: {
    title: 'ワンタイムパスワード認証',
    intro: 'ワンタイムパスワードアプリに表示されている6桁の数字を入力して「認証」ボタンを押下してください。',
    code: 'ワンタイムパスワード',
    customer: 'ご契約者',
  },
  corporate: {
    title: 'APIサービス認証',
    channel: 'WEB-FB（法人のお客さま）',
    passwordHeading: 'ID・パスワード方式のお客さま',
    passwordIntro:
      '外部サービスと口座連携するため、法人インターネットバンキングシステムのお客様IDおよびログインパスワードを入力して「認証」ボタンを押下してください。',
    loginId: 'お客様ID',
    password: 'ログインパスワード',
    certificateHeading: '電子証明書方式のお客さま',
    certificateIntro: '外部サービスと口座連携するため、「電子証明書認証」ボタンを押下してください。',
    certificateButton: '電子証明書認証',
    notesHeading: '注意事項',
    caseNote: '※ お客様ID、パスワードは英字の大文字と小文字を区別しますので、ご注意ください。',
    certificateOnlyNote:
      '※ 電子証明書方式でご契約のお客さまは、ID・パスワードではなく「電子証明書認証」からお進みください。',
  },
  consent: {
    title: 'アクセス許可',
    operationsHeading: '外部サービスに許可する業務',
    accountsHeading: '連携する口座',
    accountsNote: '連携する口座を選択してください。',
    validity: (days: string, until: string) => `口座連携の有効期限は${days}です（${until}まで）。`,
    revokeNote: '有効期限内に許可を解除する場合は、ご利用の外部サービスにてお手続きください。',
    termsName: 'しんきんインターネットバンキングAPIサービス利用規定',
    termsLink: '⇒規定はこちらからご確認ください。',
    agreeIntro: 'ご確認のうえ、同意されたお客様は以下にチェックした後、「許可」ボタンを押下してください。',
    agree: 'しんきんインターネットバンキングAPIサービス利用規定に同意しました。',
    allow: '許可',
    buttonsNote: '※「許可」ボタンまたは「キャンセル」ボタン押下後は、外部サービスの画面へ戻ります。',
    days: (n: number) => `${n}日間`,
    minutes: (n: number) => `${n}分間`,
    loggedIn: (name: string, channel: 'personal' | 'corporate', maskedId: string) =>
      `ログイン中のお客さま：${name} 様（${channel === 'personal' ? '契約者ID' : 'お客様ID'} ${maskedId}）`,
  },
  errors: {
    loginRefused:
      'ログインできません。IDかパスワードが正しくないか、このIDはパスワードではご利用いただけないか、続けて5回誤ったためご利用を停止しています。ご不明な点や停止の解除は、お取引店にお問い合わせください（テスト環境ではQAコンソールで解除できます）。',
    attemptsLeft: (n: number) => `あと${n}回誤るとご利用が停止されます。`,
    locked:
      'パスワード（ワンタイムパスワード）を続けて誤ったため、ご利用を停止しています。ロックの解除はお取引店にお問い合わせください（テスト環境ではQAコンソールで解除できます）。',
    badOtp: 'ワンタイムパスワードが正しくないか、すでに使用されています。新しい番号を入力してください。',
    otpExpiredNext: 'このワンタイムパスワードは有効期限が切れました。次に表示される番号を入力してください。',
    termsRequired: '利用規定への同意のチェックがありません。内容をご確認のうえチェックしてください。',
    accountsRequired: '連携する口座を1つ以上選択してください。',
    csrf: '画面の有効期限が切れたか、不正な操作を検出しました。もう一度お試しください。',
    sessionTitle: 'お手続きを続けられません',
    session:
      'お手続きの有効期限が切れたか、画面が正しく開かれていません。ご利用の外部サービスの画面から、もう一度最初からお手続きください。',
    channelTitle: 'このサービスはご利用いただけません',
    channelRefused: (service: string, channel: string) =>
      `${service}は、${channel}との連携を行っていません（未連携）。ご利用の外部サービスにお問い合わせください。`,
    backToService: '外部サービスの画面へ戻る',
    certificateTitle: '電子証明書を確認できません',
    certificateMissing:
      '有効な電子証明書が提示されませんでした。当金庫が発行した電子証明書をブラウザに登録してから、もう一度「電子証明書認証」を押してください。',
    certificateUnknown:
      'この電子証明書に対応するご契約が見つからないか、電子証明書方式のご利用が登録されていません。',
    backToLogin: '認証画面に戻る',
    genericTitle: 'エラーが発生しました',
    notFoundTitle: 'ページが見つかりません',
    notFound:
      'お探しのページは移動または削除されたか、アドレスが正しくありません。ご利用の外部サービスの画面から、もう一度お手続きください。',
    toPartners: '連携先の一覧へ',
    badRequest: '送信された内容を受け付けられませんでした。画面を開き直して、もう一度お試しください。',
  },
  terms: {
    title: 'しんきんインターネットバンキングAPIサービス利用規定',
  },
  security: {
    heading: 'セキュリティに関するご注意',
    phishing:
      '当金庫が電子メールやSMSで、お客さまのID・パスワード・ワンタイムパスワードをお尋ねすることは一切ありません。メールやSMSのリンクから開いた画面には入力しないでください。',
    address: 'ご利用の前に、ブラウザのアドレス欄が当金庫のアドレスであることをご確認ください。',
    helpDesk: 'インターネットバンキング ヘルプデスク',
    phone: 'フリーダイヤル 0120-000-000',
    hours: '受付時間 平日 9:00〜17:00（土・日・祝日、12/31〜1/3を除く）',
  },
  partners: {
    title: '連携先の一覧について',
    asOf: (date: string) => `${date}現在`,
    company: '連携先',
    service: 'サービス内容',
    since: '連携開始日',
    personal: 'WEBバンキング',
    corporate: 'WEB-FB',
    notConnected: '未連携',
    dpop: '鍵による保護',
    dpopTitle: 'DPoP（RFC 9449）',
    dpopRequired: '必須',
    dpopOptional: '—',
    dpopNote:
      '※「鍵による保護」が必須の連携先には、アプリが持つ鍵で署名した証明（DPoP）を添えた場合にのみトークンを発行します。トークンが漏れても、鍵を持たない第三者は使えません。',
    demo: '連携の流れをデモで見る（パートナー企業・テスト担当者向け、この端末からのみ）',
    more: '※ 当信用金庫では、今後も外部企業とのAPI連携を順次開始していく予定です。',
    routing:
      '外部企業のサービスによって自動的にいずれかの認証画面に遷移します。個人向けサービスの場合は「WEBバンキング」、法人向けサービスの場合は「WEB-FB」となります。',
  },
};

export type Messages = typeof ja;

const en: Messages = {
  layout: {
    serviceName: 'Shinkin Internet Banking API Service',
    copyright: 'All content on this website is protected by copyright.',
    thisIsBankSite: (bank: string) => `This page is a ${bank} website.`,
  },
  common: {
    client: 'Connecting service',
    cancel: 'Cancel',
    cancelNote: 'After “Cancel” you return to the external service.',
    authenticate: 'Authenticate',
  },
  personal: {
    title: 'API service authentication',
    channel: 'WEB Banking (personal customers)',
    intro:
      'To link your account with the external service, enter the contract ID and login password of your personal internet banking and press “Authenticate”.',
    loginId: 'Contract ID',
    password: 'Login password',
  },
  otp: {
    title: 'One-time password',
    intro: 'Enter the 6-digit number shown in your one-time password app and press “Authenticate”.',
    code: 'One-time password',
    customer: 'Customer',
  },
  corporate: {
    title: 'API service authentication',
    channel: 'WEB-FB (corporate customers)',
    passwordHeading: 'Customers using ID and password',
    passwordIntro:
      'To link your account with the external service, enter the customer ID and login password of your corporate internet banking and press “Authenticate”.',
    loginId: 'Customer ID',
    password: 'Login password',
    certificateHeading: 'Customers using an electronic certificate',
    certificateIntro: 'To link your account with the external service, press “Certificate authentication”.',
    certificateButton: 'Certificate authentication',
    notesHeading: 'Notes',
    caseNote: 'Customer IDs and passwords are case-sensitive.',
    certificateOnlyNote:
      'Customers with an electronic-certificate contract continue with “Certificate authentication”, not with an ID and password.',
  },
  consent: {
    title: 'Access permission',
    operationsHeading: 'Operations allowed to the external service',
    accountsHeading: 'Accounts to link',
    accountsNote: 'Choose the accounts to link.',
    validity: (days: string, until: string) => `The link is valid for ${days} (until ${until}).`,
    revokeNote: 'To withdraw this permission before it expires, do so in the external service.',
    termsName: 'Shinkin Internet Banking API Service Terms',
    termsLink: '⇒ Read the terms here.',
    agreeIntro: 'If you agree after reading them, tick the box below and press “Allow”.',
    agree: 'I agree to the Shinkin Internet Banking API Service Terms.',
    allow: 'Allow',
    buttonsNote: 'After “Allow” or “Cancel” you return to the external service.',
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    minutes: (n: number) => `${n} minutes`,
    loggedIn: (name: string, channel: 'personal' | 'corporate', maskedId: string) =>
      `Logged in: ${name} (${channel === 'personal' ? 'contract ID' : 'customer ID'} ${maskedId})`,
  },
  errors: {
    loginRefused:
      'You cannot log in: the ID or password is wrong, this ID cannot be used with a password, or access has been suspended after five wrong attempts in a row. For help or to lift a suspension, contact your branch (in this test bank, the QA console unlocks).',
    attemptsLeft: (n: number) => `${n} more wrong attempts will lock your access.`,
    locked:
      'Access is locked after repeated wrong passwords or one-time passwords. Contact your branch to unlock it (in this test bank, the QA console unlocks).',
    badOtp: 'The one-time password is wrong or was already used. Enter the new number.',
    otpExpiredNext: 'This one-time password has expired. Enter the next number your app shows.',
    termsRequired: 'Please read the terms and tick the box to agree.',
    accountsRequired: 'Choose at least one account to link.',
    csrf: 'This page has expired or the request could not be verified. Please try again.',
    sessionTitle: 'This request cannot continue',
    session:
      'The request has expired or this page was not opened correctly. Start again from the external service.',
    channelTitle: 'This service is not available',
    channelRefused: (service: string, channel: string) =>
      `“${service}” is not connected to ${channel}. Please contact the external service.`,
    backToService: 'Return to the external service',
    certificateTitle: 'The certificate could not be verified',
    certificateMissing:
      'No valid electronic certificate was presented. Install the certificate issued by the bank in your browser and press “Certificate authentication” again.',
    certificateUnknown: 'No contract matches this certificate, or certificate login is not enabled for it.',
    backToLogin: 'Back to authentication',
    genericTitle: 'An error occurred',
    notFoundTitle: 'Page not found',
    notFound:
      'The page you asked for has moved or does not exist. Please start again from the external service.',
    toPartners: 'To the list of connected services',
    badRequest: 'The request could not be accepted. Reopen the page and try again.',
  },
  terms: {
    title: 'Shinkin Internet Banking API Service Terms',
  },
  security: {
    heading: 'Security notice',
    phishing:
      'The bank never asks for your ID, password or one-time password by e-mail or SMS. Do not enter them on a page opened from a link in a message.',
    address: 'Before you log in, check that the address bar shows the bank’s address.',
    helpDesk: 'Internet banking help desk',
    phone: 'Toll-free 0120-000-000',
    hours: 'Weekdays 9:00–17:00 JST (closed on weekends, holidays and Dec 31–Jan 3)',
  },
  partners: {
    title: 'Connected services',
    asOf: (date: string) => `As of ${date}`,
    company: 'Company',
    service: 'Service',
    since: 'Connected since',
    personal: 'WEB Banking',
    corporate: 'WEB-FB',
    notConnected: 'Not connected',
    dpop: 'Key-protected tokens',
    dpopTitle: 'DPoP (RFC 9449)',
    dpopRequired: 'Required',
    dpopOptional: '—',
    dpopNote:
      'Services marked Required get tokens only with a proof signed by a key their app holds (DPoP): a leaked token is useless to anyone without the key.',
    demo: 'Walk through the flow as a partner (demo for partners and testers, on this machine only)',
    more: 'The bank plans to connect more external services.',
    routing:
      'The external service takes you to the right login screen: WEB Banking for personal services, WEB-FB for corporate services.',
  },
};

export const messages: Record<Locale, Messages> = { ja, en };

/** `ui_locales` is a space-separated preference list; we speak Japanese unless English comes first. */
export function localeFrom(uiLocales: unknown): Locale {
  if (typeof uiLocales !== 'string') return 'ja';
  const first = uiLocales.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-') ? 'en' : 'ja';
}
