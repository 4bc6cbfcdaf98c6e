import { AppError } from '../../shared/app-errors.ts';
import { addDays } from '../../shared/dates.ts';
import { fiscalYearOf } from '../../shared/fiscal-year.ts';
import type { DomainHandlers } from '../../shared/ipc/contract.ts';
import type {
  LedgerView,
  OpeningBalanceRow,
  OpeningBalancesView,
} from '../../shared/ipc/reports-contract.ts';
import {
  checkOpeningBalanced,
  naturalSide,
  onSide,
  runningBalances,
  sectionOf,
  trialBalance,
} from '../books/balance-math.ts';
import { markChainBreaks, reconcile } from '../books/reconciliation.ts';
import { ledgerCsv, trialBalanceCsv } from '../books/report-csv.ts';
import type { AppDatabase } from '../store/app-database.ts';
import { openBooksStores } from '../store/books/books-stores.ts';
import type { SettingsStore } from '../store/settings-store.ts';

/** The `reports:` channels (shared/ipc/reports-contract.ts): 期首残高, 試算表, 元帳, 残高照合. */
export function reportsHandlers(
  db: AppDatabase,
  settings: SettingsStore,
  now: () => Date = () => new Date(),
): DomainHandlers<'reports'> {
  const stores = openBooksStores(db);
  const { opening, reports } = stores;
  const titleOf = (code: string) => stores.titles.list().find((t) => t.code === code);
  const language = () => settings.get().language;
  const range = (dateFrom: string, dateTo: string) => {
    if (dateFrom > dateTo) throw new AppError('INVALID_ARGUMENT', 'dateFrom is after dateTo');
  };

  const openingView = (): OpeningBalancesView => {
    const rows = opening.rows();
    return {
      asOf: opening.asOf(),
      rows,
      debitTotal: rows.reduce((a, r) => a + r.debit, 0),
      creditTotal: rows.reduce((a, r) => a + r.credit, 0),
    };
  };

  const trial = (dateFrom: string, dateTo: string) => {
    range(dateFrom, dateTo);
    const yearStart = fiscalYearOf(dateFrom, settings.get().fiscalYearStartMonth).dateFrom;
    return trialBalance({
      dateFrom,
      dateTo,
      openingAsOf: opening.asOf(),
      titles: stores.titles.list(),
      opening: opening.rows(),
      sums: reports.titleSums(yearStart, dateFrom, dateTo),
      retainedName: language() === 'ja' ? '繰越利益（前期までの損益）' : 'Retained earnings (prior years)',
    });
  };

  /** The 元帳's head: its title, side and 前月(期首)繰越 on that side. */
  const ledgerHead = (titleCode: string, subTitle: string | undefined, dateFrom: string, dateTo: string) => {
    range(dateFrom, dateTo);
    const title = titleOf(titleCode);
    if (!title) throw new AppError('NOT_FOUND', `no account title ${titleCode}`);
    const side = naturalSide(title.code, title.kind);
    const pl = sectionOf(title.kind) === 'pl';
    // P/L titles start each fiscal year at zero; B/S titles carry everything from the opening balances.
    const since = pl ? fiscalYearOf(dateFrom, settings.get().fiscalYearStartMonth).dateFrom : '0000-01-01';
    const dayBefore = addDays(dateFrom, -1);
    const prior =
      since <= dayBefore ? reports.sums(titleCode, subTitle, since, dayBefore) : { debit: 0, credit: 0 };
    const openingNet = pl ? 0 : opening.netOf(titleCode, subTitle);
    const carry = onSide(side, prior.debit, prior.credit) + (side === 'debit' ? openingNet : -openingNet);
    return { title, side, carry };
  };

  const ledger = (
    q: { titleCode: string; subTitle?: string | undefined; dateFrom: string; dateTo: string },
    offset: number,
    limit: number,
  ): LedgerView => {
    const { title, side, carry } = ledgerHead(q.titleCode, q.subTitle, q.dateFrom, q.dateTo);
    const page = reports.ledgerPage(q.titleCode, q.subTitle, q.dateFrom, q.dateTo, offset, limit);
    const { period } = page;
    const before = side === 'debit' ? page.beforeNet : -page.beforeNet;
    const balances = runningBalances(side, carry + before, page.rows);
    const names = new Map(stores.titles.list().map((t) => [t.code, t.name]));
    return {
      titleCode: title.code,
      name: title.name,
      subTitle: q.subTitle ?? null,
      side,
      dateFrom: q.dateFrom,
      dateTo: q.dateTo,
      carry,
      total: period.n,
      debitTotal: period.debit,
      creditTotal: period.credit,
      closing: carry + onSide(side, period.debit, period.credit),
      rows: page.rows.map((r, i) => ({
        ...r,
        counterName: r.counterTitle === null ? null : (names.get(r.counterTitle) ?? r.counterTitle),
        balance: balances[i]!,
      })),
    };
  };

  return {
    'reports:opening-balances-get': async () => openingView(),
    'reports:opening-balances-save': async ({ asOf, rows }) => {
      const titles = new Map(stores.titles.list().map((t) => [t.code, t]));
      const seen = new Set<string>();
      for (const r of rows) {
        const title = titles.get(r.titleCode);
        if (!title) throw new AppError('NOT_FOUND', `no account title ${r.titleCode}`);
        if (sectionOf(title.kind) === 'pl')
          throw new AppError('INVALID_ARGUMENT', `${r.titleCode}: opening balances are for B/S titles only`);
        const key = `${r.titleCode}\u0000${r.subTitle}`;
        if (seen.has(key)) throw new AppError('INVALID_ARGUMENT', `${r.titleCode}/${r.subTitle} twice`);
        seen.add(key);
      }
      checkOpeningBalanced(rows);
      // The books start on the first day of a fiscal year.
      const yearStart = fiscalYearOf(asOf, settings.get().fiscalYearStartMonth).dateFrom;
      if (yearStart !== asOf)
        throw new AppError(
          'INVALID_ARGUMENT',
          `${asOf} is not the first day of a fiscal year (${yearStart})`,
        );
      const oldest = opening.oldestEntryDate();
      if (oldest !== null && oldest < asOf)
        throw new AppError('BOOKS_OPENING_AFTER_ENTRIES', `an entry is dated ${oldest}, before ${asOf}`);
      stores.transaction(() => opening.replace(asOf, rows as OpeningBalanceRow[], now().toISOString()));
      return openingView();
    },
    'reports:trial-balance-get': async ({ dateFrom, dateTo }) => trial(dateFrom, dateTo),
    'reports:trial-balance-export': async ({ dateFrom, dateTo }) =>
      trialBalanceCsv(trial(dateFrom, dateTo), language()),
    'reports:ledger-query': async ({ offset, limit, ...q }) => ledger(q, offset, limit),
    'reports:ledger-export': async (q) => ledgerCsv(ledger(q, 0, Number.MAX_SAFE_INTEGER), language()),
    'reports:reconciliation-get': async () => {
      const asOf = opening.asOf();
      // An account left out of the books (帳簿に含める off) has no ledger to compare with.
      const accounts = stores.lines
        .accounts()
        .filter((a) => a.inBooks)
        .map((a) => {
          const start = asOf === null ? 0 : opening.netOf(a.bankTitle, a.label);
          const bankDays = reports.bankDays(a.id, asOf);
          const { days, changes } = reconcile(start, bankDays, reports.ledgerDays(a.bankTitle, a.label));
          const last = days.at(-1);
          const first = changes[0];
          let around: ReturnType<typeof markChainBreaks> = [];
          if (first) {
            const i = days.findIndex((d) => d.date === first.date);
            // The day before and the day after too: a line missing at a day's end breaks the next day's first.
            const from = days[Math.max(0, i - 1)]!.date;
            const to = days[Math.min(days.length - 1, i + 1)]!.date;
            const { before, lines } = reports.linesBetween(a.id, from, to);
            around = markChainBreaks(before, lines);
          }
          return {
            accountId: String(a.id),
            label: a.label,
            titleCode: a.bankTitle,
            lastDate: last?.date ?? null,
            bankBalance: last?.bankBalance ?? null,
            ledgerBalance: last?.ledgerBalance ?? start,
            notBooked: last?.notBooked ?? 0,
            unexplained: last?.unexplained ?? 0,
            changes,
            around,
          };
        });
      return { openingAsOf: asOf, accounts };
    },
  };
}
