import { describe, expect, it } from 'vitest';
import { explainRecord } from '../../src/reasons/explain-format.js';

/** The replies issue 12 found mis-read, as a support engineer would paste them into `explain`. */
describe('explain on the replies the forwarded-bounce story is about', () => {
  it("the story's reason text is a full mailbox at the forward target, not a rate limit", () => {
    const rec = explainRecord("552 We failed to deliver mail because the volume of recipient's mailbox exceeded the local limit. sample-2@***.com", 'sample-1@***.com');
    expect(rec).toMatchObject({ reason_class: 'mailbox-full', permanent: true, hard: false, forward_to: 'sample-2@***.com' });
  });

  it('a user-unknown reply about the forward target keeps the recipient: not hard, and no advice to remove', () => {
    const rec = explainRecord('550 5.1.1 <bob@x.example>: user unknown', 'alice@y.example');
    expect(rec).toMatchObject({ reason_class: 'user-unknown', hard: false, forward_to: 'bob@x.example' });
    expect(rec.hint).not.toMatch(/remove the address/i);
    expect(rec.hint).toMatch(/forward/);
  });

  it('the same reply about the recipient itself is hard', () => {
    expect(explainRecord('550 5.1.1 <alice@y.example>: user unknown', 'alice@y.example')).toMatchObject({ hard: true, forward_to: null });
  });

  it.each([
    ['451 4.7.1 <a@x.example>: Recipient address rejected: Greylisted for 5 minutes', 'policy'],
    ['450 4.1.1 <a@x.example>: Recipient address rejected: unverified address: Address verification in progress', 'unknown'],
    ['550 5.7.1 <a@x.example>: Recipient address rejected: BLOCK-SEND-ER', 'policy'],
    ['550 5.7.1 <a@x.example>: Recipient address rejected: ERS-Customized-Block', 'policy'],
    ['550 5.1.1 <a@x.example>: Recipient address rejected: User unknown in virtual mailbox table', 'user-unknown'],
  ])('the words after "Recipient address rejected:" decide: %s → %s', (text, cls) => {
    expect(explainRecord(text, 'a@x.example').reason_class).toBe(cls);
  });
});
