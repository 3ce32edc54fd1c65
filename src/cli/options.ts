import { readlinkSync } from 'node:fs';
import { durationSeconds } from '../common/durations.js';
import { isUtcName } from '../common/zone.js';
import { Option, type Command } from '@commander-js/extra-typings';
import { emptyFilter, type MessageFilter } from '../verdict/select.js';
import type { Io, OutputConfig } from '../commands/io.js';
import type { MessagesConfig } from '../commands/messages.js';
import { isVerdict, VERDICTS, type Verdict } from '../verdict/verdicts.js';
import { useColor } from './color.js';
import { UsageError } from '../commands/exit-codes.js';
import { EXPIRY_SECONDS } from '../verdict/decide.js';
import { DEFAULT_ATTACH_WINDOW } from '../messages/collector.js';
import { checkZone, parseTimeArg } from './time-arg.js';
import { langArg } from './lang-arg.js';
import type { Catalog } from '../i18n/catalog.js';

/** Option values commander hands over; parsed here into one validated config. */
export interface RawSelectOptions {
  email?: string[];
  message?: string[];
  domain?: string[];
  category?: string[];
  verdict?: string[];
  errors?: boolean;
  since?: string;
  until?: string;
}

export interface RawOutputOptions {
  json?: boolean;
  lang?: string;
  tz?: string;
  redact?: boolean;
  color?: boolean;
}

/** An option that may be given more than once, collected in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The help words of options, from the catalogue of the run's language. */
export type OptionWords = Catalog['help']['options'];

/** Option factories shared by the commands (extra-typings infers each option's type from them). */
export function optionFactories(h: OptionWords) {
  return {
    email: () => new Option('--email <ADDR>', h.email).argParser(collect),
    message: () => new Option('--message <ID>', h.message).argParser(collect),
    category: () => new Option('--category <NAME>', h.category).argParser(collect),
    domain: () => new Option('--domain <DOMAIN>', h.domain).argParser(collect),
    verdict: () => new Option('--verdict <V[,V...]>', h.verdict(VERDICTS.join(', '))).argParser(collect),
    errors: () => new Option('--errors', h.errors),
    since: () => new Option('--since <TIME>', h.since),
    until: () => new Option('--until <TIME>', h.until),
    attachWindow: () => new Option('--attach-window <DURATION>', h.attachWindow).default('7d'),
    json: () => new Option('--json', h.json),
    tz: () => new Option('--tz <ZONE>', h.tz),
    lang: () => new Option('--lang <LANG>', h.lang),
    redact: () => new Option('--redact', h.redact),
    color: () => new Option('--color', h.color),
    noColor: () => new Option('--no-color', h.noColor),
    strict: () => new Option('--strict', h.strict),
    quiet: () => new Option('-q, --quiet', h.quiet),
    follow: () => new Option('-f, --follow', h.follow),
    retain: () => new Option('--retain <DURATION>', h.retain),
    failOn: () => new Option('--fail-on <EXPR>', h.failOn).argParser(collect),
  };
}

export type OptionFactories = ReturnType<typeof optionFactories>;

const constant = <T>(value: T) => (): T => value;

/** `fn`'s value, computed on the first call only. */
function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

/**
 * The machine's zone: TZ, else the zone /etc/localtime links to. UTC under any of its names is
 * known without asking ICU, whose first use costs a lookup's start-up a tenth; other zones are
 * resolved by Intl as before.
 */
