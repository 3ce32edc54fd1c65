/**
 * `--redact`: every email address in every output string becomes a stable pseudonym that keeps
 * the domain (`user-1@gmail.com`); the same address gets the same pseudonym within a run.
 * Counters, not hashes: a hash of an address can be reversed by guessing.
 */
const ADDRESS = /[A-Za-z0-9._%+'=-]+@(?:[A-Za-z0-9*-]+\.)+[A-Za-z*]{2,}/g;

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
    return s.replace(ADDRESS, (a) => this.address(a));
  }
}

/** A string transformer applied to every log-derived string of an output. */
export type Scrub = (s: string) => string;

export function scrubber(redactor: Redactor | null): Scrub {
  return redactor === null ? (s) => s : (s) => redactor.text(s);
}
