import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../src/ingest/read-events.js';
import { DEFAULT_ATTACH_WINDOW, MessageCollector } from '../../src/messages/collector.js';

/**
 * Found in review of the four-characters-a-step hash: two clicks of one message in the same second
 * whose URLs differ only in text chosen to give the same words (eight characters below 256 against
 * four from 256 up) were taken for copies, and the second click was dropped. Different events are
 * never copies (docs/rules.md#duplicates): read the lean way and the general way, both are kept.
 */
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const base = `"email":"a@ex.test","smtp-id":"<${ID}@h>","sg_message_id":"${ID}.filter0001-1-2-3.0"`;
const LOG = [
  `{${base},"timestamp":1794716200,"event":"processed","sg_event_id":"e1"}`,
  `{${base},"timestamp":1794716250,"event":"delivered","sg_event_id":"e2","response":"250 OK"}`,
  `{${base},"timestamp":1794716300,"event":"click","sg_event_id":"e3","url":"https://ex.test/abcdefgh","useragent":"UA","ip":"1.2.3.4"}`,
  `{${base},"timestamp":1794716300,"event":"click","sg_event_id":"e4","url":"https://ex.test/\u6261\u6463\u3fba\u3750","useragent":"UA","ip":"1.2.3.4"}`,
  // A real copy (SendGrid's retry with a new sg_event_id) is still one.
  `{${base},"timestamp":1794716300,"event":"click","sg_event_id":"e5","url":"https://ex.test/abcdefgh","useragent":"UA","ip":"1.2.3.4"}`,
].join('\n');

describe('events whose texts only look alike to a hash', () => {
  it.each([true, false])('are all kept, and a real copy is still removed (lean: %s)', async (lean) => {
    const collector = new MessageCollector({ attachWindow: DEFAULT_ATTACH_WINDOW });
    await readEvents({ files: [], stdin: Readable.from([Buffer.from(LOG)]), lean, copies: collector }, { event: (e) => void collector.add(e) });
    const [message, ...rest] = [...collector.finish()];
    expect(rest).toEqual([]);
    expect(message?.events).toBe(4);
    expect(collector.removed).toBe(1);
  });
});