export function machineZone(io: Io): string {
  const tz = io.env['TZ'];
  if (tz && tz.length > 0) {
    const name = tz.startsWith(':') ? tz.slice(1) : tz;
    if (isUtcName(name)) return 'UTC';
    try {
      return checkZone(name);
    } catch {
      return 'UTC';
    }
  }
  if (isUtcName(localtimeZone())) return 'UTC';
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** The zone name /etc/localtime links to (`…/zoneinfo/Europe/Berlin`), or '' when unknown. */
function localtimeZone(): string {
  try {
    const target = readlinkSync('/etc/localtime');
    const at = target.indexOf('zoneinfo/');
    return at < 0 ? '' : target.slice(at + 'zoneinfo/'.length);
  } catch {
    return '';
  }
}

/** How long --follow keeps a message after its newest event: the 7-day attach window and a day. */
const DEFAULT_RETAIN = 8 * 24 * 3600;

/** `--follow` settings, checked against the attach window they must cover. */
export function followSettings(opts: { follow?: boolean; retain?: string }, attachWindow: number): { follow: boolean; retain: number } {
  const follow = opts.follow === true;
  if (!follow) {
    if (opts.retain !== undefined) throw new UsageError((u) => u.retainWithoutFollow);
    return { follow, retain: 0 };
  }
  if (opts.retain === undefined) {
    // The default covers a longer --attach-window too: the window plus the default's margin.
    return { follow, retain: Math.max(DEFAULT_RETAIN, attachWindow + DEFAULT_RETAIN - DEFAULT_ATTACH_WINDOW) };
  }
  const retainText = opts.retain;
  const retain = parseDuration(retainText, '--retain');
  if (retain < attachWindow) {
    throw new UsageError((u) => u.retainUnderWindow(retainText));
  }
  if (retain < EXPIRY_SECONDS) {
    throw new UsageError((u) => u.retainUnderExpiry(retainText));
  }
  return { follow, retain };
}

export function parseDuration(value: string, flag: string): number {
  const seconds = durationSeconds(value.trim());
  if (seconds === null) throw new UsageError((u) => u.duration(flag, value));
  return seconds;
}

/** An option value that must say something: an empty one would select every message. */
function nonEmpty(value: string, flag: string, what: 'address' | 'message-id' | 'category' | 'domain'): string {
  const v = value.trim();
  if (v.length === 0) throw new UsageError((u) => u.empty(flag, value, what));
  return v;
}

export function parseFilter(raw: RawSelectOptions, zone: () => string, io: Io): MessageFilter {
  const f = emptyFilter();
  f.emails = (raw.email ?? []).map((e) => pastedAddress(nonEmpty(e, '--email', 'address')).toLowerCase());
  f.messages = (raw.message ?? []).map((m) => pastedMessageId(nonEmpty(m, '--message', 'message-id')));
  f.categories = (raw.category ?? []).map((c) => nonEmpty(c, '--category', 'category'));
  f.domains = (raw.domain ?? []).flatMap((d) => d.split(',')).map((d) => nonEmpty(d, '--domain', 'domain').replace(/^@/, '').toLowerCase());
  const verdicts: Verdict[] = [];
  for (const v of (raw.verdict ?? []).flatMap((x) => x.split(','))) {
    const name = v.trim();
    if (name === '') continue;
    if (!isVerdict(name)) throw new UsageError((u) => u.verdict(name, VERDICTS.join(', ')));
    verdicts.push(name);
  }
  f.verdicts = verdicts;
  f.errorsOnly = raw.errors === true;
  const now = io.now();
  f.since = raw.since === undefined ? null : parseTimeArg(raw.since, now, zone, '--since');
  f.until = raw.until === undefined ? null : parseTimeArg(raw.until, now, zone, '--until');
  if (f.since !== null && f.until !== null && f.since > f.until) {
    const since = raw.since as string;
    const until = raw.until as string;
    throw new UsageError((u) => u.sinceAfterUntil(since, until));
  }
  return f;
}

/** An address as people paste it: `<addr>`, `Name <addr>`, `mailto:addr`. */
function pastedAddress(text: string): string {
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(text);
  const address = angled ? (angled[1] as string) : text;
  return address.replace(/^mailto:/i, '').replace(/\?.*$/, '').trim();
}

/**
 * A message ID as people paste it: a Message-ID header or smtp-id as mail clients show it
 * (`<id@host>`: the part before `@` is the X-Message-Id), a full sg_message_id or its first part.
 */
function pastedMessageId(text: string): string {
  const bare = text.replace(/^<|>$/g, '').trim();
  const at = bare.indexOf('@');
  return at > 0 ? bare.slice(0, at) : bare;
}

export function parseOutput(raw: RawOutputOptions, io: Io): OutputConfig {
  const tz = raw.tz === undefined ? once(() => machineZone(io)) : constant(checkZone(raw.tz));
  const tty = io.stdout.isTTY === true;
  return {
    lang: langArg(raw.lang, io.env),
    json: raw.json === true,
    tty,
    color: useColor({ flag: raw.color, env: io.env, isTTY: tty }),
    tz,
    redact: raw.redact === true,
    width: io.stdout.columns ?? 120,
  };
}

/** No FILE and stdin is a terminal: there is nothing to read (README.md#commands). */
export function inputFiles(files: string[], io: Io): string[] {
  if (files.length === 0 && io.stdin.isTTY) {
    throw new UsageError((u) => u.noInput);
  }
  return files;
}

/** The options messages, timeline and report share, parsed into one validated config. */
export function messagesConfig(
  files: string[],
  opts: RawSelectOptions & RawOutputOptions & { attachWindow: string; strict?: boolean; quiet?: boolean },
  io: Io,
): MessagesConfig {
  const output = parseOutput(opts, io);
  return {
    files: inputFiles(files, io),
    strict: opts.strict === true,
    quiet: opts.quiet === true,
    lang: output.lang,
    tz: output.tz,
    filter: parseFilter(opts, output.tz, io),
    attachWindow: parseDuration(opts.attachWindow, '--attach-window'),
    output,
  };
}

/**
 * The options messages, timeline and report share, added to a command that has its arguments
 * but no options yet (so that the option types are inferred from this one chain).
 */
export function withMessageOptions<Args extends unknown[]>(cmd: Command<Args, {}>, opt: OptionFactories) {
  return cmd
    .addOption(opt.email())
    .addOption(opt.message())
    .addOption(opt.domain())
    .addOption(opt.category())
    .addOption(opt.verdict())
    .addOption(opt.errors())
    .addOption(opt.since())
    .addOption(opt.until())
    .addOption(opt.attachWindow())
    .addOption(opt.tz())
    .addOption(opt.lang())
    .addOption(opt.redact())
    .addOption(opt.color())
    .addOption(opt.noColor())
    .addOption(opt.strict())
    .addOption(opt.quiet());
}
