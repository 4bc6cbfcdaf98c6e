/**
 * The UI vocabulary the app implements (Japanese, English), as the suite looks things up: by role
 * and accessible name, by these words and by the data-testid/data-code hooks, never by CSS classes.
 */
export type Language = 'ja' | 'en';

const WORDS = {
  heading: ['デモ信用金庫 連携アプリ', 'BankDemo'],
  accounts: ['口座', 'Accounts'],
  statements: ['明細', 'Statements'],
  links: ['連携', 'Links'],
  books: ['帳簿', 'Books'],
  chartQuestion: ['勘定科目の種類を選んでください', 'Which chart of accounts do you keep?'],
  corporationChart: ['法人', 'Company (法人)'],
  soleChart: ['個人事業主', 'Sole proprietor (個人事業主)'],
  settings: ['設定', 'Settings'],
  linkAccount: ['口座を連携', 'Link an account'],
  personal: ['個人（WEBバンキング）', 'Personal (WEB Banking)'],
  corporate: ['法人（WEB-FB）', 'Business (WEB-FB)'],
  continueInBrowser: ['ブラウザで認証を続けてください', 'Continue in your browser'],
  cancel: ['キャンセル', 'Cancel'],
  sync: ['同期', 'Sync'],
  lastSync: ['前回の同期', 'Last sync'],
  waitingForBank: ['銀行の指示で待機中', 'Waiting as the bank asked'],
  relink: ['再連携', 'Re-link'],
  relinkStart: ['銀行の画面を開く', 'Open the bank'],
  retry: ['再試行', 'Retry'],
  total: ['合計', 'Total'],
  disconnect: ['連携解除', 'Disconnect'],
  disconnectKeepData: ['データを残して解除', 'Disconnect, keep data'],
  active: ['有効', 'Active'],
  relinkNeeded: ['要再連携', 'Re-link needed'],
  expiring: ['まもなく期限切れ', 'Expiring soon'],
  disconnected: ['連携解除済み', 'Disconnected'],
  deleteKept: ['保存データを削除', 'Delete kept data'],
  deleteKeptConfirm: ['削除する', 'Delete'],
  deleting: ['削除中', 'Deleting'],
  deletingKept: ['保存データを削除中', 'Deleting the data kept from'],
  applyingRules: ['自動登録ルールを適用中', 'Applying the auto-register rules'],
  buildingExport: ['エクスポートを作成中', 'Building the export'],
  linked: ['連携日', 'Linked'],
  expires: ['有効期限', 'Expires'],
  language: ['言語', 'Language'],
  bank: ['銀行', 'Bank'],
  profileName: ['名称', 'Name'],
  issuer: ['認可サーバーのURL', 'Issuer URL'],
  clientId: ['クライアントID', 'Client ID'],
  apiBase: ['APIのURL', 'API base URL'],
  testConnection: ['接続テスト', 'Test connection'],
  advanced: ['詳細設定', 'Advanced settings'],
  save: ['保存', 'Save'],
  account: ['口座', 'Account'],
} as const satisfies Record<string, readonly [string, string]>;

export type Word = keyof typeof WORDS;

export function word(key: Word, language: Language): string {
  return WORDS[key][language === 'ja' ? 0 : 1];
}
