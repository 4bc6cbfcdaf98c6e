import { AppError } from '../../shared/app-errors.ts';
import { directionMisfit } from '../../shared/books-direction.ts';
import { foldKana } from '../../shared/kana.ts';
import { categoryInForce, notInForce } from '../../shared/tax-periods.ts';
import { log } from '../log/logger.ts';
import type {
  ApplyRulesResult,
  JournalEntryView,
  LearnedSuggestion,
  LineRef,
  QueueLine,
  RegisterChoice,
  RegisterResult,
  ReviewStatus,
  RuleInput,
  Suggestion,
} from '../../shared/ipc/books-contract.ts';
import { REOPEN_REASON } from '../../shared/ipc/books-contract.ts';
import type { BankAccountInfo, BankLine, BankLines, LineKind } from '../store/books/bank-lines.ts';
import type { KindOutcome, QueueKey } from '../store/books/batch-registration.ts';
import type { RuleScratch } from '../store/books/rule-scratch.ts';
import type { NewEntry } from '../store/books/book-rows.ts';
import type { BooksStores } from '../store/books/books-stores.ts';
import { checkEntryDate } from './balance-math.ts';
import { applyCompoundRules, fitsLine, isCompound } from './compound-rule-application.ts';
import { counterpartyFrom } from './counterparty.ts';
import { AmountTally, queueKinds, queuedTransferLines } from './queue-scan.ts';
import type { EntryService } from './entry-service.ts';
import { bankLineSides, lineOf, orderedLines, sameLines, twoLines } from './entry-lines.ts';
import { chooseRule, ruleMatches, type Rule } from './rule-matcher.ts';
import { ruleLines } from './rule-lines.ts';
import type { OpenItemsRead } from './settlement-service.ts';
import { starterNote } from './starter-rules.ts';
import { matchTransfers, TRANSFER_WINDOW_DAYS } from './transfer-matcher.ts';

/** How many 未処理 lines (won or not) one rule-application transaction covers. */
const APPLY_BATCH = 5000;

/** Where an application of the rules stands after a batch. */
export interface AppliedSoFar {
  registered: number;
  /** Batches written so far. */
  batches: number;
  /** Queue lines looked at so far, of the `queued` there were at the start. */
  looked: number;
  queued: number;
  /**
   * What the step just ended did, for the steps' trace (SLICE_TRACE): its part of the application
   * and its items — lines read or matched, kinds decided, decisions written, lines of a batch.
   */
  step: { part: ApplyPart; items: number };
}

/** The parts of a rule application, as its steps are traced. */
type ApplyPart = 'kinds' | 'decide' | 'transfers' | 'held' | 'scratch' | 'batch' | 'compound';

/**
 * The review queue and registration: bank lines become journal entries, one SQLite transaction
 * per call, so two quick clicks register once and a killed process leaves whole batches.
 */
export class JournalService {
  private readonly stores: BooksStores;
  private readonly lines: BankLines;
  private readonly entries: EntryService;
  private readonly now: () => Date;

  constructor(stores: BooksStores, entries: EntryService, now: () => Date = () => new Date()) {
    this.stores = stores;
    this.lines = stores.lines;
    this.entries = entries;
    this.now = now;
  }

  /** An entry and the reviews of its lines; the caller runs it inside its transaction. */
  private write(entry: NewEntry, lines: readonly BankLine[], at: string): JournalEntryView {
    const id = this.stores.entries.insert(entry, at);
    for (const line of lines) this.stores.reviews.review(line, 'registered', id, at);
    return this.stores.entries.get(id)!;
  }

  private accounts(): Map<number, BankAccountInfo> {
    return new Map(this.lines.accounts().map((a) => [a.id, a]));
  }

  private lineOf(ref: LineRef): BankLine {
    const line = this.lines.line(Number(ref.accountId), ref.itemKey);
    if (!line) throw new AppError('NOT_FOUND', `no bank line ${ref.accountId}/${ref.itemKey}`);
    return line;
  }

  /** A line to register or ignore: its account must be in the books (帳簿に含める). */
  private bookLineOf(ref: LineRef, accounts: Map<number, BankAccountInfo>): BankLine {
    const line = this.lineOf(ref);
    if (accounts.get(line.accountId)?.inBooks === false)
      throw new AppError('BOOKS_ACCOUNT_EXCLUDED', `account ${line.accountId} is left out of the books`);
    return line;
  }

