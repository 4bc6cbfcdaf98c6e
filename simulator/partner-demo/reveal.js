// Partner demo: トークンを表示 fetches the walk's full tokens from the partner's server on demand
// (loopback only, with the walk's own form token), so the page as served, saved or printed holds
// them masked only. Hidden again before printing and when the page is left.
for (const box of document.querySelectorAll('[data-reveal]')) {
  const button = box.querySelector('button');
  const shown = box.querySelector('pre');
  const hide = () => {
    shown.textContent = '';
    shown.hidden = true;
    button.textContent = button.dataset.show;
  };
  button.addEventListener('click', async () => {
    if (!shown.hidden) return hide();
    const res = await fetch(box.dataset.reveal, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csrf: box.dataset.csrf, exchange: box.dataset.exchange }),
    });
    shown.textContent = res.ok
      ? JSON.stringify(await res.json(), null, 2)
      : `HTTP ${res.status}: トークンを取得できませんでした / Could not fetch the tokens`;
    shown.hidden = false;
    button.textContent = button.dataset.hide;
  });
  window.addEventListener('beforeprint', hide);
  window.addEventListener('pagehide', hide);
}
