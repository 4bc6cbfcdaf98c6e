import { AppError } from '../../shared/app-errors.ts';
import { jstDate } from '../../shared/dates.ts';
import type { TitleView } from '../../shared/ipc/books-contract.ts';
import type { AppEvent, DomainHandlers } from '../../shared/ipc/contract.ts';
import { BUILT_IN_TITLES, TAX_CATEGORIES, type AccountTitle } from './chart.ts';
import { saveCounterparty } from './counterparty-input.ts';
import { chartLookup } from './export/export-entry.ts';
import { EntryService } from './entry-service.ts';
import { JournalService } from './journal-service.ts';
import { monthlyView, monthsBetween } from './monthly-view.ts';
import { RulesService } from './rules-service.ts';
import type { AppDatabase } from '../store/app-database.ts';
import { BackgroundTaskStore } from '../store/background-task-store.ts';
import { base64InSlices, exportInSlices } from '../tasks/export-in-slices.ts';
import { RulesApplication } from '../tasks/rules-application.ts';
import { openBooksStores } from '../store/books/books-stores.ts';
import { checkNewSubTitle, checkNewTitle } from './title-input.ts';

/** The `books:` channels' handlers (shared/ipc/books-contract.ts). */
type BooksHandlers = DomainHandlers<'books'>;

export interface BooksOptions {
  /**
   * Saves an export's files where the user says (the Electron shell's save dialog); answers their
   * paths, or undefined when the user cancelled. Without it (the browser shell) the files go back
   * to the renderer, which downloads them.
   */
  saveFiles?(files: readonly { fileName: string; bytes: Buffer }[]): Promise<string[] | undefined>;
  now?: () => Date;
  /** The core's events: a long task's progress (main/tasks/), books:changed. */
  emit?(event: AppEvent): void;
}

export interface Books {
  handlers: BooksHandlers;
  journal: JournalService;
  /** 自動登録 over every 未処理 line in slices (書き込みの間も他の呼び出しに答える), resumed after a crash. */
  rulesApplication: RulesApplication;
  /**
   * After a sync: the 自動登録 rules over the new lines, in slices after any application running
   * (rulesApplication's queue), without the 推測 count; answers how many it registered.
   */
  afterSync(): Promise<number>;
}

