/** The small page the browser tab shows after the bank sent it back to the app. */
const RESULTS = {
  done: { ja: '連携が完了しました。アプリに戻ってください。', en: 'Linked. Please return to the app.' },
  cancelled: {
    ja: '連携はキャンセルされました。アプリに戻ってください。',
    en: 'Linking was cancelled. Please return to the app.',
  },
  stray: {
    ja: 'このアクセスは、アプリが待っている連携のものではないため受け付けませんでした。',
    en: 'This request is not the answer to the link the app is waiting for, so it was refused.',
  },
  failed: {
    ja: '連携できませんでした。アプリに戻り、表示に従ってください。',
    en: 'Linking did not complete. Return to the app and follow what it says.',
  },
} as const;

export function callbackPage(result: string | null): string {
  const known = result === 'done' || result === 'cancelled' || result === 'stray';
  const text = RESULTS[known ? result : 'failed'];
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${text.ja}</title>
<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;color:#1f2a37;line-height:1.7}
h1{font-size:1.25rem}p{color:#555}</style></head>
<body><h1>${text.ja}</h1><p lang="en">${text.en}</p><p>このタブは閉じてかまいません。 / You can close this tab.</p></body></html>`;
}
