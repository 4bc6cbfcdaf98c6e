import type { ExportTarget, TaxCode } from '../../shared/ipc/books-contract.ts';
import { TRANSITIONAL_PERIODS, type TransitionalShare } from '../../shared/tax-periods.ts';

/**
 * The transitional 課対仕入 categories (a purchase from a seller who is not a registered issuer,
 * crediting 80/70/50/30% of its tax by date: shared/tax-periods.ts) and how each export target
 * spells them. Pure data beside chart.ts's TAX_CATEGORIES, which includes them.
 *
 * What the vendors publish (test/books/golden/README.md has the table):
 * - freee: the tax categories' Japanese names in its developer notes — 課対仕入(控80) 10% /
 *   課対仕入(控80) 8%(軽) and (控50) in https://developer.freee.co.jp/news/6471, (控70) in
 *   https://developer.freee.co.jp/accounting/accounting-improvement/8133, which also announces (控30)
 *   in the same four rates, though its rows are not in the stored excerpt.
 * - 弥生: 課対仕入込10%区分80% is shown as 弥生's own spelling in freee's note on its 弥生-format
 *   export, https://developer.freee.co.jp/news/6758 ("税区分:課対仕入込10%区分80%"). 弥生 has
 *   published no name for 70/50/30 or the 軽減 8% ones that we could find: they are written in the
 *   same form and each export says so (BOOKS_TAX_LABEL_UNCONFIRMED).
 * - Money Forward: the 税区分 stays 課税仕入 10%; the インボイス column says 80%控除
 *   (MF's 仕訳帳 import page as https://the-board.jp/blogs/news_partner_and_invoice_field_for_mf/
 *   quotes it: "「適格」「80%控除」という値"). MF's value for 70/50/30 was not found: written as
 *   70%控除 etc. and reported the same way.
 */

export interface TransitionalLabels {
  code: TaxCode;
  name: string;
  rate: number;
  labels: Record<ExportTarget, { sales: string; purchase: string }>;
  /** Money Forward's インボイス column. */
  mfInvoice: string;
  /** Targets whose spelling of this category no vendor text confirms. */
  unconfirmed: ExportTarget[];
}

const both = (label: string) => ({ sales: label, purchase: label });

function transitional(base: 'purchase10' | 'purchase8r', share: TransitionalShare): TransitionalLabels {
  const ten = base === 'purchase10';
  const unconfirmed: ExportTarget[] = [];
  if (!(ten && share === 80)) unconfirmed.push('yayoi');
  if (share === 30) unconfirmed.push('freee');
  if (share !== 80) unconfirmed.push('mf');
  return {
    code: `${base}_${share}` as TaxCode,
    name: ten ? `課対仕入10%(控${share})` : `課対仕入8%(軽減)(控${share})`,
    rate: ten ? 10 : 8,
    labels: {
      yayoi: both(ten ? `課対仕入込10%区分${share}%` : `課対仕入込軽減8%区分${share}%`),
      freee: both(ten ? `課対仕入(控${share}) 10%` : `課対仕入(控${share}) 8%(軽)`),
      // MF keeps the 税区分 and says the share in its インボイス column.
      mf: both(ten ? '課税仕入 10%' : '課税仕入 (軽)8%'),
    },
    mfInvoice: `${share}%控除`,
    unconfirmed,
  };
}

export const TRANSITIONAL_TAXES: readonly TransitionalLabels[] = (
  ['purchase10', 'purchase8r'] as const
).flatMap((base) => TRANSITIONAL_PERIODS.map((p) => transitional(base, p.share)));
