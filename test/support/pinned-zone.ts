/**
 * Setup of the test projects pinned to a time zone (vitest.config.ts): the run stops unless the
 * zone really is the pinned one, so a zone that did not take would not pass as a run in it.
 */
const zone = process.env.TZ!;
const at = Date.UTC(2026, 0, 1, 12);
const hourThere = Number(
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at),
);
if (new Date(at).getHours() !== hourThere) {
  throw new Error(`the tests pinned to ${zone} run in another zone (local hour ${new Date(at).getHours()})`);
}
