/**
 * Faults a tester schedules from the QA console: the next N API calls fail with a status, or are
 * slowed down, or the whole API is in maintenance. Kept in memory: a restart clears them.
 */
export type FaultSpec =
  | { kind: 'status'; status: 500 | 503 | 429; count: number; retryAfterSeconds: number }
  | { kind: 'latency'; latencyMs: number; count: number };

export type FaultInjector = ReturnType<typeof createFaultInjector>;

export function createFaultInjector() {
  const queue: FaultSpec[] = [];
  let maintenance = false;
  return {
    schedule(spec: FaultSpec): void {
      queue.push({ ...spec });
    },

    /** The fault the next API call meets, counting it off; undefined when none is due. */
    take(): FaultSpec | undefined {
      const head = queue[0];
      if (!head) return undefined;
      head.count -= 1;
      if (head.count <= 0) queue.shift();
      return head;
    },

    pending(): FaultSpec[] {
      return queue.map((f) => ({ ...f }));
    },

    clear(): void {
      queue.length = 0;
    },

    get maintenance(): boolean {
      return maintenance;
    },

    setMaintenance(on: boolean): void {
      maintenance = on;
    },
  };
}
