import type { english } from './en.js';

/**
 * The catalogue's type: the shape of the English catalogue with its strings widened. The Japanese
 * catalogue is declared as a `Catalog`, so a key missing from it, or one English does not have,
 * is a compile error, and so is a sentence function that takes other arguments.
 */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Widen<T[K]> }
        : T;

export type Catalog = Widen<ReturnType<typeof english>>;
