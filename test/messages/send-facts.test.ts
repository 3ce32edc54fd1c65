import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../src/ingest/read-events.js';
import { DEFAULT_ATTACH_WINDOW, MessageCollector } from '../../src/messages/collector.js';

/**
 * What a message keeps about its send (docs/rules.md#report, "The send"): every category any of
 * its events names, the first asm_group_id, campaign or Single Send name and template id, and the
 * `ip` of a send event (an open's or click's is the reader's). A report reads most lines the lean
 * way (LineEvent), which finds most events add nothing without reading their fields, and knows a
 * message's first category list by how its line writes it: each case is read both ways.
 */

const T = 1794694000;
let id = 0;

/** One event line of message `m` of `to` (its IDs derived from `m`), with `extra` fields as JSON text. */
function line(to: string, m: string, event: string, dt: number, extra = ''): string {
  id++;
  const xmid = m.padEnd(22, 'x');
  return `{"email":"${to}","event":"${event}","timestamp":${T + dt},"smtp-id":"<${xmid}@ismtpd-1>","sg_message_id":"${xmid}.filterdrecv-1.0","sg_event_id":"ev${id}"${extra}}`;
}

interface Facts {
  email: string;
  categories: string[] | null;
  asmGroupId: number | string | null;
  campaign: string | null;
  templateId: string | null;
  sendingIp: string | null;
}

/** The send facts of each message of `lines`, read the lean way or the general way, as a report groups them. */
async function factsOf(lines: string[], lean: boolean): Promise<Facts[]> {
  const collector = new MessageCollector({ attachWindow: DEFAULT_ATTACH_WINDOW });
  await readEvents({ files: [], stdin: Readable.from([Buffer.from(lines.join('\n'))]), lean, copies: collector }, { event: (e) => void collector.add(e) });
  const messages = [...collector.finish()].sort((a, b) => a.email.localeCompare(b.email));
  return messages.map((s) => ({
    email: s.email,
    categories: s.categories === null ? null : [...s.categories],
    asmGroupId: s.asmGroupId,
    campaign: s.campaign,
    templateId: s.templateId,
    sendingIp: s.sendingIp,
  }));
}

const NONE = { categories: null, asmGroupId: null, campaign: null, templateId: null, sendingIp: null };