  suggestionFor(line: BankLine, rules: readonly Rule[] = this.stores.rules.list()): Suggestion | undefined {
    const choice = chooseRule(rules, line);
    if (!choice) return undefined;
    const { rule } = choice;
    // A rule with fixed lines whose fixed parts reach this line's amount is not applied to it.
    const lines = isCompound(rule) ? ruleLines(line.type, line.amount, rule, rule.fixedLines) : undefined;
    if (isCompound(rule) && !lines) return undefined;
    const note = starterNote(rule);
    return {
      ...(note ? { note } : {}),
      ...(lines ? { lines } : {}),
      ruleId: rule.id,
      action: rule.action,
      titleCode: rule.titleCode,
      ...(rule.subTitle ? { subTitle: rule.subTitle } : {}),
      taxCode: rule.taxCode,
      counterparty: rule.counterparty ?? counterpartyFrom(line.remarks),
      memo: rule.memo ?? line.remarks,
      reason: choice.reason,
    };
  }

  queue(q: { status: ReviewStatus; accountId?: string; text?: string; offset: number; limit: number }) {
    const accountId = q.accountId === undefined ? undefined : Number(q.accountId);
    const accounts = this.accounts();
    const rules = this.stores.rules.list();
    // A search is on the remarks as 明細 searches them: kana-folded, so ﾃﾞﾝｷ finds デンキ and でんき.
    const folded = q.text ? foldKana(q.text) : '';
    const found = folded ? this.lines.searchPage(q.status, folded, q.offset, q.limit) : undefined;
    const page = found?.lines ?? this.lines.page(q.status, accountId, q.offset, q.limit);
    const transfers =
      q.status === 'unreviewed' && accounts.size > 1 ? this.transfersFor(page) : new Map<string, BankLine>();
    const learned = new Map<string, LearnedSuggestion | undefined>();
    const openItems: OpenItemsRead = new Map();
    const rows = page.map((line) => {
      const view = this.queueLine(line, q.status, accounts, rules, transfers.get(lineKey(line)), openItems);
      if (q.status === 'unreviewed' && !view.suggestion && !view.transfer) {
        const key = `${line.type}|${line.remarksFolded}`;
        if (!learned.has(key)) learned.set(key, this.learnedFor(line));
        const found = learned.get(key);
        if (found)
          view.learned = { ...found, counterparty: counterpartyFrom(line.remarks), memo: line.remarks };
      }
      return view;
    });
    const counts = this.lines.counts(accountId);
    return { total: found?.total ?? counts[q.status], rows, counts };
  }

  /**
   * What lines like this one were registered as: the same kana-folded remarks and direction first,
   * then the same 取引先 (read from the remarks) and direction. A page asks once per kind of line.
   */
  private learnedFor(line: BankLine): LearnedSuggestion | undefined {
    const titles = new Set(this.stores.titles.list().map((t) => t.code));
    const shape = (
      found: ReturnType<BooksStores['journal']['learned']>,
      from: LearnedSuggestion['from'],
      key: string,
    ): LearnedSuggestion | undefined =>
      found && titles.has(found.titleCode)
        ? {
            titleCode: found.titleCode,
            ...(found.subTitle ? { subTitle: found.subTitle } : {}),
            taxCode: found.taxCode,
            counterparty: counterpartyFrom(line.remarks),
            memo: line.remarks,
            from,
            key,
            lines: found.lines,
          }
        : undefined;
    const byRemarks = shape(
      this.stores.journal.learned('remarks', line.remarksFolded, line.type),
      'remarks',
      line.remarks,
    );
    if (byRemarks) return byRemarks;
    const counterparty = counterpartyFrom(line.remarks);
    return counterparty
      ? shape(
          this.stores.journal.learned('counterparty', counterparty, line.type),
          'counterparty',
          counterparty,
        )
      : undefined;
  }

