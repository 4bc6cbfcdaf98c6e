import type { ja } from './ja.ts';

/** The shape of every language's words: ja.ts's keys, any string as the value. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof ja>;
