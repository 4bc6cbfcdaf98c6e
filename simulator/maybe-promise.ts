/**
 * A value that is there at once when it is in memory, and a promise when it must be read. The API's
 * usual call (a token, link, accounts and balances this process holds) then runs from the request
 * to the answer without a promise: each promise an API call made was a measurable share of its CPU
 * time (docs/benchmarks.md, "Where the bank's time goes"). `await` takes either kind.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `next(value)`: at once when the value is there, else once it comes (a throw then rejects). */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * `read` of each item in turn — the next asked only once the one before has answered, as a loop
 * of `await`s would — and all of them at once when every answer was there at once.
 */
export function mapInTurn<T, U>(items: readonly T[], read: (item: T) => MaybePromise<U>): MaybePromise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) {
    const value = read(items[i]!);
    if (value instanceof Promise) {
      return (async () => {
        out.push(await value);
        for (const item of items.slice(i + 1)) out.push(await read(item));
        return out;
      })();
    }
    out.push(value);
  }
  return out;
}
