import fc from 'fast-check';
import { FIELD_NAMES } from '../../src/events/flat-object.js';

/**
 * Random event lines for the tests of the lean reader (FlatObject, its WebAssembly twin, LineEvent):
 * flat objects with the fields grouping reads, written every legal way and some illegal ones.
 */

const KNOWN = [...FIELD_NAMES];
const OTHER_KEYS = ['tenant_id', 'tls', 'pool', '__proto__', 'Email', 'sg_template_id', 'x'];
const EVENTS = ['processed', 'delivered', 'deferred', 'bounce', 'dropped', 'open', 'click', 'Delivered', 'group_unsubscribe', 'account_status_change', 'spamreport'];
const EMAILS = ['ann@example.com', 'Ann@Example.com', ' ann@example.com ', 'bob@example.org', '', 'k\u00e4the@example.de'];
export const XMID = 'T8mFhLcxQe2nRk4VwP3aZg';
const SG_IDS = [`${XMID}.filterdrecv-1-2-3.0`, 'Zq1vUs8mR9Kw2LxYp4NbTg.recvd-x.1', 'old.dotted.id', ` ${XMID}.filter0001 `, ''];
const SMTP_IDS = [`<${XMID}@ismtpd-1>`, '<other@host>', 'bare', '', ' <x@y> '];

/** JSON text of one value, sometimes written another legal way (escapes, spacing, number forms). */
const scalarText = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-1', '1.5', '1e3', '1794694675', '1794694675123', '2.5E-1', '"1794694675"', '"01"', '" 3 "'),
  fc.constantFrom('"plain text"', '"with \\"quote\\""', '"tab\\there"', '"\\u0041BC"', '"caf\\u00e9"', '"\u65e5\u672c"', '"  "', '""', '"a\\/b"', '"true"', '"1"', '"0"'),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
);
const listText = fc.oneof(
  fc.constantFrom('[]', '["a"]', '["a","b"]', '[ "a" , "b" ]', '["a\\u0000b"]', '["caf\u00e9"]', '["a",1]', '[null]', '[["x"]]', '{"k":"v"}', '[1,2'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }).map((a) => JSON.stringify(a)),
);

function valueFor(key: string): fc.Arbitrary<string> {
  switch (key) {
    case 'event':
      return fc.oneof(fc.constantFrom(...EVENTS).map((e) => JSON.stringify(e)), scalarText);
    case 'email':
      return fc.oneof(fc.constantFrom(...EMAILS).map((e) => JSON.stringify(e)), fc.constant('"ann\\u0040example.com"'), scalarText);
    case 'timestamp':
      return fc.oneof(fc.integer({ min: 1794694000, max: 1794694100 }).map(String), scalarText, fc.constant('"2026-11-18T09:05:16Z"'));
    case 'sg_message_id':
      return fc.oneof(fc.constantFrom(...SG_IDS).map((s) => JSON.stringify(s)), scalarText);
    case 'smtp-id':
      return fc.oneof(fc.constantFrom(...SMTP_IDS).map((s) => JSON.stringify(s)), scalarText);
    case 'sg_event_id':
      return fc.oneof(fc.constantFrom('"e1"', '"e2"', '" e1 "', '""', '"e\\u0031"'), scalarText);
    case 'category':
      return fc.oneof(listText, scalarText);
    case 'pool':
      return fc.constantFrom('{"name":"p","id":1}', '[]', '"p"', '{"a":{"b":[1,{"c":"\\u00e9"}]}}', '{"a":{"b":1,}}', '{"a" 1}', `${'['.repeat(17)}${']'.repeat(17)}`, '{"x":[1 2]}');
    default:
      return fc.oneof(scalarText, listText);
  }
}

const pair = fc.constantFrom(...KNOWN, ...KNOWN, ...OTHER_KEYS).chain((key) =>
  fc.tuple(fc.constantFrom(JSON.stringify(key), key === 'email' ? '"em\\u0061il"' : JSON.stringify(key)), valueFor(key)),
);

