import { AppError } from '../../shared/app-errors.ts';
import type { JstDate } from '../../shared/dates.ts';
import type { TransactionsPage } from '../connectors/bank-connector.ts';

/**
 * The most pages one run of an account's statement may take. A first sync takes two years (all a
 * bank serves) at once, and a ledger of a million rows is an ordinary customer's (issue 24: the
 * simulator's `million` QA customer, an online marketplace's takings, 999,370 rows): 2,000 pages of
 * 500 (the simulator's page), 5,000 of 200. Past 5,000 a bank that pages forever is stopped — 2,000,
 * the bound before, ended that customer's first sync with BANK_RESPONSE_INVALID.
 */
export const MAX_PAGES_PER_RUN = 5_000;

/**
 * What a run of pages must hold to, checked page by page before anything is written: the bank's
 * answers decide what the app asks next and what cursor it saves, so a bank that pages in a circle,
 * pages on with nothing, or dates its statement into the future must end the run
 * (BANK_RESPONSE_INVALID) instead of making the app ask forever or poisoning the next sync. Pure.
 */
export class RunGuard {
  private readonly keys = new Set<string>();
  private pages = 0;
  private readonly dateFrom: JstDate;
  private readonly latestDate: JstDate;

  /**
   * `latestDate`: the latest day a page may end on — today in JST, read with a little slack so a
   * bank whose clock is a few minutes ahead at midnight is not refused for it.
   */
  constructor(run: { dateFrom: JstDate; nextItemKey?: string | undefined }, latestDate: JstDate) {
    this.dateFrom = run.dateFrom;
    this.latestDate = latestDate;
    if (run.nextItemKey) this.keys.add(run.nextItemKey);
  }

  /** The page's key for the next page (null: the run ends here), or why the page is refused. */
  check(page: TransactionsPage): string | null {
    this.pages += 1;
    if (page.dateTo > this.latestDate) {
      throw invalid(`the page ends on ${page.dateTo}, after today (${this.latestDate})`);
    }
    if (page.dateTo < this.dateFrom) {
      throw invalid(`the page ends on ${page.dateTo}, before the ${this.dateFrom} it was asked from`);
    }
    if (!page.hasNext) return null;
    if (!page.nextItemKey) throw invalid('the bank said there is more but gave no nextItemKey');
    if (page.transactions.length === 0) throw invalid('the bank sent an empty page and said there is more');
    if (this.keys.has(page.nextItemKey)) {
      throw invalid(`the bank gave a nextItemKey it gave before in this run (page ${this.pages})`);
    }
    if (this.pages >= MAX_PAGES_PER_RUN) {
      throw invalid(`the statement goes on past ${MAX_PAGES_PER_RUN} pages, more than any real one`);
    }
    this.keys.add(page.nextItemKey);
    return page.nextItemKey;
  }
}

const invalid = (detail: string) => new AppError('BANK_RESPONSE_INVALID', detail);