/** The bookkeeping domain: its stores (store/books/), its services and its IPC handlers. */
export function createBooks(db: AppDatabase, options: BooksOptions = {}): Books {
  const stores = openBooksStores(db);
  const { lines } = stores;
  const entries = new EntryService(stores, options.now);
  const journal = new JournalService(stores, entries, options.now);
  const rules = new RulesService(stores, journal);
  const rulesApplication = new RulesApplication({
    rules: journal,
    tasks: new BackgroundTaskStore(db),
    emit: (event) => options.emit?.(event),
    db,
  });

  type BankAccounts = Map<string, TitleView['bankAccounts']>;
  const titleView = (title: AccountTitle, subs: Map<string, string[]>, banks: BankAccounts): TitleView => ({
    code: title.code,
    name: title.name,
    kind: title.kind,
    defaultTax: title.defaultTax,
    bank: title.bank === true,
    labels: title.labels,
    builtIn: title.builtIn,
    // An account left out of the books is no 補助科目 (the register panel offers none of it).
    subTitles: [
      ...(banks.get(title.code) ?? []).filter((a) => a.inBooks).map((a) => a.name),
      ...(subs.get(title.code) ?? []),
    ],
    bankAccounts: banks.get(title.code) ?? [],
  });
  const titleViews = (): TitleView[] => {
    const subs = stores.titles.subTitles();
    const banks: BankAccounts = new Map();
    for (const a of lines.accounts())
      banks.set(a.bankTitle, [
        ...(banks.get(a.bankTitle) ?? []),
        { bankAccountId: a.bankAccountId, name: a.label, bankLabel: a.bankLabel, inBooks: a.inBooks },
      ]);
    return stores.titles.list().map((t) => titleView(t, subs, banks));
  };
  const range = (dateFrom: string, dateTo: string) => {
    if (dateFrom > dateTo) throw new AppError('INVALID_ARGUMENT', 'dateFrom is after dateTo');
  };

  const handlers: BooksHandlers = {
    'books:chart-get': async () => ({
      titles: titleViews(),
      taxCategories: TAX_CATEGORIES.map(({ code, name, rate }) => ({ code, name, rate })),
      kind: stores.titles.chartKind(),
    }),
    'books:chart-kind-save': async ({ kind }) =>
      stores.transaction(() => {
        const inUse = stores.journal.titleCodesInUse();
        for (const rule of stores.rules.list()) inUse.add(rule.titleCode);
        const { added, kept } = stores.titles.useChart(kind, inUse);
        const named = (code: string) => ({ code, name: BUILT_IN_TITLES.find((t) => t.code === code)!.name });
        return { kind, added: added.map(named), kept: kept.map(named) };
      }),
    'books:titles-add': async (input) => {
      const { name, labels } = checkNewTitle(input, stores.titles.list());
      const code = stores.titles.add({ ...input, name, labels });
      return titleViews().find((t) => t.code === code)!;
    },
    'books:sub-titles-add': async ({ titleCode, name }) => {
      if (!stores.titles.list().some((t) => t.code === titleCode))
        throw new AppError('NOT_FOUND', `no account title ${titleCode}`);
      const existing = titleViews().find((t) => t.code === titleCode)!.subTitles;
      stores.titles.addSubTitle(titleCode, checkNewSubTitle(name, existing));
      return titleViews().find((t) => t.code === titleCode)!;
    },
    'books:bank-sub-titles-rename': async ({ bankAccountId, name }) => {
      const account = lines.accounts().find((a) => a.bankAccountId === bankAccountId);
      if (!account) throw new AppError('NOT_FOUND', `no linked account ${bankAccountId}`);
      const title = titleViews().find((t) => t.code === account.bankTitle)!;
      const others = title.subTitles.filter((s) => s !== account.label);
      const checked = checkNewSubTitle(name, others);
      if (checked !== account.label) lines.renameAccount(bankAccountId, checked);
      return titleViews().find((t) => t.code === account.bankTitle)!;
    },
    'books:accounts-update': async ({ bankAccountId, inBooks }) => {
      if (!lines.accounts().some((a) => a.bankAccountId === bankAccountId))
        throw new AppError('NOT_FOUND', `no linked account ${bankAccountId}`);
      const at = (options.now?.() ?? new Date()).toISOString();
      return { unreviewed: stores.transaction(() => lines.setInBooks(bankAccountId, inBooks, at)) };
    },
    'books:export': async ({ target, dateFrom, dateTo }) => {
      range(dateFrom, dateTo);
      // In slices between other calls, from a snapshot of the journal (main/tasks/export-in-slices.ts).
      const file = await exportInSlices(
        db,
        target,
        chartLookup(stores.titles.list()),
        { dateFrom, dateTo },
        (event) => options.emit?.(event),
      );
      const result = {
        entries: file.entries,
        warnings: file.warnings,
        mimeType: file.mimeType,
        ...(file.splitBy ? { splitBy: file.splitBy } : {}),
      };
      const described = file.parts.map(({ fileName, format, entries, dateFrom, dateTo }) => ({
        fileName,
        format,
        entries,
        dateFrom,
        dateTo,
      }));
      if (!options.saveFiles) {
        const base64 = await base64InSlices(file.parts);
        const files = described.map((f, i) => ({ ...f, base64: base64[i]! }));
        return { ...result, files };
      }
      const savedTo = await options.saveFiles(file.parts);
      return { ...result, files: described.map((f, i) => (savedTo ? { ...f, savedTo: savedTo[i]! } : f)) };
    },
    'books:connection-entries-count': async ({ connectionId }) => ({
      entries: stores.reviews.entriesOfAccounts(lines.bankAccountIdsOf(connectionId)),
    }),
    'books:queue-query': async (q) => journal.queue(q),
    'books:lines-register': async ({ lines: refs, ...choice }) => journal.register(refs, choice),
    'books:suggestions-register': async ({ lines: refs }) => journal.registerSuggested(refs),
    'books:queue-count': async ({ dateFrom, dateTo }) => {
      range(dateFrom, dateTo);
      return { unreviewed: lines.unreviewedBetween(dateFrom, dateTo) };
    },
    'books:transfers-register': async ({ from, to, memo }) => journal.registerTransfer(from, to, memo),
    'books:lines-ignore': async ({ lines: refs }) => ({ count: journal.ignore(refs) }),
    'books:lines-reopen': async ({ lines: refs }) => ({ count: journal.reopen(refs) }),
    'books:entries-query': async ({ offset, limit, ...filter }) => stores.journal.page(filter, offset, limit),
    'books:entries-export': async (filter) => entries.exportSearch(filter),
    'books:entries-add': async (content) => entries.addManual(content),
    'books:entries-update': async ({ id, content, reason }) => entries.correct(id, content, reason),
    'books:entries-delete': async ({ id, reason }) => entries.delete(id, reason),
    'books:entry-history-get': async ({ id }) => entries.history(id),
    'books:split-register': async ({ line, lines: others, counterparty, memo, settles }) =>
      entries.splitRegister(line, others, { counterparty, memo }, settles),
    'books:open-items-get': async ({ titleCode, includeSettled }) =>
      entries.settlements.openItems(titleCode, includeSettled),
    'books:month-totals-get': async ({ dateFrom, dateTo }) => {
      const today = jstDate(options.now?.() ?? new Date());
      const to = dateTo ?? today;
      const from =
        dateFrom ?? `${monthsBetween(`${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}-01`, to)[1]}-01`;
      range(from, to);
      const titles = new Map(stores.titles.list().map((t) => [t.code, t]));
      const inBooks = lines.accounts().filter((a) => a.inBooks);
      const labels = new Map(inBooks.map((a) => [a.id, a.label]));
      return monthlyView(
        monthsBetween(from, to),
        stores.journal.monthlyTitleSums(from, to),
        (code) => titles.get(code)?.kind ?? 'expense',
        lines.monthlyTotals(from, to).filter((m) => labels.has(m.accountId)),
        (id) => labels.get(id) ?? '',
      );
    },
    'books:rules-list': async () => rules.list(),
    'books:rules-preview': async ({ id, ...input }) => rules.preview(input, id),
    'books:rules-save': async ({ id, ...input }) => rules.save(input, id),
    'books:rules-delete': async ({ id }) => ({ deleted: rules.delete(id) }),
    'books:rules-apply': async () => rulesApplication.run(),
    'books:counterparties-list': async () => stores.counterparties.list(),
    'books:counterparties-save': async (input) =>
      saveCounterparty(stores.counterparties, input, (options.now?.() ?? new Date()).toISOString()),
  };
  return {
    handlers,
    journal,
    rulesApplication,
    afterSync: async () => (await rulesApplication.run({ count: false })).registered,
  };
}
