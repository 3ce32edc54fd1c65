import { describe, expect, it } from 'vitest';
import { ndjson, sgtrail } from '../helpers/cli.js';

describe('sgtrail explain', () => {
  it('classifies each argument, in order, as README.md#json-output JSON', () => {
    const r = sgtrail(['explain', '--json', '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown', '421 4.7.0 [TSS04] Messages temporarily deferred due to user complaints']);
    expect(r.status).toBe(0);
    const [a, b] = ndjson(r.stdout);
    expect(Object.keys(a ?? {})).toEqual(['text', 'reason_class', 'permanent', 'hard', 'status', 'reply_code', 'forward_to', 'hint']);
    expect(a).toMatchObject({ reason_class: 'user-unknown', permanent: true, hard: true, status: '5.1.1', reply_code: '550' });
    expect(b).toMatchObject({ reason_class: 'reputation', permanent: false, hard: false });
  });

  it('reads stdin lines when there are no arguments (CRLF, no final newline, blank lines skipped)', () => {
    const r = sgtrail(['explain', '--json'], { input: '552 5.2.2 mailbox full\r\n\n554 5.7.1 blocked using zen.spamhaus.org' });
    expect(ndjson(r.stdout).map((x) => [x['text'], x['reason_class']])).toEqual([
      ['552 5.2.2 mailbox full', 'mailbox-full'],
      ['554 5.7.1 blocked using zen.spamhaus.org', 'blocklisted'],
    ]);
  });

  it('names a forward target only when it is not the given recipient', () => {
    const reason = '552 5.2.2 <sample-2@***.com>... Mailbox full';
    const [other] = ndjson(sgtrail(['explain', '--json', '--recipient', 'sample-1@***.com', reason]).stdout);
    const [self] = ndjson(sgtrail(['explain', '--json', '--recipient', 'Sample-2@***.com', reason]).stdout);
    expect(other?.['forward_to']).toBe('sample-2@***.com');
    expect(self?.['forward_to']).toBeNull();
  });

  it('keeps a huge line without a newline bounded and still answers', () => {
    const r = sgtrail(['explain', '--json'], { input: `550 5.1.1 user unknown ${'x'.repeat(3_000_000)}` });
    expect(r.status).toBe(0);
    const [x] = ndjson(r.stdout);
    expect(x?.['reason_class']).toBe('user-unknown');
    expect(String(x?.['text']).length).toBe(1 << 20);
  });
});
