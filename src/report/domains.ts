import type { MessageView } from '../verdict/view.js';
import { VERDICT_GROUP, type VerdictGroup } from '../verdict/verdicts.js';
import type { BlockedIpCount, DomainCount, ForwardDomainCount, Ranked } from './types.js';
import { zeroGroups } from './verdict-counts.js';

/** The key of a message with no domain or no category (JSON shows it as it is; tables in words). */
export const NO_KEY = '(none)';

/** The part after the last `@`, lower-cased; `(none)` for a value without one. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 || at === address.length - 1 ? NO_KEY : address.slice(at + 1).toLowerCase();
}

function byCount<T extends { domain: string; messages: number }>(a: T, b: T): number {
  return b.messages - a.messages || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
}

/**
 * Messages by a key of theirs — the recipient domain, or each category of the send — most
 * messages first (ties by name), with the rest folded into one row. (`domain` holds the key.)
 */
class KeyTally {
  private readonly rows = new Map<string, DomainCount>();

  constructor(private readonly keysOf: (m: MessageView) => readonly string[]) {}

  add(m: MessageView): void {
    for (const domain of this.keysOf(m)) {
      let row = this.rows.get(domain);
      if (row === undefined) {
        row = { domain, messages: 0, errorList: 0, groups: zeroGroups() };
        this.rows.set(domain, row);
      }
      row.messages++;
      if (m.decision.errorList) row.errorList++;
      row.groups[VERDICT_GROUP[m.decision.verdict]]++;
    }
  }

  result(top: number): Ranked<DomainCount> {
    return rankRows([...this.rows.values()], top);
  }
}

/** Recipient domains. */
export const domainTally = () => new KeyTally((m) => [domainOf(m.state.emailKey)]);

/** Categories of the send: a message with two categories counts in both rows. */
export const categoryTally = () => new KeyTally((m) => m.state.categories ?? [NO_KEY]);

function rankRows(rows: DomainCount[], top: number): Ranked<DomainCount> {
  const sorted = rows.sort(byCount);
  const restRows = sorted.slice(top);
  let rest: Ranked<DomainCount>['rest'] = null;
  if (restRows.length > 0) {
    const groups = zeroGroups();
    let n = 0;
    let errorList = 0;
    for (const r of restRows) {
      n += r.messages;
      errorList += r.errorList;
      for (const g of Object.keys(groups) as VerdictGroup[]) groups[g] += r.groups[g];
    }
    rest = { domains: restRows.length, messages: n, errorList, groups };
  }
  return { distinct: sorted.length, top: sorted.slice(0, top), rest };
}

/** Domains of the forwarding targets that bounced (forwarded-bounce messages). */
export class ForwardTargetTally {
  private readonly rows = new Map<string, ForwardDomainCount>();
  private total = 0;

  add(m: MessageView): void {
    const target = m.decision.forwardTo;
    if (target === null) return;
    this.total++;
    const domain = domainOf(target);
    const row = this.rows.get(domain);
    if (row) row.messages++;
    else this.rows.set(domain, { domain, messages: 1 });
  }

  result(top: number): Ranked<ForwardDomainCount> & { messages: number } {
    const sorted = [...this.rows.values()].sort(byCount);
    const restRows = sorted.slice(top);
    const rest =
      restRows.length > 0 ? { domains: restRows.length, messages: restRows.reduce((n, r) => n + r.messages, 0) } : null;
    return { messages: this.total, distinct: sorted.length, top: sorted.slice(0, top), rest };
  }
}

/** The reason classes that are about the sending IP. */
const IP_CLASSES = new Set(['blocklisted', 'reputation']);

/**
 * Sending IPs of the messages refused for a blocklisting or the sender's reputation (whatever
 * their verdict): which IPs to look up on the blocklists or ask SendGrid about.
 */
export class BlockedIpTally {
  private readonly rows = new Map<string, BlockedIpCount>();
  private total = 0;

  add(m: MessageView): void {
    const cls = m.decision.reasonInfo?.reason_class;
    if (cls === undefined || !IP_CLASSES.has(cls)) return;
    this.total++;
    const ip = m.state.sendingIp ?? '(unknown)';
    let row = this.rows.get(ip);
    if (row === undefined) {
      row = { ip, messages: 0, blocklisted: 0, reputation: 0 };
      this.rows.set(ip, row);
    }
    row.messages++;
    if (cls === 'blocklisted') row.blocklisted++;
    else row.reputation++;
  }

  result(top: number): { messages: number; distinct: number; top: BlockedIpCount[] } {
    const sorted = [...this.rows.values()].sort((a, b) => b.messages - a.messages || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
    return { messages: this.total, distinct: sorted.length, top: sorted.slice(0, top) };
  }
}