  /**
   * 候補どおりに登録: each line registered with its own suggestion, exactly as the queue shows it
   * (the rule's title, 補助科目, tax, 取引先 and 摘要), in one transaction. Lines with no suggestion,
   * or already reviewed, are left as they are and counted; nothing is decided from another line.
   */
  registerSuggested(refs: readonly LineRef[]): { created: number; skipped: number } {
    const rules = this.stores.rules.list();
    const accounts = this.accounts();
    const lines = refs.map((ref) => this.bookLineOf(ref, accounts));
    const at = this.now().toISOString();
    return this.stores.transaction(() => {
      let created = 0;
      for (const line of lines) {
        const suggestion = this.suggestionFor(line, rules);
        if (!suggestion || line.amount < 0 || this.stores.reviews.of(line)) continue;
        const { titleCode, subTitle, taxCode, counterparty, memo, ruleId } = suggestion;
        const choice = { titleCode, ...(subTitle ? { subTitle } : {}), taxCode, counterparty, memo, ruleId };
        this.write(this.entryFor(line, accounts.get(line.accountId)!, choice), [line], at);
        created += 1;
      }
      return { created, skipped: lines.length - created };
    });
  }

  queueLine(
    line: BankLine,
    status: ReviewStatus,
    accounts: Map<number, BankAccountInfo>,
    rules: readonly Rule[],
    transfer?: BankLine,
    openItems?: OpenItemsRead,
  ): QueueLine {
    const view: QueueLine = {
      accountId: String(line.accountId),
      accountLabel: accounts.get(line.accountId)?.label ?? '',
      itemKey: line.itemKey,
      date: line.date,
      type: line.type,
      amount: line.amount,
      remarks: line.remarks,
      status,
      counterparty: counterpartyFrom(line.remarks),
    };
    if (status === 'unreviewed') {
      const suggestion = this.suggestionFor(line, rules);
      if (suggestion) view.suggestion = suggestion;
      const settlement = this.entries.settlements.proposalFor(
        line,
        suggestion?.counterparty ?? view.counterparty,
        openItems,
      );
      if (settlement) view.settlement = settlement;
      const seller = this.stores.counterparties.sellerOf(
        suggestion?.counterparty ?? view.counterparty,
        line.remarksFolded,
      );
      if (seller) view.seller = { name: seller.name, registered: seller.registered ?? null };
      if (transfer)
        view.transfer = {
          accountId: String(transfer.accountId),
          accountLabel: accounts.get(transfer.accountId)?.label ?? '',
          itemKey: transfer.itemKey,
          date: transfer.date,
        };
    } else {
      const review = this.stores.reviews.of(line);
      if (review?.entryId) {
        view.entryId = review.entryId;
        const booked = this.stores.entries.get(review.entryId);
        if (booked) view.booked = booked.lines;
        const bulk = this.bulkCounterparty(review.entryId, line, rules);
        if (bulk) view.bulkCounterparty = bulk;
      }
    }
    const change = this.stores.reviews.changeOf(line);
    if (change) view.changedAtBank = change;
    return view;
  }

  /**
   * An entry registered together with others (one registration writes its entries under one
   * timestamp, with adjacent ids) whose 取引先 is neither its own line's nor its rule's: what the
   * old bulk registration wrote when it copied the focused line's 取引先 onto every line. Known
   * from the entries alone, so books written before the fix are marked too; a 取引先 the user
   * typed for several lines on purpose is marked the same way (the hint asks to check, no more).
   */
  private bulkCounterparty(
    entryId: number,
    line: BankLine,
    rules: readonly Rule[],
  ): QueueLine['bulkCounterparty'] {
    const entry = this.stores.entries.get(entryId);
    if (!entry || entry.source !== 'bank') return undefined;
    const own = counterpartyFrom(line.remarks);
    if (entry.counterparty === own) return undefined;
    const rule = entry.ruleId === undefined ? undefined : rules.find((r) => r.id === entry.ruleId);
    if (rule?.counterparty !== undefined && rule.counterparty === entry.counterparty) return undefined;
    if (!this.stores.entries.registeredTogether(entryId)) return undefined;
    return { entry: entry.counterparty, remarks: own };
  }

  /** The other half of each page line that is one side of an own-account transfer. */
  private transfersFor(page: readonly BankLine[]): Map<string, BankLine> {
    const candidates = this.lines.transferCandidates(page, TRANSFER_WINDOW_DAYS);
    const byKey = new Map(candidates.map((l) => [lineKey(l), l]));
    const pairs = matchTransfers(
      candidates.map((l) => ({ ...l, accountId: String(l.accountId), key: lineKey(l) })),
    );
    const halves = new Map<string, BankLine>();
    for (const { from, to } of pairs) {
      halves.set(from.key, byKey.get(to.key)!);
      halves.set(to.key, byKey.get(from.key)!);
    }
    return halves;
  }