describe('what a message keeps about its send', () => {
  const cases: { name: string; lines: string[]; want: Partial<Facts>[] }[] = [
    {
      // A plain string "[]" is a category named "[]"; an empty list names none; a list of "[]" names it.
      name: 'a category written as the text [] and an empty list are not the same',
      lines: [line('a@x.example', 'a', 'processed', 0, ',"category":"[]"'), line('b@x.example', 'b', 'processed', 1, ',"category":[]'), line('c@x.example', 'c', 'processed', 2, ',"category":["[]"]')],
      want: [{ email: 'a@x.example', categories: ['[]'] }, { email: 'b@x.example', categories: null }, { email: 'c@x.example', categories: ['[]'] }],
    },
    {
      name: 'the same category text on many messages gives each the same list; a later event adds its own',
      lines: [
        line('a@x.example', 'a', 'processed', 0, ',"category":["news","nov"]'),
        line('b@x.example', 'b', 'processed', 1, ',"category":["news","nov"]'),
        line('b@x.example', 'b', 'delivered', 2, ',"category":["news","extra"]'),
        line('c@x.example', 'c', 'processed', 3, ',"category":"news"'),
        line('d@x.example', 'd', 'processed', 4, ',"category":["news","news"]'),
      ],
      want: [
        { email: 'a@x.example', categories: ['news', 'nov'] },
        { email: 'b@x.example', categories: ['news', 'nov', 'extra'] },
        { email: 'c@x.example', categories: ['news'] },
        { email: 'd@x.example', categories: ['news'] },
      ],
    },
    {
      // A list known by its text is a message's first only: added to one it has, the text means more.
      name: 'a later event\'s categories add to the list the message has, whatever another message\'s first list was',
      lines: [
        line('a@x.example', 'a', 'processed', 0, ',"category":["a","b"]'),
        line('b@x.example', 'b', 'processed', 1, ',"category":["b"]'),
        line('b@x.example', 'b', 'delivered', 2, ',"category":["a","b"]'),
        line('c@x.example', 'c', 'processed', 3, ',"category":["x"]'),
        line('c@x.example', 'c', 'delivered', 4, ',"category":["y"]'),
        line('d@x.example', 'd', 'processed', 5, ',"category":["y"]'),
      ],
      want: [
        { email: 'a@x.example', categories: ['a', 'b'] },
        { email: 'b@x.example', categories: ['b', 'a'] },
        { email: 'c@x.example', categories: ['x', 'y'] },
        { email: 'd@x.example', categories: ['y'] },
      ],
    },
    {
      name: 'the sending IP is a send event\'s, not a reader\'s, and may come on a later event',
      lines: [
        line('a@x.example', 'a', 'open', 0, ',"ip":"203.0.113.9"'),
        line('a@x.example', 'a', 'processed', 1),
        line('a@x.example', 'a', 'delivered', 2, ',"ip":"149.72.1.2"'),
        line('a@x.example', 'a', 'deferred', 3, ',"ip":"149.72.9.9"'),
        line('b@x.example', 'b', 'click', 0, ',"ip":"203.0.113.9"'),
        line('c@x.example', 'c', 'delivered', 0, ',"ip":""'),
        line('c@x.example', 'c', 'bounce', 5, ',"ip":"149.72.3.3","reason":"550 5.1.1 unknown"'),
      ],
      want: [
        { email: 'a@x.example', sendingIp: '149.72.1.2' },
        { email: 'b@x.example', sendingIp: null },
        { email: 'c@x.example', sendingIp: '149.72.3.3' },
      ],
    },
    {
      name: 'group, campaign and template come from whichever event names them first; null names nothing',
      lines: [
        line('a@x.example', 'a', 'processed', 0, ',"asm_group_id":null,"template_id":null'),
        line('a@x.example', 'a', 'delivered', 1, ',"singlesend_name":"Black Friday"'),
        line('a@x.example', 'a', 'open', 2, ',"asm_group_id":20417,"template_id":7,"marketing_campaign_name":"later"'),
        line('a@x.example', 'a', 'click', 3, ',"asm_group_id":1,"template_id":"d-other"'),
        line('b@x.example', 'b', 'processed', 0, ',"asm_group_id":true,"template_id":"d-1f2e"'),
        line('b@x.example', 'b', 'delivered', 1, ',"asm_group_id":"g-9","marketing_campaign_name":"Nov news","singlesend_name":"not this"'),
      ],
      want: [
        { email: 'a@x.example', asmGroupId: 20417, campaign: 'Black Friday', templateId: '7' },
        { email: 'b@x.example', asmGroupId: 'g-9', campaign: 'Nov news', templateId: 'd-1f2e' },
      ],
    },
    {
      name: 'each fact alone on an event that names nothing else',
      lines: [
        line('a@x.example', 'a', 'processed', 0),
        line('a@x.example', 'a', 'delivered', 1, ',"marketing_campaign_name":"Nov news"'),
        line('b@x.example', 'b', 'processed', 0),
        line('b@x.example', 'b', 'open', 1, ',"singlesend_name":"Welcome"'),
        line('c@x.example', 'c', 'processed', 0),
        line('c@x.example', 'c', 'click', 1, ',"template_id":"d-9"'),
        line('d@x.example', 'd', 'processed', 0),
        line('d@x.example', 'd', 'open', 1, ',"asm_group_id":5'),
        line('e@x.example', 'e', 'processed', 0),
        line('e@x.example', 'e', 'deferred', 1, ',"ip":"149.72.4.4"'),
      ],
      want: [
        { email: 'a@x.example', campaign: 'Nov news' },
        { email: 'b@x.example', campaign: 'Welcome' },
        { email: 'c@x.example', templateId: 'd-9' },
        { email: 'd@x.example', asmGroupId: 5 },
        { email: 'e@x.example', sendingIp: '149.72.4.4' },
      ],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const want = c.want.map((w) => ({ ...NONE, ...w }));
      expect(await factsOf(c.lines, true)).toEqual(want);
      expect(await factsOf(c.lines, false)).toEqual(want);
    });
  }
});
