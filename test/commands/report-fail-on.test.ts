import { describe, expect, it } from 'vitest';
import { parseFailOn } from '../../src/cli/fail-on-arg.js';
import { UsageError } from '../../src/commands/exit-codes.js';
import { sgtrail } from '../helpers/golden.js';

const MIXED = 'test/fixtures/report/mixed.log';
// mixed.log: 160 messages; failed 19 (11.9%), after-delivery 7, recovered 10, pending 2, blocked 5, error list 38.

describe('--fail-on: exit codes', () => {
  it.each([
    ['failed>5%', 1],
    ['failed>=19', 1],
    ['failed>19', 0],
    ['failed>12%', 0],
    ['failed>11.8%', 1],
    ['blocked>4', 1],
    ['blocked>=6', 0],
    ['after-delivery>=7', 1],
    ['pending>2', 0],
    ['recovered>9', 1],
    ['error-list>38', 0],
    ['error-list>=23.75%', 1],
    ['failed>50%,blocked>10', 0],
    ['failed>50%, blocked>=5', 1],
    ['delivered>100', 1],
  ])('%s → exit %i', (expr, code) => {
    const r = sgtrail(['report', '--format', 'json', '--fail-on', expr, MIXED]);
    expect(r.status).toBe(code);
    expect(JSON.parse(r.stdout).schema).toBe('sgtrail.report/1'); // the report is written either way
    if (code === 1) expect(r.stderr).toMatch(/^sgtrail: --fail-on .+ holds: \d+ of 160 messages/m);
    else expect(r.stderr).not.toContain('--fail-on');
  });

  it('names each condition that held, and only those', () => {
    const r = sgtrail(['report', '--quiet', '--fail-on', 'failed>10,blocked>100', '--fail-on', 'pending>=2', MIXED]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const loud = sgtrail(['report', '--fail-on', 'failed>10,blocked>100', '--fail-on', 'pending>=2', MIXED]);
    const lines = loud.stderr.split('\n').filter((l) => l.includes('--fail-on'));
    expect(lines).toEqual([
      'sgtrail: --fail-on failed>10 holds: 19 of 160 messages (11.9%) are failed',
      'sgtrail: --fail-on pending>=2 holds: 2 of 160 messages (1.3%) are pending',
    ]);
  });

  it('the story: its forwarded bounce trips after-delivery>0 but not failed>0', () => {
    expect(sgtrail(['report', '--fail-on', 'after-delivery>0', 'samples/story.log']).status).toBe(1);
    expect(sgtrail(['report', '--fail-on', 'failed>0', 'samples/story.log']).status).toBe(0);
  });

  it.each(['failed', 'failed>', 'failed>x', 'nonsense>1', 'failed=3', 'failed<3', 'failed>150%', 'failed>1,,', '>3', 'failed>-1'])(
    'invalid %j → exit 2 before reading',
    (expr) => {
      const r = sgtrail(['report', '--fail-on', expr, 'no-such-file.log']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--fail-on');
      expect(r.stdout).toBe('');
    },
  );

  it('unreadable input (3) wins over a condition that held', () => {
    const r = sgtrail(['report', '--quiet', '--fail-on', 'failed>=0', MIXED, 'no-such-file.log']);
    expect(r.status).toBe(3);
  });
});

describe('parseFailOn', () => {
  it.each([
    ['failed>5%', [{ subject: { kind: 'group', group: 'failed' }, op: '>', value: 5, percent: true }]],
    ['bounced>=10', [{ subject: { kind: 'verdict', verdict: 'bounced' }, op: '>=', value: 10, percent: false }]],
    [' Error-List > 2.5 % ', [{ subject: { kind: 'error-list' }, op: '>', value: 2.5, percent: true }]],
    ['delivered>1', [{ subject: { kind: 'verdict', verdict: 'delivered' }, op: '>', value: 1, percent: false }]],
    ['after-delivery>0,pending>=3', [
      { subject: { kind: 'group', group: 'after-delivery' }, op: '>', value: 0, percent: false },
      { subject: { kind: 'group', group: 'pending' }, op: '>=', value: 3, percent: false },
    ]],
  ])('%j', (expr, expected) => {
    expect(parseFailOn([expr])).toMatchObject(expected);
  });

  it('throws a UsageError for nonsense', () => {
    expect(() => parseFailOn(['other>1'])).toThrow(UsageError);
    expect(() => parseFailOn(['failed>1;'])).toThrow(UsageError);
  });
});