  /**
   * The entry a line makes with a choice: its account's 預金 on one side, the choice on the other,
   * with the tax category in force on the line's date for its 取引先 (a 課対仕入 from a seller
   * marked not registered takes the transitional category: shared/tax-periods.ts).
   */
  entryFor(line: BankLine, account: BankAccountInfo, choice: RegisterChoice): NewEntry {
    const { debit, credit, ...rest } = this.entryTemplate(line, account, choice);
    const seller = this.stores.counterparties.sellerOf(rest.counterparty, line.remarksFolded);
    const inForce = <S extends typeof debit>(side: S): S => ({
      ...side,
      taxCode: categoryInForce(line.date, seller?.registered, side.taxCode),
    });
    const compound = this.compoundLines(line, account, choice);
    // A rule with fixed lines that does not fit this line (bulk registration under its title)
    // makes a two-line entry of the chosen title, which is not the rule's: it is not named.
    if (!compound && isCompound(this.ruleOf(choice))) delete rest.ruleId;
    return {
      date: line.date,
      lines:
        compound?.map(inForce) ?? twoLines({ debit: inForce(debit), credit: inForce(credit) }, line.amount),
      source: 'bank',
      ...rest,
    };
  }

  private ruleOf(choice: RegisterChoice): Rule | undefined {
    return choice.ruleId === undefined
      ? undefined
      : this.stores.rules.list().find((r) => r.id === choice.ruleId);
  }

  /**
   * A choice that takes a rule with fixed lines (its suggestion, or 自動登録) makes the rule's
   * compound entry: the bank line, the choice's title for what balances and the fixed lines.
   * Undefined (a two-line entry) when the rule has none, the choice changed its title, or its fixed
   * parts reach the line's amount.
   */
  private compoundLines(line: BankLine, account: BankAccountInfo, choice: RegisterChoice) {
    const rule = this.ruleOf(choice);
    if (!isCompound(rule) || rule.titleCode !== choice.titleCode) return undefined;
    const others = ruleLines(line.type, line.amount, choice, rule.fixedLines);
    if (!others) return undefined;
    const bank = { titleCode: account.bankTitle, subTitle: account.label, taxCode: 'none' as const };
    return [lineOf(line.type === '1' ? 'debit' : 'credit', bank, line.amount), ...others];
  }

  /** All of that entry but the line's date and amount: what every line of a kind shares. */
  private entryTemplate(
    line: Pick<BankLine, 'type' | 'remarks'>,
    account: BankAccountInfo,
    choice: RegisterChoice,
  ): Omit<KindOutcome, 'accountId' | 'remarks' | 'type' | 'amount'> {
    return {
      ...bankLineSides(line.type, { titleCode: account.bankTitle, subTitle: account.label }, choice),
      counterparty: choice.counterparty ?? counterpartyFrom(line.remarks),
      memo: choice.memo ?? line.remarks,
      ...(choice.ruleId ? { ruleId: choice.ruleId } : {}),
    };
  }

  private checkTitle(titleCode: string): void {
    if (!this.stores.titles.list().some((t) => t.code === titleCode))
      throw new AppError('INVALID_ARGUMENT', `no account title ${titleCode}`);
  }

