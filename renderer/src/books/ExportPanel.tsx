import { useEffect, useState } from 'react';
import {
  EXPORT_TARGETS,
  type ExportedFile,
  type ExportResult,
  type ExportTarget,
} from '../../../shared/ipc/books-contract.ts';
import { jstDate } from '../../../shared/dates.ts';
import { fiscalYear, fiscalYearOf } from '../../../shared/fiscal-year.ts';
import { call } from '../bridge.ts';
import { DateInput } from '../app/DateInput.tsx';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { ExportWarnings } from './ExportWarnings.tsx';

/** A browser download of a file the core made (the browser shell; Electron saved it already). */
function download(file: ExportedFile, mimeType: string): void {
  const bytes = Uint8Array.from(atob(file.base64!), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const today = () => jstDate(Date.now());
const CUSTOM = 'custom';

/**
 * 出力: a fiscal year's (or a chosen range's) entries in 弥生, freee or Money Forward's import
 * format — in several files, explained, when the vendor's file limit asks for it.
 */
export function ExportPanel({ errors }: { errors: ErrorState }) {
  const { t, lang } = useWords();
  const [startMonth, setStartMonth] = useState<number>();
  const [target, setTarget] = useState<ExportTarget>('yayoi');
  const [period, setPeriod] = useState<string>(CUSTOM);
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [result, setResult] = useState<ExportResult>();
  /** The period's 未処理 lines: not in the file until registered, said before exporting. */
  const [unreviewed, setUnreviewed] = useState<number>();
  useEffect(() => {
    setUnreviewed(undefined);
    if (!dateFrom || !dateTo || dateFrom > dateTo) return;
    let stale = false;
    call('books:queue-count', { dateFrom, dateTo }).then(
      (answer) => !stale && setUnreviewed(answer.unreviewed),
      () => undefined, // only a hint: the export itself reports a bad range
    );
    return () => {
      stale = true;
    };
  }, [dateFrom, dateTo]);
  // Once, on opening: `errors` is a new object each render of the screen, its `show` is not — a
  // render (an export's progress) must not put the fiscal year back over dates the user typed.
  const showError = errors.show;
  useEffect(() => {
    call('settings:get', undefined).then(
      (settings) => {
        const current = fiscalYearOf(today(), settings.fiscalYearStartMonth);
        setStartMonth(settings.fiscalYearStartMonth);
        setPeriod(String(current.year));
        setDateFrom(current.dateFrom);
        setDateTo(current.dateTo);
      },
      (error: unknown) => showError(error),
    );
  }, [showError]);
  const years = startMonth
    ? [0, 1, 2].map((back) => fiscalYear(fiscalYearOf(today(), startMonth).year - back, startMonth))
    : [];
  // A date typed by hand makes the period one of the user's own, no longer a fiscal year.
  const typedBound = (set: (date: string) => void) => (date: string) => {
    setPeriod(CUSTOM);
    set(date);
  };
  const choosePeriod = (value: string) => {
    setPeriod(value);
    const year = years.find((y) => String(y.year) === value);
    if (year) {
      setDateFrom(year.dateFrom);
      setDateTo(year.dateTo);
    }
  };
  const run = () => {
    // The message of an earlier export is not this one's: it goes before the new answer or error.
    setResult(undefined);
    const action = () =>
      call('books:export', { target, dateFrom, dateTo }).then((answer) => {
        setResult(answer);
        for (const file of answer.files) if (file.base64) download(file, answer.mimeType);
      });
    action().catch((error: unknown) => errors.show(error, { retry: () => void action() }));
  };
  return (
    <form
      className="export"
      onSubmit={(event) => {
        event.preventDefault();
        run();
      }}
    >
      <fieldset>
        <legend>{t('books.export.target')}</legend>
        {EXPORT_TARGETS.map((x) => (
          <label key={x}>
            <input type="radio" name="export-target" checked={target === x} onChange={() => setTarget(x)} />
            {t(`books.export.${x}`)}
          </label>
        ))}
      </fieldset>
      <p className="hint" data-testid="export-import-hint">
        {t(`books.export.importHint.${target}`)}
      </p>
      <p className="hint" data-testid="export-tax-hint">
        {t(`books.export.taxHint.${target}`)}
      </p>
      <label>
        {t('books.export.period')}
        <select value={period} onChange={(e) => choosePeriod(e.target.value)} data-testid="export-period">
          {years.map((y) => (
            <option key={y.year} value={String(y.year)}>
              {t('books.export.fiscalYear', { year: y.year, from: y.dateFrom, to: y.dateTo })}
            </option>
          ))}
          <option value={CUSTOM}>{t('books.export.customPeriod')}</option>
        </select>
      </label>
      {startMonth && <p className="hint">{t('books.export.fiscalHint', { month: startMonth })}</p>}
      <label>
        {t('books.journal.from')}
        <DateInput value={dateFrom} onChange={typedBound(setDateFrom)} required />
      </label>
      <label>
        {t('books.journal.to')}
        <DateInput value={dateTo} onChange={typedBound(setDateTo)} required />
      </label>
      {unreviewed !== undefined && (
        <p
          className={unreviewed > 0 ? 'warning' : 'hint'}
          data-testid="export-unreviewed"
          role={unreviewed > 0 ? 'note' : undefined}
        >
          {unreviewed > 0
            ? t('books.export.unreviewed', { count: unreviewed, formatted: unreviewed.toLocaleString(lang) })
            : t('books.export.allReviewed')}
        </p>
      )}
      <button type="submit" className="primary">
        {t('books.export.run')}
      </button>
      {result && <ExportOutcome result={result} target={target} />}
    </form>
  );
}

function ExportOutcome({ result, target }: { result: ExportResult; target: ExportTarget }) {
  const { t } = useWords();
  const split = result.splitBy;
  const limit = split
    ? split.lines
      ? t('books.export.limitLines', { mb: split.bytes / 1_000_000, lines: split.lines })
      : t('books.export.limitBytes', { mb: split.bytes / 1_000_000 })
    : '';
  // freee's two files go to two imports: each says which.
  const importAs = (f: ExportedFile) =>
    f.format === 'freee' || f.format === 'freee-journal' ? t(`books.export.importAs.${f.format}`) : '';
  return (
    <div role="status" data-testid="export-result">
      {result.files.length === 1 ? (
        <p>{t('books.export.done', { count: result.entries, file: result.files[0]!.fileName })}</p>
      ) : (
        <p>{t('books.export.doneSplit', { count: result.entries, files: result.files.length })}</p>
      )}
      {split && (
        <p className="hint" data-testid="export-split">
          {t('books.export.splitWhy', { vendor: t(`books.chart.target.${target}`), limit })}
        </p>
      )}
      {(result.files.length > 1 || importAs(result.files[0]!)) && (
        <ol className="export-files">
          {result.files.map((f) => (
            <li key={f.fileName} data-format={f.format}>
              {t('books.export.fileRow', {
                file: f.fileName,
                from: f.dateFrom,
                to: f.dateTo,
                count: f.entries,
              })}
              {importAs(f) && <span className="import-as"> — {importAs(f)}</span>}
            </li>
          ))}
        </ol>
      )}
      {result.files.map(
        (f) => f.savedTo && <p key={f.fileName}>{t('books.export.savedTo', { path: f.savedTo })}</p>,
      )}
      <ExportWarnings warnings={result.warnings} />
    </div>
  );
}
