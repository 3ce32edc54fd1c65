import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainRecord } from '../../src/reasons/explain-format.js';
import { findAddresses } from '../../src/reasons/addresses.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Real SMTP replies from public sources (test/fixtures/real/replies.tsv, provenance in
 * PROVENANCE.md), each with what a careful reader concludes: the class, permanence, whether the
 * recipient's own address is bad, and whom the reply is about. Expectations were written from the
 * text and the providers' documentation, not from sgtrail's output.
 */
interface Reply {
  text: string;
  cls: string;
  permanent: boolean | null;
  hard: boolean;
  about: string;
}
const rows: Reply[] = readFileSync(join(ROOT, 'test/fixtures/real/replies.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [text, , cls, permanent, hard, about] = line.split('\t') as string[];
    return { text: text as string, cls: cls as string, permanent: permanent === 'null' ? null : permanent === 'true', hard: hard === 'true', about: about as string };
  });

/**
 * Where sgtrail's answer still differs from the reader's, and why it is left so (a wrong answer
 * is listed here rather than hidden: the test fails if it starts to agree, so the list stays true).
 */
const DIFFERS: Record<string, string> = {
  '400 try again later': 'remote-error: "try again later" names a transient fault of the receiving side; the reader says unknown',
  '451 4.7.500 Server busy. Please try again later from [203.0.113.10].':
    "policy (4.7.x); Microsoft's 4.7.500–699 throttle new senders, which the text does not say",
  '451 Internal resource temporarily unavailable': "remote-error by its words; Mimecast's table means a policy greylist",
  '550 5.1.8 <user@domain>: Sender address rejected: Domain not found':
    'sender-rejected (the sender address was refused); the reader says sender-config',
};
const differs = (text: string) => Object.keys(DIFFERS).find((k) => text.startsWith(k));

/** The recipient a reply about the recipient names, so that it is not taken for a forward target. */
function recipientOf(r: Reply): string | null {
  if (r.about.startsWith('other:')) return 'the-recipient@example.net';
  return findAddresses(r.text)[0]?.address ?? null;
}

describe('real replies: class, permanence, hardness and whom they are about', () => {
  it.each(rows.filter((r) => differs(r.text) === undefined).map((r) => [r.text.slice(0, 100), r] as const))('%s', (_t, r) => {
    const rec = explainRecord(r.text, recipientOf(r));
    const forward = r.about.startsWith('other:') ? r.about.slice('other:'.length) : null;
    expect({ cls: rec.reason_class, permanent: rec.permanent, hard: rec.hard, forward_to: rec.forward_to }).toEqual({
      cls: r.cls,
      permanent: r.permanent,
      hard: r.hard,
      forward_to: forward,
    });
  });

  it.each(rows.filter((r) => differs(r.text) !== undefined).map((r) => [r.text.slice(0, 80), r] as const))(
    'still judged differently: %s',
    (_t, r) => {
      expect(explainRecord(r.text, recipientOf(r)).reason_class).not.toBe(r.cls);
    },
  );

  it('an address in a sender position is never a forward target, whoever the recipient is', () => {
    for (const text of [
      '550 Rejected by header based manually Blocked Senders: news@brand.example',
      '550 Rejected by header based Anti-Spoofing policy: news@brand.example',
      '550 5.7.1 Message rejected: envelope sender news@brand.example is not allowed',
    ]) {
      expect(explainRecord(text, 'alice@y.example').forward_to, text).toBeNull();
    }
  });
});