  /**
   * Registers lines with one choice, all or none. A line already registered the same way answers
   * its entry (a second click, a retried call); registered otherwise, BOOKS_LINE_REGISTERED.
   *
   * One choice for several lines is the title and tax category: 取引先 and 摘要 are each line's own
   * unless the choice carries them (the user typed them for all), the rule is named only on the
   * lines it matches, and a line whose direction the choice does not fit is refused and stays in
   * 未処理 (BOOKS_DIRECTION_MISMATCH when that is every line). A single line is the user's to book
   * as they see it: a refund is a 入金 with an expense title. A line with a negative amount is
   * BOOKS_AMOUNT_NEGATIVE, and nothing of the call is written.
   */
  register(refs: readonly LineRef[], choice: RegisterChoice): RegisterResult {
    this.checkTitle(choice.titleCode);
    const accounts = this.accounts();
    const at = this.now().toISOString();
    const lines = refs.map((ref) => this.bookLineOf(ref, accounts));
    // GMO publishes 取引金額 as "マイナス含む"; an entry's amount is never negative (a CHECK on
    // book_entry_lines), so such a line is refused, whole call and all, before anything is written.
    const negative = lines.find((line) => line.amount < 0);
    if (negative)
      throw new AppError(
        'BOOKS_AMOUNT_NEGATIVE',
        `${negative.accountId}/${negative.itemKey} has amount ${negative.amount}`,
      );
    const start = this.stores.opening.asOf();
    for (const line of lines) checkEntryDate(line.date, start);
    const kind = this.stores.titles.list().find((t) => t.code === choice.titleCode)?.kind;
    const refused: RegisterResult['refused'] = [];
    const fitting =
      lines.length === 1
        ? lines
        : lines.filter((line) => {
            const why = directionMisfit(line.type, kind, choice.taxCode);
            if (why) refused.push({ accountId: String(line.accountId), itemKey: line.itemKey, why });
            return !why;
          });
    if (fitting.length === 0)
      throw new AppError(
        'BOOKS_DIRECTION_MISMATCH',
        `${choice.titleCode}/${choice.taxCode} fits none of the lines`,
      );
    const rule =
      choice.ruleId === undefined ? undefined : this.stores.rules.list().find((r) => r.id === choice.ruleId);
    // A transitional category chosen by hand must be the one of each line's date; a rule's is
    // moved to the date's (it was written for all dates).
    if (rule?.taxCode !== choice.taxCode)
      for (const line of fitting) {
        const fix = notInForce(line.date, choice.taxCode);
        if (fix)
          throw new AppError(
            'BOOKS_TAX_NOT_IN_FORCE',
            `${choice.taxCode} is not in force on ${line.date}: choose ${fix}`,
          );
      }
    const rest: RegisterChoice = { ...choice };
    delete rest.ruleId;
    const choiceFor = (line: BankLine): RegisterChoice =>
      rule && ruleMatches(rule, line) ? { ...rest, ruleId: rule.id } : rest;
    let created = 0;
    const entries = this.stores.transaction(() =>
      fitting.map((line) => {
        const entry = this.entryFor(line, accounts.get(line.accountId)!, choiceFor(line));
        const review = this.stores.reviews.of(line);
        if (review?.status === 'registered') {
          const existing = this.stores.entries.get(review.entryId!)!;
          if (!sameEntry(existing, entry))
            throw new AppError('BOOKS_LINE_REGISTERED', `${line.itemKey} is entry ${existing.id}`);
          return existing;
        }
        if (review) this.reopenLine(line, at);
        created += 1;
        // Registering a line under a 取引先 teaches its remarks that 取引先 (the 取引先 screen).
        if (entry.counterparty !== '')
          this.stores.counterparties.learn(entry.counterparty, line.remarksFolded, at);
        return this.write(entry, [line], at);
      }),
    );
    const offerRule = choice.ruleId ? undefined : this.ruleOffer(fitting, choice);
    return { entries, created, refused, ...(offerRule ? { offerRule } : {}) };
  }

  /** A rule the user may save from a registration no rule foresaw: the remarks' 取引先, or the remarks. */
  private ruleOffer(lines: readonly BankLine[], choice: RegisterChoice): RuleInput | undefined {
    const [first] = lines;
    if (!first || lines.some((l) => l.remarksFolded !== first.remarksFolded || l.type !== first.type))
      return undefined;
    if (this.suggestionFor(first)?.titleCode === choice.titleCode) return undefined;
    const counterparty = counterpartyFrom(first.remarks);
    return {
      keyword: counterparty || first.remarks.trim(),
      match: counterparty ? 'contains' : 'exact',
      type: first.type,
      titleCode: choice.titleCode,
      ...(choice.subTitle ? { subTitle: choice.subTitle } : {}),
      taxCode: choice.taxCode,
      ...(choice.memo ? { memo: choice.memo } : {}),
      action: 'suggest',
    };
  }

