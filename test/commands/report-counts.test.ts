import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/render/report/json.js';
import { VERDICTS } from '../../src/verdict/verdicts.js';
import { DAY_LOG, hasDayLog, messagesJson, sgtrail } from '../helpers/golden.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function reportJson(args: string[]): ReportJson {
  const r = sgtrail(['report', '--format', 'json', '--quiet', ...args]);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as ReportJson;
}

/** The identities docs/report-schema.md promises, and agreement with `messages --json`. */
function checkAddsUp(args: string[]): void {
  const rep = reportJson(args);
  const msgs = messagesJson(args);
  expect(rep.schema).toBe('sgtrail.report/1');

  // Verdicts and groups sum to the messages; each agrees with messages --json.
  expect(rep.verdicts.map((v) => v.verdict)).toEqual([...VERDICTS]);
  expect(sum(rep.verdicts.map((v) => v.count))).toBe(rep.messages);
  expect(sum(Object.values(rep.groups))).toBe(rep.messages);
  expect(rep.messages).toBe(msgs.length);
  for (const v of rep.verdicts) {
    const mine = msgs.filter((m) => m['verdict'] === v.verdict);
    expect(v.count, v.verdict).toBe(mine.length);
    expect(v.error_list, v.verdict).toBe(mine.filter((m) => m['error_list'] === true).length);
  }

  // The headline sums to the error list, which agrees with messages --json.
  const onList = msgs.filter((m) => m['error_list'] === true);
  expect(rep.error_list.total).toBe(onList.length);
  expect(rep.error_list.outcomes.map((o) => o.group)).toEqual(['failed', 'after-delivery', 'recovered', 'pending', 'delivered', 'other']);
  expect(sum(rep.error_list.outcomes.map((o) => o.count))).toBe(rep.error_list.total);
  for (const o of rep.error_list.outcomes) {
    expect(sum(Object.values(o.verdicts) as number[])).toBe(o.count);
    for (const [v, n] of Object.entries(o.verdicts)) {
      expect(n).toBe(onList.filter((m) => m['verdict'] === v).length);
    }
  }
  const failed = onList.filter((m) => ['bounced', 'blocked', 'expired', 'dropped'].includes(m['verdict'] as string)).length;
  expect(rep.error_list.outcomes[0]?.count).toBe(failed);

  // Reason classes sum to their groups, and agree with messages --json.
  expect(sum(rep.reason_classes.failed.map((c) => c.count))).toBe(rep.groups.failed);
  expect(sum(rep.reason_classes['after-delivery'].map((c) => c.count))).toBe(rep.groups['after-delivery']);
  for (const c of rep.reason_classes.failed) {
    const n = msgs.filter((m) => ['bounced', 'blocked', 'expired', 'dropped'].includes(m['verdict'] as string) && m['reason_class'] === c.reason_class).length;
    expect(c.count, String(c.reason_class)).toBe(n);
  }

  // Ranked tables: top + rest = total.
  expect(sum(rep.domains.top.map((d) => d.messages)) + (rep.domains.rest?.messages ?? 0)).toBe(rep.messages);
  for (const d of rep.domains.top) expect(sum(Object.values(d.groups))).toBe(d.messages);
  expect(rep.domains.top.length + (rep.domains.rest?.domains ?? 0)).toBe(rep.domains.count);
  expect(sum(rep.forward_targets.top.map((d) => d.messages)) + (rep.forward_targets.rest?.messages ?? 0)).toBe(rep.forward_targets.messages);
  expect(rep.forward_targets.messages).toBe(msgs.filter((m) => m['forward_to'] !== null).length);
  expect(rep.needs_attention.total).toBe(rep.groups['after-delivery']);
  expect(rep.input.events).toBe(rep.input.events_read - rep.input.duplicates);
}

describe('report --format json: the counts add up and agree with messages --json', () => {
  it('samples/story.log', () => checkAddsUp(['samples/story.log']));
  it('mixed.log', () => checkAddsUp(['test/fixtures/report/mixed.log']));
  it('mixed.log --errors', () => checkAddsUp(['--errors', 'test/fixtures/report/mixed.log']));
  it('mixed.log --verdict blocked,delivered --since 2026-11-18', () =>
    checkAddsUp(['--verdict', 'blocked,delivered', '--since', '2026-11-18T00:00:00Z', 'test/fixtures/report/mixed.log']));
  it('mixed.log --email', () => checkAddsUp(['--email', 'millerseo7@gmail.com', 'test/fixtures/report/mixed.log']));
  it.skipIf(!hasDayLog)('samples/day.log', { timeout: 300_000 }, () => checkAddsUp([DAY_LOG]));

  it('story: the forwarded bounce is the one message that needs a look', () => {
    const rep = reportJson(['samples/story.log']);
    expect(rep.messages).toBe(2);
    expect(rep.error_list.total).toBe(1);
    expect(rep.error_list.outcomes[1]).toMatchObject({ group: 'after-delivery', count: 1, verdicts: { 'forwarded-bounce': 1 } });
    expect(rep.needs_attention.messages[0]).toMatchObject({
      email: 'sample-1@***.com',
      verdict: 'forwarded-bounce',
      gap_seconds: 276,
      reason_class: 'mailbox-full',
      forward_to: 'sample-2@***.com',
    });
    expect(rep.input.duplicates).toBe(1);
    expect(rep.time_range.first_event_at).toBe('2026-11-18T09:05:14Z');
  });

  it('--redact hides every address in the JSON, and keeps domains', () => {
    const out = sgtrail(['report', '--format', 'json', '--redact', '--quiet', 'test/fixtures/report/mixed.log']).stdout;
    const plain = messagesJson(['test/fixtures/report/mixed.log']).map((m) => m['email'] as string);
    for (const address of plain) expect(out).not.toContain(`"${address}"`);
    expect(out).toMatch(/"email": "user-\d+@[a-z.]+"/);
    expect(JSON.parse(out).domains.top[0].domain).toBe('gmail.com');
  });

  it('events_per_hour counts every distinct event', () => {
    const rep = reportJson(['test/fixtures/report/mixed.log']);
    const total = sum(rep.events_per_hour.hours.map((h) => sum(rep.events_per_hour.kinds.map((k) => h[k]))));
    expect(total + rep.events_per_hour.untimed).toBe(rep.input.events);
  });
});
