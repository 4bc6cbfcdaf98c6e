import { describe, expect, it } from 'vitest';
import { andThen, mapInTurn } from '../../simulator/maybe-promise.ts';

describe('values that are there at once or later (the API answering from memory)', () => {
  it('goes on at once, without a promise, when the value is there', () => {
    expect(andThen(2, (n) => n * 3)).toBe(6);
    expect(mapInTurn([1, 2, 3], (n) => n * 2)).toEqual([2, 4, 6]);
  });

  it('waits for a value still to come, and a throw after it rejects', async () => {
    expect(await andThen(Promise.resolve(2), (n) => n * 3)).toBe(6);
    await expect(
      andThen(Promise.resolve(2), () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
  });

  it('asks for each item only once the one before has answered, as a loop of awaits does', async () => {
    const asked: string[] = [];
    const read = (n: number) => {
      asked.push(`ask ${n}`);
      if (n === 1) return n * 10;
      return new Promise<number>((resolve) =>
        setTimeout(() => {
          asked.push(`answer ${n}`);
          resolve(n * 10);
        }, 5),
      );
    };
    const all = mapInTurn([1, 2, 3], read);
    expect(all).toBeInstanceOf(Promise);
    expect(await all).toEqual([10, 20, 30]);
    expect(asked).toEqual(['ask 1', 'ask 2', 'answer 2', 'ask 3', 'answer 3']);
  });
});
