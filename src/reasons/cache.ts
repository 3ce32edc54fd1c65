import { classifyReason } from './classify.js';
import type { ReasonInfo, ReasonInput } from './types.js';

/**
 * Classification remembered per distinct (event, status, text): a day of logs repeats the same
 * few thousand replies many times, and a rule table costs microseconds per text. Bounded, so a
 * log of all-unique texts cannot grow it without limit.
 */
export function cachedClassifier(limit = 50_000): (input: ReasonInput) => ReasonInfo {
  const cache = new Map<string, ReasonInfo>();
  return (input) => {
    const key = `${input.event ?? ''}\u0000${input.status ?? ''}\u0000${input.text}`;
    let info = cache.get(key);
    if (info === undefined) {
      info = classifyReason(input);
      if (cache.size < limit) cache.set(key, info);
    }
    return info;
  };
}
