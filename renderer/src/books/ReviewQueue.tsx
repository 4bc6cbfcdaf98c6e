import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type {
  JournalLine,
  LineRef,
  QueueLine,
  RegisterChoice,
  ReviewStatus,
  RuleInput,
  Settles,
} from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useDebounced } from '../app/use-debounced.ts';
import { formatCount, formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { BulkConfirm } from './BulkConfirm.tsx';
import { Pager } from './Pager.tsx';
import { RegisterPanel } from './RegisterPanel.tsx';
import { learnedReason, suggestionReason } from './suggestion-text.ts';
import type { ChartData } from './use-chart.ts';

const PAGE = 100;
const STATUSES: ReviewStatus[] = ['unreviewed', 'registered', 'ignored'];
const refOf = (line: QueueLine): LineRef => ({ accountId: line.accountId, itemKey: line.itemKey });
const keyOf = (line: Pick<QueueLine, 'accountId' | 'itemKey'>) => `${line.accountId}/${line.itemKey}`;

/**
 * 仕訳待ち: the bank lines to review, newest first, a page at a time. Keyboard first: ↑↓ move,
 * Enter registers (the checked lines, or the current one) with the panel's choice, Space checks,
 * I ignores, T books the suggested own-account transfer, U returns a line to 未処理.
 */
export function ReviewQueue({
  chart,
  errors,
  dataVersion,
  onMakeRule,
}: {
  chart: ChartData;
  errors: ErrorState;
  dataVersion: number;
  onMakeRule(draft: RuleInput): void;
}) {
  const { t, lang } = useWords();
  const [status, setStatus] = useState<ReviewStatus>('unreviewed');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{
    /** The search the page answers ('' for none). */
    text?: string;
    total: number;
    rows: QueueLine[];
    counts: Record<ReviewStatus, number>;
  }>();
  const [current, setCurrent] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [offer, setOffer] = useState<RuleInput>();
  const [version, setVersion] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  /** Lines an action is still running on, and lines hidden until a page without them arrives. */
  const inFlight = useRef(new Set<string>());
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  /** 仕訳待ち's search on the remarks (kana-folded in the core, as 明細 searches). */
  const [search, setSearch] = useState('');
  const text = useDebounced(search.trim(), 250);
  /** Enter or 登録 pressed with no 勘定科目: the panel says why nothing happened. */
  const [missingTitle, setMissingTitle] = useState(false);

  useEffect(() => {
    let stale = false;
    call('books:queue-query', { status, offset, limit: PAGE, ...(text ? { text } : {}) }).then(
      (answer) => {
        if (stale) return;
        setPage({ ...answer, text });
        setHidden((set) => new Set([...set].filter((k) => inFlight.current.has(k))));
        setCurrent((i) => Math.min(i, Math.max(0, answer.rows.length - 1)));
      },
      (error: unknown) => errors.show(error),
    );
    return () => {
      stale = true;
    };
  }, [status, offset, text, version, dataVersion, errors]);
  useEffect(() => setOffset(0), [text]);

  const rows = (page?.rows ?? []).filter((r) => !hidden.has(keyOf(r)));
  const line = rows[Math.min(current, rows.length - 1)];
  /**
   * Runs an action on some lines, then reloads the page. The lines leave the list at once, so the
   * next key acts on the line after them (I then Space checks the next line, not the ignored one),
   * and only they leave the checked set: a line checked meanwhile stays checked.
   */
  const run = useCallback(
    (action: () => Promise<unknown>, lines: readonly Pick<QueueLine, 'accountId' | 'itemKey'>[]) => {
      const keys = lines.map(keyOf);
      const without = (set: Set<string>) => new Set([...set].filter((k) => !keys.includes(k)));
      for (const k of keys) inFlight.current.add(k);
      setHidden((set) => new Set([...set, ...keys]));
      action().then(
        () => {
          for (const k of keys) inFlight.current.delete(k);
          setChecked(without);
          setVersion((v) => v + 1);
        },
        (error: unknown) => {
          for (const k of keys) inFlight.current.delete(k);
          setHidden(without);
          errors.show(error, { retry: () => run(action, lines) });
        },
      );
    },
    [errors],
  );

  /** A choice for ticked lines waiting for the user's check (BulkConfirm), with the lines it goes to. */
  const [confirming, setConfirming] = useState<{
    choice: RegisterChoice;
    targets: QueueLine[];
    suggestion: QueueLine['suggestion'];
  }>();
  const send = (choice: RegisterChoice, targets: QueueLine[]) =>
    run(async () => {
      const result = await call('books:lines-register', { lines: targets.map(refOf), ...choice });
      const refused = result.refused.length;
      setNotice(
        t('books.queue.registered', { count: result.created }) +
          (refused > 0 ? ` ${t('books.queue.refused', { count: refused })}` : ''),
      );
      setOffer(result.offerRule);
    }, targets);
  /** Several lines are checked first; one line registers at once. */
  const register = (choice: RegisterChoice) => {
    const targets = checked.size > 0 ? rows.filter((r) => checked.has(keyOf(r))) : line ? [line] : [];
    if (targets.length === 0) return;
    if (!choice.titleCode) {
      setMissingTitle(true);
      return;
    }
    setMissingTitle(false);
    if (checked.size > 0) setConfirming({ choice, targets, suggestion: line?.suggestion });
    else send(choice, targets);
  };
  const confirm = () => {
    if (!confirming) return;
    setConfirming(undefined);
    send(confirming.choice, confirming.targets);
  };
  /**
   * 候補どおりに登録: the checked lines (or, with none checked, the page's) that have a suggestion,
   * each registered with its own — the core recomputes it, so what is written is what was shown.
   * Own-account transfer candidates are left for T.
   */
  const suggestedTargets = (checked.size > 0 ? rows.filter((r) => checked.has(keyOf(r))) : rows).filter(
    (r) => r.suggestion && !r.transfer,
  );
  const registerSuggested = () => {
    const targets = suggestedTargets;
    if (targets.length === 0) return;
    run(async () => {
      const result = await call('books:suggestions-register', { lines: targets.map(refOf) });
      setNotice(t('books.queue.registered', { count: result.created }));
      setOffer(undefined);
    }, targets);
  };
  /** Like lines: every line of the page with the current line's remarks and direction, checked. */
  const likeLines = line ? rows.filter((r) => r.remarks === line.remarks && r.type === line.type) : [];
  const checkLike = () =>
    likeLines.length > 1 && setChecked((set) => new Set([...set, ...likeLines.map(keyOf)]));
  const ignore = () => {
    const targets = checked.size > 0 ? rows.filter((r) => checked.has(keyOf(r))) : line ? [line] : [];
    if (targets.length > 0) run(() => call('books:lines-ignore', { lines: targets.map(refOf) }), targets);
  };
  const reopen = () =>
    line &&
    status !== 'unreviewed' &&
    run(() => call('books:lines-reopen', { lines: [refOf(line)] }), [line]);
  const transfer = () => {
    if (!line?.transfer) return;
    const other = { accountId: line.transfer.accountId, itemKey: line.transfer.itemKey };
    const [from, to] = line.type === '2' ? [refOf(line), other] : [other, refOf(line)];
    run(() => call('books:transfers-register', { from, to }), [from, to]);
  };
  const split = (lines: JournalLine[], text: { counterparty: string; memo: string }, settles?: Settles) => {
    if (!line) return;
    run(async () => {
      await call('books:split-register', {
        line: refOf(line),
        lines,
        ...text,
        ...(settles ? { settles } : {}),
      });
      setNotice(t('books.queue.registered', { count: 1 }));
      setOffer(undefined);
    }, [line]);
  };
  const toggle = (target: QueueLine | undefined) => {
    if (!target) return;
    setChecked((set) => {
      const next = new Set(set);
      if (!next.delete(keyOf(target))) next.add(keyOf(target));
      return next;
    });
  };

  const [choice, setChoice] = useState<RegisterChoice>({ titleCode: '', taxCode: 'none' });
  const onChoice = useCallback((next: RegisterChoice) => {
    setChoice(next);
    if (next.titleCode) setMissingTitle(false);
  }, []);
  const onKey = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => setCurrent((i) => Math.min(i + 1, rows.length - 1)),
      ArrowUp: () => setCurrent((i) => Math.max(i - 1, 0)),
      Enter: () => status === 'unreviewed' && (confirming ? confirm() : register(choice)),
      Escape: () => setConfirming(undefined),
      ' ': () => toggle(line),
      i: ignore,
      t: transfer,
      u: reopen,
      g: checkLike,
    };
    const action = keys[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
    setMissingTitle(false);
  }, [current]);

  /** 登録済: the booked titles other than the bank's own (a transfer: its two accounts). */
  const bookedTitles = (booked: JournalLine[]) => {
    const others = booked.filter((l) => !chart.titles.find((x) => x.code === l.titleCode)?.bank);
    return [...new Set((others.length ? others : booked).map((l) => chart.titleName(l.titleCode)))].join(
      '・',
    );
  };
  const counts = page?.counts;
  return (
    <div className="review">
      <div className="review-status" role="group">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status === s}
            onClick={() => (setStatus(s), setOffset(0), setCurrent(0), setChecked(new Set()))}
          >
            {t(`books.status.${s}`)} {counts ? formatCount(counts[s], lang) : ''}
          </button>
        ))}
      </div>
      <div className="review-tools">
        <label className="review-search">
          {t('books.queue.search')}
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={60}
            placeholder={t('books.queue.searchHint')}
          />
        </label>
        {text && page?.text === text && (
          <span className="hint" data-testid="queue-found">
            {t('books.queue.found', { count: page.total, formatted: page.total.toLocaleString(lang) })}
          </span>
        )}
        {status === 'unreviewed' && (
          <button
            type="button"
            onClick={registerSuggested}
            disabled={suggestedTargets.length === 0}
            data-testid="register-suggested"
          >
            {t(checked.size > 0 ? 'books.queue.asSuggestedChecked' : 'books.queue.asSuggested', {
              count: suggestedTargets.length,
            })}
          </button>
        )}
        {status === 'unreviewed' && likeLines.length > 1 && (
          <button type="button" onClick={checkLike} data-testid="check-like">
            {t('books.queue.checkLike', { count: likeLines.length })}
          </button>
        )}
      </div>
      <p className="hint">{t('books.queue.keys')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
          {offer && (
            <>
              {' '}
              {t('books.queue.offerRule', { keyword: offer.keyword })}{' '}
              <button type="button" onClick={() => onMakeRule(offer)}>
                {t('books.queue.makeRule')}
              </button>
            </>
          )}
        </p>
      )}
      <div className="review-body">
        <div
          className="review-list"
          ref={list}
          tabIndex={0}
          role="listbox"
          aria-label={t('books.tabs.queue')}
          aria-multiselectable
          onKeyDown={onKey}
          data-testid="review-queue"
        >
          {rows.length === 0 && <p>{t('books.queue.empty')}</p>}
          {rows.map((r, i) => (
            <div
              key={keyOf(r)}
              role="option"
              aria-selected={i === current}
              aria-checked={checked.has(keyOf(r))}
              className={`review-line${r.type === '1' ? ' deposit' : ''}`}
              onClick={() => setCurrent(i)}
            >
              <input
                type="checkbox"
                tabIndex={-1}
                checked={checked.has(keyOf(r))}
                onChange={() => toggle(r)}
                aria-label={r.remarks}
              />
              <span className="date">{formatLedgerDate(r.date, lang)}</span>
              <span className="remarks">{r.remarks}</span>
              <span className="num">{formatYen(r.type === '2' ? -r.amount : r.amount, lang)}</span>
              <span className="account">{r.accountLabel}</span>
              <span
                className={!r.transfer && !r.suggestion && r.learned ? 'suggestion learned' : 'suggestion'}
              >
                {r.booked
                  ? bookedTitles(r.booked)
                  : r.transfer
                    ? t('books.queue.transfer')
                    : r.suggestion
                      ? chart.titleName(r.suggestion.titleCode)
                      : r.learned
                        ? learnedReason(r.learned, chart.titleName(r.learned.titleCode), t)
                        : t('books.queue.noSuggestion')}
              </span>
              {r.changedAtBank && <span className="badge badge-expiring">{t('books.journal.changed')}</span>}
              {r.bulkCounterparty && (
                <span
                  className="badge badge-expiring"
                  title={t('books.queue.bulkMarkedHint', { ...r.bulkCounterparty })}
                  data-testid="bulk-marked"
                >
                  {t('books.queue.bulkMarked')}
                </span>
              )}
            </div>
          ))}
        </div>
        {confirming ? (
          <BulkConfirm
            lines={confirming.targets}
            choice={confirming.choice}
            suggestion={confirming.suggestion}
            chart={chart}
            onConfirm={confirm}
            onBack={() => setConfirming(undefined)}
          />
        ) : (
          line && (
            <RegisterPanel
              // One panel for all the ticked lines: moving the cursor does not reset their choice.
              key={checked.size > 0 && status === 'unreviewed' ? 'bulk' : keyOf(line) + status}
              line={line}
              chart={chart}
              status={status}
              checkedCount={checked.size}
              missingTitle={missingTitle}
              reason={
                line.suggestion
                  ? suggestionReason(line.suggestion, t)
                  : line.learned && status === 'unreviewed'
                    ? `${learnedReason(line.learned, chart.titleName(line.learned.titleCode), t)} — ${t('books.queue.learnedHint')}`
                    : undefined
              }
              onChoice={onChoice}
              onRegister={register}
              onIgnore={ignore}
              onReopen={reopen}
              onTransfer={transfer}
              onSplit={split}
            />
          )
        )}
      </div>
      {page && <Pager offset={offset} total={page.total} pageSize={PAGE} onOffset={setOffset} />}
    </div>
  );
}
