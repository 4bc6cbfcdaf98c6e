/** What one bench:sync round reports to the orchestrator (bench-sync.ts) on stdout. */
export interface RoundResult {
  ms: number;
  rows: number;
  peakRssMb: number;
  /** RSS just before the sync began: what the process holds with its modules loaded. */
  startRssMb: number;
  repeatMs?: number[];
}
