/**
 * `--redact`: every email address in every output string becomes a stable pseudonym that keeps
 * the domain (`user-1@gmail.com`); the same address gets the same pseudonym within a run, however
 * it is written: any case, internationalized (`bücher@bücher.example`), with an address literal
 * (`x@[192.0.2.1]`), or URL-encoded in a link (`x%2Btag%40example.com` becomes
 * `user-1%40example.com`). Counters, not hashes: a hash of an address can be reversed by guessing.
 */
// Three shapes, tried in turn at each position: URL-encoded (`x%2Btag%40example.com`, the local
// part stopping at `/ ? = &`, which join it to the query around it), quoted (`"john doe"@x.com`),
// and plain, where `=` belongs to the local part (a VERP return path names the recipient in it:
// `bounces+1-rcpt=example.com@em.example` is one address). No local part starts with a quote or
// a dot. A domain is labels of letters, digits and `-` (`xn--` labels too), or an address literal.
const DOMAIN = String.raw`(?:(?:[\p{L}\p{N}*](?:[\p{L}\p{N}*-]*[\p{L}\p{N}*])?\.)+(?:[\p{L}*]{2,}|xn--[\p{L}\p{N}-]+)|\[[^\]\s]{2,64}\])`;
const ADDRESS_SOURCE = [
  String.raw`[\p{L}\p{N}_%+!#$*^{|}~-][\p{L}\p{N}._%+'!#$*^{|}~-]*%40${DOMAIN}`,
  String.raw`"[^"\r\n]{1,64}"@${DOMAIN}`,
  String.raw`[\p{L}\p{N}_%+!#$&*^{|}~=-][\p{L}\p{N}._%+'!#$&*^{|}~=-]*@${DOMAIN}`,
].join('|');
/**
 * Made on first use: building its Unicode classes took 2 ms of every start (CPU profile of a
 * lookup on an empty log), and most runs never redact.
 */
let addressPattern: RegExp | null = null;

/** The address a match stands for, URL-decoded where it was encoded, for its pseudonym. */
function decoded(match: string): string {
  if (!match.includes('%')) return match;
  try {
    return decodeURIComponent(match);
  } catch {
    return match.replace(/%40/gi, '@');
  }
}

export class Redactor {
  private readonly names = new Map<string, string>();

  address(addr: string): string {
    const key = addr.toLowerCase();
    let name = this.names.get(key);
    if (name === undefined) {
      const domain = key.slice(key.lastIndexOf('@') + 1);
      name = `user-${this.names.size + 1}@${domain}`;
      this.names.set(key, name);
    }
    return name;
  }

  text(s: string): string {
    return s.replace((addressPattern ??= new RegExp(ADDRESS_SOURCE, 'giu')), (a) => {
      const plain = decoded(a);
      const name = this.address(plain);
      return plain === a ? name : encodeURIComponent(name);
    });
  }
}

/** A string transformer applied to every log-derived string of an output. */
export type Scrub = (s: string) => string;

export function scrubber(redactor: Redactor | null): Scrub {
  return redactor === null ? (s) => s : (s) => redactor.text(s);
}

/** `value` with every string in it (keys included) passed through `scrub`: a whole event for `events --redact`. */
export function redactedValue(value: unknown, scrub: Scrub): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => redactedValue(v, scrub));
  if (value !== null && typeof value === 'object') {
    // No prototype: a key named `__proto__` is data here.
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[scrub(k)] = redactedValue(v, scrub);
    return out;
  }
  return value;
}
