import { useEffect, useState } from 'react';
import {
  ruleAsSaved,
  type ApplyRulesResult,
  type MatchKind,
  type RuleInput,
  type RulePreview,
  type RuleView,
} from '../../../shared/ipc/books-contract.ts';
import { call, errorInfo } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useDebounced } from '../app/use-debounced.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { TaxSelect, TitleSelect } from './ChartSelects.tsx';
import { fixedLinesComplete, RuleFixedLines } from './RuleFixedLines.tsx';
import type { ChartData } from './use-chart.ts';

const MATCHES: MatchKind[] = ['contains', 'prefix', 'suffix', 'exact'];
const EMPTY: RuleInput = {
  keyword: '',
  match: 'contains',
  titleCode: '',
  taxCode: 'purchase10',
  action: 'suggest',
};

/** ルール: the list, and a form that shows the past lines a rule matches before it is saved. */
export function RuleEditor({
  chart,
  errors,
  draft,
  onDraftUsed,
}: {
  chart: ChartData;
  errors: ErrorState;
  draft: RuleInput | undefined;
  onDraftUsed(): void;
}) {
  const { t, lang, errorText } = useWords();
  const [rules, setRules] = useState<RuleView[]>([]);
  const [form, setForm] = useState<RuleInput & { id?: number }>(draft ?? EMPTY);
  const [preview, setPreview] = useState<RulePreview>();
  const [problem, setProblem] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (draft) onDraftUsed();
  }, [draft, onDraftUsed]);
  useEffect(() => {
    call('books:rules-list', undefined).then(setRules, (error: unknown) => errors.show(error));
  }, [version, errors]);

  const settled = useDebounced(form, 300);
  useEffect(() => {
    if (!settled.titleCode || settled.keyword.trim() === '') {
      setPreview(undefined);
      return;
    }
    let stale = false;
    // A fixed line still being typed (no title or amount yet) does not decide which lines match.
    const fixedLines = (settled.fixedLines ?? []).filter((l) => l.titleCode !== '' && l.amount > 0);
    call('books:rules-preview', { ...settled, fixedLines }).then(
      (answer) => !stale && (setPreview(answer), setProblem(undefined)),
      (error: unknown) => !stale && (setPreview(undefined), setProblem(errorText(errorInfo(error).code))),
    );
    return () => {
      stale = true;
    };
  }, [settled, errorText]);

  const set = (changes: Partial<RuleInput>) => setForm((f) => ({ ...f, ...changes }));
  const amount = (value: string) => (value === '' ? undefined : Math.max(0, Math.floor(Number(value))));
  /** What the last save did: the rule's keyword, then (once applied) what it did to the 未処理 lines. */
  const [saved, setSaved] = useState<{ keyword: string; applied?: ApplyRulesResult }>();
  // A rule saved is applied to the waiting lines at once, not at the next 同期: a 自動登録 rule
  // registers the lines it wins, a 推測 rule's suggestion shows in 仕訳待ち (the count says how many).
  const save = () =>
    call('books:rules-save', form).then(
      (rule) => {
        setForm(EMPTY);
        setVersion((v) => v + 1);
        setApplied(undefined);
        setSaved({ keyword: rule.keyword });
        setApplying(true);
        call('books:rules-apply', undefined).then(
          (result) => (setSaved({ keyword: rule.keyword, applied: result }), setApplying(false)),
          (error: unknown) => (setApplying(false), errors.show(error, { retry: applyNow })),
        );
      },
      (error: unknown) => errors.show(error),
    );
  // The form holds everything of a rule but whether it came with the app.
  const edit = (rule: RuleView) => setForm(ruleAsSaved(rule));
  /** Runs the rules over the 未処理 lines now, rather than at the next 同期, and says what they did. */
  const [applied, setApplied] = useState<ApplyRulesResult>();
  const [applying, setApplying] = useState(false);
  const appliedText = (result: ApplyRulesResult) =>
    t('books.rules.applied', {
      registered: result.registered.toLocaleString(lang),
      suggested: result.suggested.toLocaleString(lang),
    }) +
    (result.transferLines > 0
      ? ` ${t('books.rules.appliedTransfers', { count: result.transferLines })}`
      : '') +
    (result.settlementLines > 0
      ? ` ${t('books.rules.appliedSettlements', { count: result.settlementLines })}`
      : '') +
    (result.tooSmall > 0 ? ` ${t('books.rules.appliedTooSmall', { count: result.tooSmall })}` : '');
  function applyNow() {
    setApplying(true);
    setSaved(undefined);
    call('books:rules-apply', undefined).then(
      (result) => (setApplied(result), setApplying(false)),
      (error: unknown) => (setApplying(false), errors.show(error, { retry: applyNow })),
    );
  }
  /** 削除 asks first, in the rule's own row: the rule and its keyword stay until 削除する. */
  const [deleting, setDeleting] = useState<number>();
  const remove = (id: number) =>
    call('books:rules-delete', { id }).then(
      () => (setDeleting(undefined), setVersion((v) => v + 1)),
      (error: unknown) => errors.show(error),
    );

  return (
    <div className="rules">
      <form
        className="rule-form"
        aria-label={form.id ? t('books.rules.edit') : t('books.rules.new')}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label>
          {t('books.col.keyword')}
          <input value={form.keyword} onChange={(e) => set({ keyword: e.target.value })} maxLength={60} />
        </label>
        <label>
          {t('books.col.condition')}
          <select value={form.match} onChange={(e) => set({ match: e.target.value as MatchKind })}>
            {MATCHES.map((m) => (
              <option key={m} value={m}>
                {t(`books.match.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('books.type.any')}
          <select
            value={form.type ?? ''}
            onChange={(e) => set({ type: (e.target.value || undefined) as RuleInput['type'] })}
          >
            <option value="">{t('books.type.any')}</option>
            <option value="1">{t('books.type.1')}</option>
            <option value="2">{t('books.type.2')}</option>
          </select>
        </label>
        <label>
          {t('books.rules.amountFrom')}
          <input
            type="number"
            min={0}
            value={form.minAmount ?? ''}
            onChange={(e) => set({ minAmount: amount(e.target.value) })}
          />
        </label>
        <label>
          {t('books.rules.amountTo')}
          <input
            type="number"
            min={0}
            value={form.maxAmount ?? ''}
            onChange={(e) => set({ maxAmount: amount(e.target.value) })}
          />
        </label>
        <TitleSelect
          chart={chart}
          value={form.titleCode}
          onChange={(code) =>
            set({
              titleCode: code,
              taxCode: chart.titles.find((x) => x.code === code)?.defaultTax ?? form.taxCode,
            })
          }
        />
        <TaxSelect chart={chart} value={form.taxCode} onChange={(taxCode) => set({ taxCode })} />
        <label>
          {t('books.col.counterparty')}
          <input
            value={form.counterparty ?? ''}
            placeholder={t('books.rules.counterpartyAuto')}
            onChange={(e) => set({ counterparty: e.target.value || undefined })}
          />
        </label>
        <label>
          {t('books.col.memo')}
          <input value={form.memo ?? ''} onChange={(e) => set({ memo: e.target.value || undefined })} />
        </label>
        <RuleFixedLines
          chart={chart}
          lines={form.fixedLines ?? []}
          onChange={(fixedLines) => set({ fixedLines })}
        />
        <fieldset>
          {(['suggest', 'auto'] as const).map((a) => (
            <label key={a}>
              <input
                type="radio"
                name="rule-action"
                checked={form.action === a}
                onChange={() => set({ action: a })}
              />
              {t(`books.action.${a}`)}
            </label>
          ))}
        </fieldset>
        <div className="rule-preview" aria-live="polite" data-testid="rule-preview">
          {problem && <p className="filter-problems">{problem}</p>}
          {preview && (
            <>
              <p className="match-count">{t('books.rules.matches', { count: preview.matches })}</p>
              <ul>
                {preview.overlaps.map((o) => (
                  <li key={o.ruleId}>
                    {t(o.winner === 'this' ? 'books.rules.overlapThis' : 'books.rules.overlapOther', {
                      keyword: o.keyword,
                      why: t(`books.why.${o.why}`),
                    })}
                  </li>
                ))}
              </ul>
              <ul className="samples">
                {preview.samples.map((s) => (
                  <li key={`${s.accountId}/${s.itemKey}`}>
                    {formatLedgerDate(s.date, lang)} {s.remarks} {formatYen(s.amount, lang)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="register-actions">
          <button
            type="submit"
            className="primary"
            disabled={!form.titleCode || !fixedLinesComplete(form.fixedLines)}
          >
            {t('books.rules.save')}
          </button>
          <button type="button" onClick={() => setForm(EMPTY)}>
            {t('books.rules.cancel')}
          </button>
        </div>
      </form>
      <div className="rules-side">
        <div className="rules-apply">
          <button type="button" onClick={applyNow} disabled={applying}>
            {t('books.rules.applyNow')}
          </button>
          {applying && (
            <p className="hint" data-testid="rules-applying">
              <progress aria-label={t('books.rules.applying')} /> {t('books.rules.applying')}
            </p>
          )}
          {saved && (
            <p className="notice" role="status" data-testid="rule-saved">
              {t('books.rules.savedNamed', { keyword: saved.keyword })}
              {saved.applied && ` ${appliedText(saved.applied)}`}
            </p>
          )}
          {applied && (
            <p className="notice" role="status" data-testid="rules-applied">
              {appliedText(applied)}
            </p>
          )}
        </div>
        <table className="accounts rule-list">
          <thead>
            <tr>
              <th scope="col">{t('books.col.keyword')}</th>
              <th scope="col">{t('books.col.condition')}</th>
              <th scope="col">{t('books.col.title')}</th>
              <th scope="col">{t('books.col.tax')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.keyword}
                  {r.starter && (
                    <span className="badge badge-starter" title={t('books.rules.starterHint')}>
                      {t('books.rules.starter')}
                    </span>
                  )}
                </td>
                <td>
                  {t(`books.match.${r.match}`)} · {t(`books.type.${r.type ?? 'any'}`)} ·{' '}
                  {t(`books.action.${r.action}`)}
                </td>
                <td>
                  {chart.titleName(r.titleCode)}
                  {r.fixedLines?.map((f, i) => (
                    <small key={i} className="fixed-line-summary">
                      {' '}
                      {t(`books.rules.fixed.summary.${f.place}`, {
                        title: chart.titleName(f.titleCode),
                        amount: formatYen(f.amount, lang),
                      })}
                    </small>
                  ))}
                </td>
                <td>{chart.taxName(r.taxCode)}</td>
                <td className="rule-actions">
                  {deleting === r.id ? (
                    <span role="group" aria-label={t('books.rules.deleteAsk', { keyword: r.keyword })}>
                      {t('books.rules.deleteAsk', { keyword: r.keyword })}{' '}
                      <button type="button" className="danger" onClick={() => void remove(r.id)}>
                        {t('books.rules.deleteConfirm')}
                      </button>
                      <button type="button" onClick={() => setDeleting(undefined)}>
                        {t('books.rules.cancel')}
                      </button>
                    </span>
                  ) : (
                    <>
                      <button type="button" className="link-button" onClick={() => edit(r)}>
                        {t('books.rules.edit')}
                      </button>
                      <button type="button" className="link-button" onClick={() => setDeleting(r.id)}>
                        {t('books.rules.delete')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
