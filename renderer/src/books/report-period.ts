import { useEffect, useState } from 'react';
import type { CsvFile } from '../../../shared/ipc/reports-contract.ts';
import { fiscalYearOf } from '../../../shared/fiscal-year.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });

export interface ReportPeriod {
  dateFrom: string;
  dateTo: string;
  setDateFrom(date: string): void;
  setDateTo(date: string): void;
}

/** The reports' period: the current fiscal year (設定 → 会計年度の開始月) until the user picks dates. */
export function useReportPeriod(errors: ErrorState): ReportPeriod | undefined {
  const [period, setPeriod] = useState<{ dateFrom: string; dateTo: string }>();
  useEffect(() => {
    call('settings:get', undefined).then(
      (s) => {
        const year = fiscalYearOf(today(), s.fiscalYearStartMonth);
        setPeriod((p) => p ?? { dateFrom: year.dateFrom, dateTo: year.dateTo });
      },
      (error: unknown) => errors.show(error),
    );
  }, [errors]);
  if (!period) return undefined;
  return {
    ...period,
    setDateFrom: (dateFrom) => dateFrom && setPeriod({ ...period, dateFrom }),
    setDateTo: (dateTo) => dateTo && setPeriod({ ...period, dateTo }),
  };
}

/** A CSV the core made, downloaded by the browser (Electron saves a download through its dialog). */
export function downloadCsv(file: CsvFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