/** One line: mostly a flat object with the usual fields, sometimes broken or not an object. */
export const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.array(pair, { minLength: 0, maxLength: 12 }), fc.constantFrom('', ' ', '\t', '\r'), fc.constantFrom(',', ' , ', ',\t')).map(([pairs, ws, sep]) => `${ws}{${pairs.map(([k, v]) => `${k}:${v}`).join(sep)}}${ws}`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'plain text', '{"a":1', '{"email":"a@b","event":"open",}', '{"email":"a@b" "event":"open"}', '[{"email":"a@b","event":"open","sg_event_id":"z"}]', '2026-11-18T09:05:16Z INFO body=', '{"email":"a@b","event":"open","sg_message_id":"x","v":01}', '{"email":"a@b","event":"open","sg_message_id":"x","v":"\\x"}', '{"email":"a@b","event":"open","sg_message_id":"x"} trailing') },
);

/** The usual fields, so that events group and repeat; `extra` adds the random ones. */
export const eventLine = fc
  .tuple(
    fc.constantFrom(...EVENTS.slice(0, 7)),
    fc.constantFrom('ann@example.com', 'Ann@Example.com', 'bob@example.org'),
    fc.integer({ min: 0, max: 6 }),
    // The common IDs (an smtp-id whose local part starts the sg_message_id), IDs that differ only
    // in case, and others.
    fc.constantFrom<[string, string | null]>(
      [`${XMID}.filterdrecv-1-2-3.0`, `<${XMID}@ismtpd-1>`],
      [`${XMID.toLowerCase()}.filterdrecv-1-2-3.0`, `<${XMID.toLowerCase()}@ismtpd-1>`],
      [`${XMID}.filterdrecv-9.0`, `${XMID}@host`],
      [`${XMID}.filterdrecv-1-2-3.0`, null],
      ['Zq1vUs8mR9Kw2LxYp4NbTg.recvd-x.1', '<other@host>'],
      ['old.dotted.id', '<old@h>'],
      // No smtp-id (opens, clicks): a filter marker, a marker at the start, 22 characters, none.
      ['Zq1vUs8mR9Kw2LxYp4NbTg.recvd-x.1', null],
      ['.filter0001.x.recvd-y', null],
      ['ab.stfilter.c.filterd', null],
      ['Zq1vUs8mR9Kw2LxYp4NbTg.zzz', null],
      ['Zq1vUs8mR9Kw2LxYp4Nb+g.zzz', null],
    ),
    fc.constantFrom('e1', 'e2', 'e3', 'e4'),
    fc.array(pair, { maxLength: 4 }),
  )
  .map(([event, email, dt, [sg, smtp], eid, extra]) => {
    const fixed = [`"email":"${email}"`, `"event":"${event}"`, `"timestamp":${1794694000 + dt}`, `"sg_message_id":"${sg}"`, `"sg_event_id":"${eid}"`];
    if (smtp !== null) fixed.push(`"smtp-id":"${smtp}"`);
    return `{${[...fixed, ...extra.map(([k, v]) => `${k}:${v}`)].join(',')}}`;
  });

/** An event line with one character put in somewhere (a raw control character, a stray quote...). */
export const mutated = fc
  .tuple(eventLine, fc.nat(), fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.constantFrom(0x09, 0x0d, 0x22, 0x5c, 0x2c, 0x7d, 0xe9)))
  .map(([text, at, code]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + String.fromCharCode(code) + text.slice(i);
  })
  // A newline would make two lines; that is another test's business.
  .filter((text) => !text.includes('\n'));

/** A POST body on one line: events, and now and then something else among them. */
export const arrayLine = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: eventLine }, { weight: 1, arbitrary: line }), { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ', ', ' ,\t'))
  .map(([items, sep]) => `[${items.join(sep)}]`);