  /** An own-account transfer: one entry, 入金 side's 預金 debited, 出金 side's credited. */
  registerTransfer(fromRef: LineRef, toRef: LineRef, memo?: string): JournalEntryView {
    const accounts = this.accounts();
    const from = this.bookLineOf(fromRef, accounts);
    const to = this.bookLineOf(toRef, accounts);
    const start = this.stores.opening.asOf();
    for (const line of [from, to]) checkEntryDate(line.date, start);
    const pair = matchTransfers([from, to].map((l) => ({ ...l, accountId: String(l.accountId) })));
    if (pair.length !== 1 || pair[0]!.from.itemKey !== from.itemKey) {
      throw new AppError(
        'INVALID_ARGUMENT',
        'not a 出金 and a 入金 of one amount in two accounts within two days',
      );
    }
    const payer = accounts.get(from.accountId)!;
    const payee = accounts.get(to.accountId)!;
    const entry: NewEntry = {
      date: from.date,
      lines: twoLines(
        {
          debit: { titleCode: payee.bankTitle, subTitle: payee.label, taxCode: 'none' },
          credit: { titleCode: payer.bankTitle, subTitle: payer.label, taxCode: 'none' },
        },
        from.amount,
      ),
      counterparty: '',
      memo: memo ?? '口座振替',
      source: 'transfer',
    };
    const at = this.now().toISOString();
    return this.stores.transaction(() => {
      const reviews = [this.stores.reviews.of(from), this.stores.reviews.of(to)];
      if (reviews[0]?.status === 'registered' && reviews[0].entryId === reviews[1]?.entryId)
        return this.stores.entries.get(reviews[0].entryId!)!;
      if (reviews.some((r) => r?.status === 'registered'))
        throw new AppError('BOOKS_LINE_REGISTERED', 'a line of this transfer is registered already');
      for (const [i, line] of [from, to].entries()) if (reviews[i]) this.reopenLine(line, at);
      return this.write(entry, [from, to], at);
    });
  }

  ignore(refs: readonly LineRef[]): number {
    const accounts = this.accounts();
    const lines = refs.map((ref) => this.bookLineOf(ref, accounts));
    const at = this.now().toISOString();
    return this.stores.transaction(() => {
      let count = 0;
      for (const line of lines) {
        const review = this.stores.reviews.of(line);
        if (review?.status === 'ignored') continue;
        if (review?.status === 'registered')
          throw new AppError(
            'BOOKS_LINE_REGISTERED',
            `${line.itemKey} is registered; return it to 未処理 first`,
          );
        this.stores.reviews.review(line, 'ignored', null, at);
        count += 1;
      }
      return count;
    });
  }

  /**
   * Back to 未処理: the review goes and its entry is deleted as a new version (kept in its
   * history, reason REOPEN_REASON); a transfer's other line goes back with it.
   */
  reopen(refs: readonly LineRef[]): number {
    const lines = refs.map((ref) => this.lineOf(ref));
    const at = this.now().toISOString();
    return this.stores.transaction(() => lines.filter((line) => this.reopenLine(line, at)).length);
  }

  private reopenLine(line: BankLine, at: string): boolean {
    const review = this.stores.reviews.reopen(line);
    if (!review) return false;
    if (review.entryId !== null && !this.stores.entries.isDeleted(review.entryId))
      this.stores.entries.delete(review.entryId, REOPEN_REASON, at);
    return true;
  }

