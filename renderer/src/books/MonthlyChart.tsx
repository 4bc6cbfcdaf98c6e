import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { MonthlyView } from '../../../shared/ipc/books-contract.ts';
import { formatCompact, formatMonth, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';

// Only the parts drawn here: chart.js is tree-shaken to bars, lines and their scales.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

const COLORS = ['#1f6feb', '#c2410c', '#15803d', '#7c3aed'];

/**
 * One account's money in and out per month (bars) and its month-end balance (line, right axis),
 * drawn on a canvas by chart.js in the app — no network, no inline styles.
 */
export function MonthlyChart({ view, accountIndex }: { view: MonthlyView; accountIndex: number }) {
  const { t, lang } = useWords();
  const canvas = useRef<HTMLCanvasElement>(null);
  const account = view.accounts[accountIndex];
  useEffect(() => {
    if (!canvas.current || !account) return;
    const chart = new Chart(canvas.current, {
      data: {
        labels: view.months.map((m) => formatMonth(m, lang)),
        datasets: [
          {
            type: 'bar',
            label: t('books.monthly.deposits'),
            data: account.deposits,
            backgroundColor: COLORS[2],
            yAxisID: 'flow',
          },
          {
            type: 'bar',
            label: t('books.monthly.withdrawals'),
            data: account.withdrawals,
            backgroundColor: COLORS[1],
            yAxisID: 'flow',
          },
          {
            type: 'line',
            label: t('books.monthly.balances'),
            data: account.balances,
            borderColor: COLORS[0],
            backgroundColor: COLORS[0],
            yAxisID: 'balance',
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label ?? ''}: ${formatYen(item.parsed.y ?? 0, lang)}`,
            },
          },
        },
        scales: {
          flow: { position: 'left', ticks: { callback: (v) => formatCompact(Number(v), lang) } },
          balance: {
            position: 'right',
            grid: { drawOnChartArea: false },
            ticks: { callback: (v) => formatCompact(Number(v), lang) },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [view, account, t, lang]);
  return (
    <div className="monthly-chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${t('books.monthly.inOut')} / ${t('books.monthly.balances')}: ${account?.accountLabel ?? ''}`}
      />
    </div>
  );
}
