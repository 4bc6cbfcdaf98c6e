// QA console behaviour: live one-time passwords, and each button or form as a /qa/api call.
const status = document.getElementById('qa-status');
// The console of a namespace is served at /ns/<name>/qa: its API calls go to that namespace.
const base = location.pathname.replace(/\/qa\/?$/, '');

async function call(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const error = await res.json().catch(() => ({}));
    status.textContent = `失敗しました: ${error.errorMessage ?? res.status}`;
    status.classList.add('bad');
    return false;
  }
  return true;
}

const actions = {
  unlock: (d) => call('POST', `/qa/api/users/${d.login}/unlock`, {}),
  expire: (d) => call('POST', `/qa/api/links/${d.link}/expire`, {}),
  revoke: (d) => call('POST', `/qa/api/links/${d.link}/revoke`, {}),
  'clear-faults': () => call('DELETE', '/qa/api/faults'),
  maintenance: (d) => call('POST', '/qa/api/maintenance', { on: d.on === 'true' }),
  reset: () => confirm('初期状態に戻しますか？') && call('POST', '/qa/api/reset', {}),
};

const forms = {
  'status-fault': (f) =>
    call('POST', '/qa/api/faults', {
      status: Number(f.status),
      count: Number(f.count),
      retryAfter: Number(f.retryAfter),
    }),
  'latency-fault': (f) =>
    call('POST', '/qa/api/faults', { latencyMs: Number(f.latencyMs), count: Number(f.count) }),
  'expire-in': (f) => call('POST', `/qa/api/links/${f.linkId}/expire-in`, { days: Number(f.days) }),
  'post-transactions': (f) =>
    call('POST', `/qa/api/accounts/${f.accountId}/transactions`, { count: Number(f.count) }),
};

document.addEventListener('click', async (event) => {
  const target = event.target.closest('[data-action]');
  if (!target) return;
  if (await actions[target.dataset.action]?.(target.dataset)) location.reload();
});

document.addEventListener('submit', async (event) => {
  const form = event.target.closest('[data-form]');
  if (!form) return;
  event.preventDefault();
  if (await forms[form.dataset.form]?.(Object.fromEntries(new FormData(form)))) location.reload();
});

async function refreshOtps() {
  for (const el of document.querySelectorAll('[data-otp-login]')) {
    const res = await fetch(`${base}/qa/api/otp/${el.dataset.otpLogin}`);
    if (!res.ok) continue;
    const { code, remainingSeconds } = await res.json();
    el.textContent = code;
    document.querySelector(`[data-otp-remaining="${el.dataset.otpLogin}"]`).textContent =
      `あと${remainingSeconds}秒`;
  }
}
refreshOtps();
setInterval(refreshOtps, 1000);