  /**
   * The 自動登録 rules over every 未処理 line, a batch of queue lines per transaction: a line is
   * registered when the rule that wins it (a 推測 rule may win and hold it for review) says 自動登録,
   * and it is not one side of an own-account transfer — a pair the transfer matcher finds among
   * the 未処理 lines is held for review as 振替 before any rule sees it (a rule keyed on the
   * remarks would book the same ¥250,000 as 仕入 on one account and 売上 on the other).
   * The matcher decides once per kind of line (store/books/batch-registration.ts), SQL writes the lines.
   */
  applyRules(
    options: { onBatch?: (done: number) => void; batchSize?: number } = {},
  ): Omit<ApplyRulesResult, 'suggested' | 'tooSmall'> {
    const steps = this.applyRulesInSteps(options.batchSize);
    let batches = 0;
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      // The preparation's steps wrote nothing: only batches are told.
      if (step.value.batches > batches) options.onBatch?.(step.value.registered);
      batches = step.value.batches;
    }
  }

  /**
   * applyRules a batch per step, for a caller that runs other work between batches (main/tasks/):
   * each step yields what is registered so far and how many queue lines were looked at of those
   * queued at the start; `next(size)` sets the next batch's size. A rule changed between two steps
   * starts the decisions again from the queue's first line (the lines registered stay registered:
   * each batch was right by the rules of its time, and left the queue). Kinds a rule with fixed
   * lines won are written last, a line at a time (compound-rule-application.ts).
   */
  *applyRulesInSteps(
    batchSize = APPLY_BATCH,
    budgetMs = Infinity,
  ): Generator<AppliedSoFar, Omit<ApplyRulesResult, 'suggested' | 'tooSmall'>, number | undefined> {
    let registered = 0;
    let looked = 0;
    let written = 0;
    // Counted (for the progress shown) only when a rule may register: counting a million 未処理
    // lines takes ~20 ms, after every sync, for nothing when no rule is 自動登録 (issue 24's repeat sync).
    const queued = this.stores.rules.list().some((r) => r.action === 'auto') ? this.lines.queuedCount() : 0;
    let transferLines: number;
    let settling: QueueKey[];
    let size = batchSize;
    let compound: { kind: LineKind; rule: Rule }[];
    let accounts: Map<number, BankAccountInfo>;
    let byAmount: boolean;
    let scratch: RuleScratch | undefined;
    const soFar = (part: ApplyPart, items: number): AppliedSoFar => ({
      registered,
      batches: written,
      looked,
      queued,
      step: { part, items },
    });
    for (;;) {
      const rules = this.stores.rules.list();
      const rulesSeen = JSON.stringify(rules);
      accounts = this.accounts();
      byAmount = rules.some((r) => r.minAmount !== undefined || r.maxAmount !== undefined);
      const outcomes: KindOutcome[] = [];
      compound = [];
      // The preparation reads the queue a range of keys per step (queue-scan.ts: over a million
      // lines each whole statement held the app for seconds); the amounts a transfer's halves may
      // have are tallied in the same reading.
      const amounts = accounts.size > 1 ? new AmountTally() : undefined;
      let kinds: LineKind[] = [];
      if (rules.some((r) => r.action === 'auto')) {
        const reading = queueKinds(this.lines, byAmount, budgetMs, amounts);
        for (let step = reading.next(); ; step = reading.next()) {
          if (step.done) {
            kinds = step.value;
            break;
          }
          size = (yield soFar('kinds', step.value)) ?? size;
        }
      }
      // Deciding each kind asks the store of 取引先 too: a few thousand kinds are steps as well.
      let deciding = performance.now();
      let decided = 0;
      for (const kind of kinds) {
        if (performance.now() - deciding >= budgetMs) {
          size = (yield soFar('decide', decided)) ?? size;
          deciding = performance.now();
          decided = 0;
        }
        decided += 1;
        const rule = chooseRule(rules, kind)?.rule;
        if (rule?.action !== 'auto') continue;
        if (isCompound(rule)) {
          compound.push({ kind, rule });
          continue;
        }
        const { accountId, remarks, type, amount } = kind;
        const entry = this.entryTemplate(kind, accounts.get(accountId)!, ruleChoice(rule));
        const seller = this.stores.counterparties.sellerOf(entry.counterparty, kind.remarksFolded);
        outcomes.push({ accountId, remarks, type, amount, ...entry, sellerRegistered: seller?.registered });
      }
      // Own-account transfers are looked for only when a rule would register a line: matching the
      // whole queue after every sync of a ledger no 自動登録 rule speaks for held the app for seconds
      // at 100,000 lines (tens of seconds at a million) for nothing.
      const registers = outcomes.length > 0 || compound.length > 0;
      // The held lines and transfer candidates live in TEMP tables, off the JS heap; a new round
      // (the rules changed, or another application took the tables) begins them again.
      scratch = registers ? this.stores.ruleScratch() : undefined;
      transferLines = 0;
      if (scratch && amounts) {
        const matching = queuedTransferLines(this.lines, scratch, amounts, budgetMs);
        for (let step = matching.next(); ; step = matching.next()) {
          if (step.done) {
            transferLines = step.value;
            break;
          }
          size = (yield soFar('transfers', step.value)) ?? size;
        }
      }
      // A payment of an open 売掛金/買掛金 waits for its 消込 rather than being booked again.
      settling = scratch ? this.entries.settlements.linesSettlingOpenItems() : [];
      scratch?.hold(settling);
      if (transferLines + settling.length > 0) size = (yield soFar('held', settling.length)) ?? size;
      // A rule changed while the queue was read, or another application took the scratch
      // tables: the decisions are read again.
      if (JSON.stringify(this.stores.rules.list()) !== rulesSeen || scratch?.current === false) continue;
      if (!scratch || outcomes.length === 0) break;
      const batches = this.stores.batchRegistration(byAmount, outcomes, scratch);
      const preparing = batches.prepareInSteps(budgetMs);
      for (let step = preparing.next(); !step.done; step = preparing.next())
        size = (yield soFar('scratch', step.value)) ?? size;
      let after: QueueKey | undefined;
      let changed = false;
      for (;;) {
        if (JSON.stringify(this.stores.rules.list()) !== rulesSeen || !scratch.current) {
          changed = true;
          break;
        }
        const last = batches.batchEnd(after, size);
        if (!last) break;
        const at = this.now().toISOString();
        const batch = size;
        registered += this.stores.transaction(() => batches.registerBatch(after, batch, at));
        after = last;
        written += 1;
        looked = Math.min(queued, looked + batch);
        size = (yield soFar('batch', batch)) ?? size;
      }
      if (batches.skipped.length > 0) {
        log.warn('books.lines-skipped', {
          reason: 'a negative amount no journal entry can hold; left 未処理',
          count: batches.skipped.length,
          lines: batches.skipped.slice(0, 20),
        });
      }
      if (!changed) break;
    }
    if (scratch && compound.length > 0) {
      const held = scratch;
      const done = applyCompoundRules(
        this.stores,
        compound,
        byAmount,
        (key) => held.isHeld(key),
        (line, rule) => {
          const at = this.now().toISOString();
          this.write(this.entryFor(line, accounts.get(line.accountId)!, ruleChoice(rule)), [line], at);
        },
      );
      registered += done.registered;
      written += 1;
      looked = queued;
      yield soFar('compound', done.registered);
      if (done.skipped.length > 0)
        log.warn('books.lines-skipped', {
          reason: 'a negative amount no journal entry can hold; left 未処理',
          count: done.skipped.length,
          lines: done.skipped.slice(0, 20),
        });
    }
    // The application is over: its held lines go, so nothing of it stays (off the heap or on it).
    scratch?.release();
    return { registered, transferLines, settlementLines: settling.length };
  }

  /**
   * How many 未処理 lines a rule speaks for (what 推測 shows in the queue), and how many a rule
   * with fixed lines won but leaves for review, its fixed parts reaching the line's amount; a range
   * of the queue read per step (queue-scan.ts), `budgetMs` sizing the steps.
   */
  *waitingInSteps(budgetMs: number): Generator<number, Pick<ApplyRulesResult, 'suggested' | 'tooSmall'>> {
    const rules = this.stores.rules.list();
    const byAmount = rules.some((r) => r.minAmount !== undefined || r.maxAmount !== undefined);
    let suggested = 0;
    let tooSmall = 0;
    const kinds = rules.length > 0 ? yield* queueKinds(this.lines, byAmount, budgetMs) : [];
    // The kinds matched a timed run at a time too (a rule with fixed lines reads its kind's lines).
    let started = performance.now();
    let matched = 0;
    for (const kind of kinds) {
      if (performance.now() - started >= budgetMs) {
        yield matched;
        started = performance.now();
        matched = 0;
      }
      matched += 1;
      const rule = chooseRule(rules, kind)?.rule;
      if (!rule) continue;
      if (!isCompound(rule)) suggested += kind.lines;
      else
        for (const line of this.stores.queuedOfKind(kind, byAmount))
          if (fitsLine(rule, line)) suggested += 1;
          else tooSmall += 1;
    }
    return { suggested, tooSmall };
  }
}

/** What a rule chooses for the lines it registers. */
export function ruleChoice(rule: Rule): RegisterChoice {
  return {
    titleCode: rule.titleCode,
    ...(rule.subTitle ? { subTitle: rule.subTitle } : {}),
    taxCode: rule.taxCode,
    ...(rule.counterparty !== undefined ? { counterparty: rule.counterparty } : {}),
    ...(rule.memo ? { memo: rule.memo } : {}),
    ruleId: rule.id,
  };
}

const lineKey = (line: Pick<BankLine, 'accountId' | 'itemKey'>) => `${line.accountId}/${line.itemKey}`;

/** The same registration: same lines, 取引先 and memo. */
function sameEntry(existing: JournalEntryView, entry: NewEntry): boolean {
  return (
    sameLines(existing.lines, orderedLines(entry.lines)) &&
    existing.counterparty === entry.counterparty &&
    existing.memo === entry.memo
  );
}
