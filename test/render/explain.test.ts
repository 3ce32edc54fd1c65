import { inEnglish } from '../../src/i18n/catalog.js';

const ENGLISH = inEnglish();
import { describe, expect, it } from 'vitest';
import { explainRecord } from '../../src/reasons/index.js';
import { formatExplainHuman } from '../../src/render/explain.js';

describe('explainRecord', () => {
  it('returns exactly the explain --json fields', () => {
    const rec = explainRecord('550 5.2.2 <sample-2@***.com>... Mailbox full');
    expect(rec).toEqual({
      text: '550 5.2.2 <sample-2@***.com>... Mailbox full',
      reason_class: 'mailbox-full',
      permanent: true,
      hard: false,
      status: '5.2.2',
      reply_code: '550',
      forward_to: 'sample-2@***.com',
      hint: expect.any(String),
    });
    expect(Object.keys(rec)).toEqual(['text', 'reason_class', 'permanent', 'hard', 'status', 'reply_code', 'forward_to', 'hint']);
  });

  it('uses null, not missing, for what the text does not say', () => {
    const rec = explainRecord('IPs were throttled by recipient server');
    expect(rec).toMatchObject({ reason_class: 'rate-limited', permanent: null, status: null, reply_code: null, forward_to: null });
  });
});

describe('formatExplainHuman', () => {
  it('shows the class with its description, permanence, address health, target and hint', () => {
    const out = formatExplainHuman(explainRecord('550 5.1.1 <other@example.net>: Recipient address rejected: User unknown'), false, ENGLISH);
    expect(out).toContain('user-unknown (the mailbox does not exist)');
    expect(out).toContain('permanent');
    expect(out).toContain('address: bad');
    expect(out).toContain('other@example.net');
    expect(out).toMatch(/hint: Remove the address/);
  });

  it('says the address is fine for a block, and transient for a 4xx', () => {
    const out = formatExplainHuman(explainRecord('421 4.7.0 [TSS04] Messages temporarily deferred due to unexpected volume or user complaints'), false, ENGLISH);
    expect(out).toContain('address: fine');
    expect(out).toContain('transient');
    expect(out).not.toContain('forward');
  });

  it('says unknown when no code is present', () => {
    expect(formatExplainHuman(explainRecord('something odd happened'), false, ENGLISH)).toContain('unknown');
  });

  it.each<[string, string]>([
    ['ESC', '\u001b[31m550 red\u001b[0m'],
    ['CR', '550 ok\rOVERWRITTEN'],
    ['BEL and backspace', '550\u0007\u0008 x'],
    ['DEL and C1', '550 \u007f\u009b x'],
    ['bidi override', '550 \u202euser unknown\u202c'],
    ['bidi isolate', '550 \u2066x\u2069'],
  ])('escapes %s in echoed text', (_name, text) => {
    const out = formatExplainHuman(explainRecord(text), false, ENGLISH);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toMatch(/\\x|\\u/);
  });

  it('keeps the JSON record unescaped: escaping is for terminals only', () => {
    expect(explainRecord('550 \u001b x').text).toBe('550 \u001b x');
  });
});
