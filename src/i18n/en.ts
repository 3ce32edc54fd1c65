import { SKIP_KINDS, type SkipKind } from '../events/accounting.js';
import { REASON_CLASS_DESCRIPTIONS, ENGLISH_HINT_WORDS } from '../reasons/hints.js';
import type { ReasonClass } from '../reasons/types.js';
import { VERDICT_DESCRIPTIONS, type Verdict } from '../verdict/verdicts.js';
import { formatCount } from '../common/numbers.js';
import { englishDuration } from './durations.js';
import type { FollowNews } from '../ingest/follow-news.js';
import { ENGLISH_PROGRESS } from '../output/progress.js';

/**
 * The English catalogue: every word sgtrail says to a person. Its shape is the catalogue's type
 * (see catalog.ts): the Japanese one must have every key, and only these keys, to compile.
 * Functions take the pieces a sentence needs; data from the log arrives already made safe.
 */

const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);
const typed = (bounceType: string | null): string => (bounceType ? `bounce (type ${bounceType})` : 'bounce');

/** Built on first use (catalog('en')): a lookup that prints nothing never evaluates it. */
export function english() {
  return {
    /** The language code (HTML `lang`). */
    code: 'en',
    duration: englishDuration,
    /** Times name their zone by abbreviation (`JST`) rather than by UTC offset (`+09:00`). */
    zoneAbbreviation: false,
    /** An event name as shown in timelines: the identifier itself. */
    event: (name: string): string => name,
    /** A verdict where a person reads it (the identifier is what users grep for). */
    verdict: (v: Verdict): string => v,
    verdictMeaning: VERDICT_DESCRIPTIONS as Record<Verdict, string>,
    groups: {
      failed: { label: 'really failed', meaning: 'never delivered: bounced, blocked, expired or dropped' },
      'after-delivery': { label: 'delivered first', meaning: 'delivered, then a bounce (forwarded, delayed, or read anyway)' },
      recovered: { label: 'recovered', meaning: 'deferred, then delivered' },
      pending: { label: 'still pending', meaning: 'deferred, no outcome yet (SendGrid retries for 72h)' },
      delivered: { label: 'delivered', meaning: 'delivered; the error-list event did not come after the delivery' },
      other: { label: 'no outcome', meaning: 'processed or engagement only' },
    },
    reasonClass: REASON_CLASS_DESCRIPTIONS as Record<ReasonClass, string>,
    hints: ENGLISH_HINT_WORDS,
    unknownTime: 'an unknown time',
    /** `messages` on a terminal when the selection holds nothing. */
    noMessages: 'no messages match',

    /** The one sentence a support engineer could send to the customer, per verdict. */
    sentence: {
      contradictory: (a: { email: string }) =>
        `The events for ${a.email} contradict each other, so no verdict can be trusted: this looks like a webhook test POST (SendGrid's "Test Your Integration") or example data, not a real delivery.`,
      'forwarded-bounce': (a: { email: string; at: string; gap: string; target: string; why: string | null; bad: string | null }) =>
        `The message was delivered to ${a.email} at ${a.at}; ${a.gap} later a bounce arrived about ${a.target}, an address the mail was passed on to${a.why ? ` (${a.why})` : ''}, so ${a.email} did receive it${a.bad !== null ? `; ${a.bad} does not exist, ${a.email} is fine` : ''}.`,
      'engaged-after-bounce': (a: { email: string; at: string; gap: string }) =>
        `The message was delivered to ${a.email} at ${a.at}; a bounce arrived ${a.gap} later, but the message was opened or clicked after that, so it did arrive.`,
      'bounce-after-delivery': (a: { email: string; at: string; gap: string; why: string | null }) =>
        `The receiving server accepted the message for ${a.email} at ${a.at} and reported a failure ${a.gap} later${a.why ? ` (${a.why})` : ''}; it may not have reached the inbox.`,
      'delivered-after-deferral': (a: { email: string; at: string; deferrals: number }) =>
        `The receiving server delayed the message ${times(a.deferrals)}, then accepted it for ${a.email} at ${a.at}: it was delivered.`,
      delivered: (a: { email: string; at: string }) => `The message was delivered to ${a.email} at ${a.at}.`,
      dropped: (a: { email: string; reason: string | null }) =>
        `SendGrid did not send the message to ${a.email}${a.reason ? ` (${a.reason})` : ''}: the address is on a suppression list.`,
      expired: (a: { email: string; at: string | null }) =>
        `The receiving server kept deferring the message for ${a.email} until SendGrid stopped retrying${a.at !== null ? ` at ${a.at}` : ''}; it was not delivered.`,
      blocked: (a: { email: string; at: string; why: string | null }) =>
        `The receiving server refused the message for ${a.email} at ${a.at}${a.why ? ` (${a.why})` : ''}; it was not delivered.`,
      bounced: (a: { email: string; at: string; why: string | null; hard: boolean }) =>
        `The message to ${a.email} bounced at ${a.at}${a.why ? ` (${a.why})` : ''}; it was not delivered${a.hard ? ', and the address does not exist: stop sending to it' : ''}.`,
      deferred: (a: { email: string; at: string; deferrals: number }) =>
        `The message to ${a.email} is still being retried: the receiving server deferred it ${times(a.deferrals)}, first at ${a.at}.`,
      processed: (a: { email: string; at: string }) => `SendGrid accepted the message for ${a.email} at ${a.at}; this log has no delivery result yet.`,
      unknown: (a: { email: string }) => `This log holds only engagement events for ${a.email}; the send events are not in it.`,
    },

    /** One sentence per fact that decided a verdict (the JSON `evidence` field is always these). */
    evidence: {
      bounceAfterDelivery: (a: { bounceType: string | null; gap: string; target: string | null; recipient: string }) =>
        a.target !== null
          ? `${typed(a.bounceType)} ${a.gap} after delivered; the reason names ${a.target}, not the recipient ${a.recipient}`
          : `${typed(a.bounceType)} ${a.gap} after delivered: the receiving server accepted the mail, then reported a failure`,
      engagedAfterBounce: (a: { gap: string }) => `opened or clicked by a person ${a.gap} after the bounce: the recipient has the mail`,
      machineOpensIgnored: (a: { count: number }) => `${a.count} machine open${a.count === 1 ? '' : 's'} (sg_machine_open) not counted as engagement`,
      deliveredAfterDeferrals: (a: { deferrals: number; gap: string }) => `deferred ${times(a.deferrals)}, then delivered ${a.gap} after the first deferral`,
      delivered: 'delivered; no bounce, drop or deferral recorded',
      dropped: (a: { reason: string | null }) => `dropped by SendGrid${a.reason ? ` (${a.reason})` : ''}: it was never sent`,
      bounceAfterDeferrals: (a: { deferrals: number; bounceType: string | null; gap: string }) =>
        `deferred ${times(a.deferrals)}, then a ${typed(a.bounceType)} ${a.gap} after the first deferral: SendGrid stopped retrying`,
      expiredType: 'bounce of type expired: SendGrid stopped retrying',
      deferralTimedOut: (a: { deferrals: number; age: string }) =>
        `deferred ${times(a.deferrals)} with no outcome; the first deferral is ${a.age} before the newest event in the input (over 72h)`,
      bounceNeverDelivered: (a: { bounceType: string | null }) => `${typed(a.bounceType)} with no delivery before it`,
      deferralPending: (a: { deferrals: number; age: string }) =>
        `deferred ${times(a.deferrals)}, no outcome yet; the first deferral is ${a.age} before the newest event in the input (under 72h)`,
      processedOnly: 'processed by SendGrid; no delivery, deferral or bounce yet',
      engagementOnly: (a: { events: number }) => `only engagement events (${a.events}); the send events are not in this input`,
      contradictory: (a: { events: string[]; sameSecond: boolean }) =>
        `these events contradict each other for one message (${a.events.join(', ')})${a.sameSecond ? ', all within one second' : ''}: it looks like a webhook test POST or example data, not a real delivery`,
      reason: (a: { reasonClass: ReasonClass; meaning: string; permanence: 'permanent' | 'temporary' | 'unclear'; address: string }) =>
        `the reason reads as ${a.reasonClass} (${a.meaning}; ${a.permanence === 'unclear' ? 'unclear permanence' : a.permanence}; ${a.address})`,
      addressBad: 'the address is bad: stop sending to it',
      targetBad: (a: { target: string }) => `the forward target ${a.target} does not exist; the recipient's own address is fine`,
      aboutTarget: (a: { target: string }) => `it is about the forward target ${a.target}; the recipient's own address is fine`,
      replyCallsBad: 'the reply calls the address bad, but that is not what the other events show',
      addressFine: 'the address itself is fine',
    },

    timeline: {
      message: (id: string) => `message ${id}`,
      noMessageId: 'no message ID (email-only)',
      type: (t: string) => `type ${t}`,
      status: (s: string) => `status ${s}`,
      attempt: (n: string) => `attempt ${n}`,
      machineOpen: 'machine open (not engagement)',
      humanOpen: 'opened by a person',
      spamreport: 'the recipient reported it as spam',
      unsubscribe: 'the recipient unsubscribed from all mail',
      groupChange: (a: { left: boolean; group: string | null }) =>
        `the recipient ${a.left ? 'left' : 'rejoined'} unsubscribe group ${a.group ?? '(no asm_group_id)'}`,
      duplicatesRemoved: (n: number) => `(${n} duplicate${n === 1 ? '' : 's'} removed)`,
      afterDelivered: (gap: string) => `(${gap} after delivered)`,
      verdict: 'verdict',
      onErrorList: '(on the naive error list)',
      /** Columns of the event name in a timeline line. */
      eventWidth: 10,
      /** Columns of the gap since the event before (`+4m36s`). */
      gapWidth: 8,
    },

    /** The `messages` terminal table. */
    messagesHead: {
      first: 'First event',
      email: 'Email',
      verdict: 'Verdict',
      delivered: 'Delivered',
      gap: 'Gap',
      reasonClass: 'Reason class',
      forwardOrReason: 'Forward to / reason',
    },

    /** `messages -f` on a terminal. */
    live: {
      forwardedTo: (target: string) => `forwarded to ${target}`,
      noMessageId: 'no message ID',
      message: (id: string) => `message ${id}`,
    },

    explain: {
      reason: 'reason',
      class: 'class',
      permanence: 'permanence',
      address: 'address',
      hint: 'hint',
      classIs: (cls: string, meaning: string) => `${cls} (${meaning})`,
      permanent: (code: string | null) => `permanent${code ? ` (${code})` : ''}: the receiver will not take this message`,
      transient: (code: string | null) => `transient${code ? ` (${code})` : ''}: the receiver may accept it on a retry`,
      unknownPermanence: 'unknown: no SMTP code in the text',
      bad: 'bad',
      fine: 'fine',
      forwardTarget: (target: string) => `forward target: ${target} (named in a recipient position; not the recipient)`,
      names: (target: string) => `names: ${target} (in a recipient position: a forward target unless it is the recipient; check with --recipient)`,
    },

    report: {
      title: 'sgtrail report',
      item: 'item',
      value: 'value',
      none: 'none',
      all: 'all',
      /** The row of messages with no domain or no category. */
      noKey: '(none)',
      top: (shown: number, total: number) => `(top ${shown} of ${formatCount(total)})`,
      shownOf: (shown: number, total: number) => `(${shown} of ${formatCount(total)})`,
      overview: {
        inputs: 'inputs',
        messages: 'messages',
        onErrorList: 'on the error list',
        firstEvent: 'first event',
        lastEvent: 'last event',
        timeZone: 'time zone',
        since: 'since',
        until: 'until',
        verdicts: 'verdicts',
        selection: 'selection',
        errorsOnly: 'error-list messages only (--errors)',
        emails: (n: number) => `${plural(n, 'address', 'addresses')} (--email)`,
        messageIds: (n: number) => `${plural(n, 'message ID')} (--message)`,
      },
      columns: {
        outcome: 'outcome',
        messages: 'messages',
        share: 'share',
        verdicts: 'verdicts',
        verdict: 'verdict',
        onErrorList: 'on error list',
        meaning: 'meaning',
        reasonClass: 'reason class',
        errorList: 'error list',
        failed: 'failed',
        afterDelivery: 'after delivery',
        /** The time from the delivery to a later bounce. */
        sinceDelivery: 'after delivery',
        recovered: 'recovered',
        pending: 'pending',
        domain: 'domain',
        category: 'category',
        sendingIp: 'sending IP',
        blocklisted: 'blocklisted',
        reputation: 'reputation',
        email: 'email',
        bouncedSort: 'bounced (sort)',
        forwardOrReason: 'forward to / reason',
        statusChange: 'status change',
        events: 'events',
        first: 'first',
        last: 'last',
        feedback: 'feedback',
        perDelivered: 'per delivered',
        failedSort: 'failed (sort)',
        reason: 'reason',
        condition: 'condition',
        measured: 'measured',
        threshold: 'threshold',
        holds: 'holds',
      },
      headline: {
        title: 'Error list vs real outcome',
        note: (total: number, messages: number) =>
          `${plural(total, 'message')} of ${formatCount(messages)} would be on a naive error list (any deferred, dropped or bounce event). What really happened to them:`,
        onErrorList: 'on the error list',
      },
      verdictsTitle: 'Verdicts',
      reasonsFailed: 'Why the real failures failed',
      reasonsAfterDelivery: 'Why delivered mail bounced later',
      noReason: '(no reason)',
      noReasonMeaning: 'the deciding event carried no reason text',
      domainsTitle: 'Recipient domains',
      otherDomains: (n: number) => `(${plural(n, 'other domain')})`,
      categoriesTitle: 'Categories',
      otherCategories: (n: number) => `(${plural(n, 'other category', 'other categories')})`,
      categoriesNote: 'A message sent with several categories counts in each.',
      blockedIpsTitle: 'Sending IPs refused for blocklists or reputation',
      blockedIpsNote: (n: number) => `${plural(n, 'message')} refused as blocklisted or for the sender's reputation, by the IP SendGrid sent from (most first).`,
      forwardTitle: 'Forward targets that bounced, by domain',
      forwardNote: (n: number) => `${plural(n, 'message')} reached the recipient and bounced at an address it was forwarded to.`,
      attentionTitle: 'Delivered, then bounced: look at these first',
      attentionNote:
        'The error list shows these as failed, but the receiving server accepted them first. Sorted by verdict (plain bounces after delivery first, then forwarded and read ones), then by bounce time, newest first.',
      input: {
        title: 'Input',
        files: 'files',
        bytes: 'bytes',
        bytesValue: (human: string, n: number) => `${human} (${formatCount(n)} bytes)`,
        eventsRead: 'events read',
        duplicates: 'duplicates removed',
        distinct: 'distinct events',
        accountEvents: 'account events (no recipient)',
        messages: 'recipient messages in the input',
        first: 'first event in the input',
        last: 'last event in the input',
        skipped: (kind: SkipKind) => `skipped: ${SKIP_KINDS[kind].report}`,
        skippedValue: (count: number, first: string) => `${formatCount(count)} (first at ${first})`,
      },
      account: {
        title: 'ACCOUNT STATUS CHANGED: check the SendGrid account first',
        note: 'SendGrid posted account_status_change events; a suspension stops or bounces every message that follows.',
      },
      feedback: {
        title: 'Complaints and unsubscribes',
        note: (delivered: number) => `Messages whose recipient reported spam or unsubscribed, and their share of the ${plural(delivered, 'delivered message')}.`,
        spamreports: 'spam reports',
        unsubscribes: 'unsubscribes',
        groupUnsubscribes: 'group unsubscribes',
      },
      failedTitle: 'Really failed',
      failedNote: 'Never delivered: bounced, blocked, expired or dropped. Sorted by the time it failed, newest first.',
      failOn: {
        holds: '--fail-on: HOLDS (exit 1)',
        doesNotHold: '--fail-on: does not hold',
        share: (percent: string, count: number, total: number) => `${percent}% (${formatCount(count)} of ${formatCount(total)})`,
        yes: 'yes',
        no: 'no',
      },
      charts: {
        topReasonsTitle: 'Top reason classes',
        topReasonsNote: 'Why the real failures failed, and why delivered mail bounced later, by reason class.',
        topReasonsLabel: 'Top reason classes: real failures and bounces after delivery',
        hourlyTitle: 'Events per hour',
        hourlyNote: 'Every distinct event in the input (within --since/--until; not narrowed by the other options), by kind.',
        perHours: (hours: number) => (hours === 1 ? 'Events per hour by kind' : `Events per ${hours} hours by kind`),
        noData: 'no data',
        timesIn: (zone: string) => `times in ${zone}`,
        count: (label: string, n: number, what: string) => `${label}: ${formatCount(n)} ${what}`,
        eventKind: (kind: string) => kind,
      },
      footer: 'sgtrail report · every count is of recipient messages unless it says events',
    },

    /** Lines on stderr (each printed after `sgtrail: `). */
    notes: {
      skipped: (kind: SkipKind, count: number, first: string) =>
        `skipped ${count} ${count === 1 ? SKIP_KINDS[kind].one : SKIP_KINDS[kind].summary} (first at ${first})`,
      duplicates: (n: number) => `removed ${n} duplicate event${n === 1 ? '' : 's'}`,
      accountChange: (a: { type: string; count: number; first: string | null; last: string | null }) =>
        `ACCOUNT STATUS CHANGE: ${a.type} (${a.count} event${a.count === 1 ? '' : 's'}${a.first === null ? '' : a.first === a.last ? `, at ${a.first}` : `, ${a.first} to ${a.last}`}): SendGrid changed the sending account's status; check the account first`,
      strictBroken: '--strict: the input holds broken JSON or JSON without SendGrid events',
      strictEmpty: '--strict: nothing was read: the input holds no SendGrid event',
      /** `problem`: the words of problems below, chosen by problemWords (catalog.ts). */
      cannotRead: (file: string, problem: string) => `cannot read ${file}: ${problem}`,
      problems: {
        missing: 'no such file',
        directory: 'is a directory, not a log file',
        permission: 'permission denied',
        'follow-gzip': 'gzip data cannot be followed as it grows: follow the plain log, or pipe it: zcat FILE | sgtrail ... -f',
        corruptGzip: (p: { detail: string; code: string }) => `corrupt gzip data (${p.detail})`,
      },
      cannotWrite: (detail: string) => `cannot write output: ${detail}`,
      outOfMemory: (limitMb: number) =>
        `out of memory: the input holds more recipient messages than Node's heap limit of ${limitMb} MB can group.\n` +
        'Read it in parts (one file per day), or give Node more heap: NODE_OPTIONS=--max-old-space-size=16384 sgtrail ...\n' +
        'With --follow, a shorter --retain (at least 72h and --attach-window) holds fewer messages.\n' +
        'Or let DuckDB apply the same rules, spilling to disk as it needs; it reads NDJSON events or POST bodies (other logs: sgtrail events first):\n' +
        "  sgtrail sql --dialect duckdb --files 'logs/*.ndjson.gz' --report | duckdb\n",
      noMatch: (asked: string) => `no message in the input matches ${asked}`,
      outsideWindow: (n: number, asked: string, span: string | null) =>
        `${n === 1 ? 'the message matching' : `the ${n} messages matching`} ${asked} ${n === 1 ? 'lies' : 'lie'} outside --since/--until${span ? `: ${span}` : ''}`,
      otherVerdicts: (n: number, asked: string) =>
        `${n === 1 ? 'the message matching' : `the ${n} messages matching`} ${asked} ${n === 1 ? 'has another verdict or is' : 'have other verdicts or are'} not on the error list`,
      span: (first: string, last: string) => `${first} to ${last}`,
      emptyWindow: (since: string | null, until: string | null, span: string | null) =>
        `no event falls in --since/--until (${since ?? 'the start'} to ${until ?? 'the end'})${span ? `; the input spans ${span}` : ''}`,
      progress: ENGLISH_PROGRESS,
      failOnAccount: (condition: string, count: number) =>
        `--fail-on ${condition} holds: ${formatCount(count)} account status change event${count === 1 ? '' : 's'}`,
      failOnFeedback: (condition: string, count: number, total: number, share: string | null, term: string) =>
        `--fail-on ${condition} holds: ${formatCount(count)} of ${formatCount(total)} delivered messages${share === null ? '' : ` (${share}%)`} have ${term}`,
      failOnMessages: (condition: string, count: number, total: number, share: string | null, name: string) =>
        `--fail-on ${condition} holds: ${formatCount(count)} of ${formatCount(total)} messages${share === null ? '' : ` (${share}%)`} are ${name}`,
      /** What following a file has to say about it. */
      follow: {
        waiting: (path: string) => `${path} does not exist yet: waiting for it`,
        appeared: (path: string) => `${path} has appeared: following it`,
        rotated: (path: string) => `${path} was replaced (rotated): following the new file`,
        truncated: (path: string) => `${path} was truncated: reading it from its start`,
      } satisfies Record<FollowNews, (path: string) => string>,
      inputEnded: 'the input ended before any message matched the selection',
    },

    /** `--help`: what each command, argument and option is for, and commander's own headings. */
    help: {
      program: 'Read SendGrid Event Webhook logs: which "errors" really failed, which bounced after delivery.',
      commands: {
        events: 'normalized events as NDJSON, with message_id and source (file:line)',
        messages: 'one record per recipient message with its verdict (table; tab-separated when piped)',
        timeline: "each matching message's events in order, with gaps, sources and the verdict",
        report: 'what the error list shows vs what really happened, counts by verdict, reason and domain',
        sql: 'print the verdict rules as one SQL query for DuckDB or PostgreSQL, over a table of events or (DuckDB) NDJSON files',
        explain: 'classify bounce/deferral reason text: class, permanence, address good or bad, forward target, hint',
        completion: 'print a shell completion script: bash, zsh or fish',
      },
      arguments: {
        files: 'log files (gzip detected by content), - for stdin; stdin when none',
        reasons: 'reason texts; each line of stdin when none',
        shell: 'bash, zsh or fish',
      },
      options: {
        email: 'only this recipient (repeatable, case-insensitive; <addr>, "Name <addr>" and mailto: as pasted)',
        message: 'only this X-Message-Id, sg_message_id (prefix match), smtp-id or <Message-ID> (repeatable)',
        category: 'only messages sent with this category (repeatable)',
        domain: 'only recipients at this domain or its subdomains (repeatable)',
        verdict: (all: string) => `only these verdicts: ${all}`,
        errors: 'only messages a naive error list shows (any deferred, dropped or bounce)',
        since: 'messages with an event at or after TIME (ISO 8601, epoch seconds or ms, today, yesterday, 24h or -24h ago, 7d)',
        until: 'messages with an event before TIME',
        attachWindow: 'how long after a delivery an ID-less bounce still attaches to it',
        json: 'NDJSON output, one object per line (stable field names)',
        tz: 'IANA time zone for human output (default: TZ or the machine zone)',
        lang: 'language of human output: en or ja (default: SGTRAIL_LANG, else ja for a ja_* LC_ALL, LC_MESSAGES or LANG); JSON, TSV and CSV never change',
        redact: 'replace every email address with a stable pseudonym that keeps the domain',
        color: 'force colour',
        noColor: 'no colour',
        strict: 'exit 4 when JSON input is broken or holds no SendGrid event',
        quiet: 'no warnings or skipped-input summary on stderr',
        follow: 'keep reading as the input grows (tail -F: waits for the file, follows rotation and truncation); print each change',
        retain:
          'with --follow: let a message go once its newest event is this much older than the newest event seen (default: 8d, or the attach window and a day; at least 72h and the attach window)',
        failOn:
          'exit 1 when a condition holds: VERDICT>N or VERDICT>P% (also >=), comma-separated; VERDICT may be failed, after-delivery, pending, recovered or error-list',
        format: 'output format',
        reportJson: 'the same as --format json',
        top: 'rows in the domain, forward-target and look-at-these tables',
        dialect: 'duckdb or postgres',
        events: 'table or view of raw events, `schema.table` allowed (default sendgrid_events)',
        files: 'DuckDB only: read NDJSON or JSON-array files (a glob, .gz too) with its own reader',
        seq: 'a column that gives arrival order (else rows are ordered by time)',
        missing: 'optional columns the table lacks, comma-separated',
        report: 'the error list against the real outcome, one row per verdict',
        recipient: "the message's recipient: another address in the reason is a forward target",
        help: 'display help for command',
        version: 'output the version number',
      },
      helpCommand: 'display help for command',
      /** commander's headings and the notes after an option (`(default: "7d")`), as commander writes them. */
      titles: { usage: 'Usage:', arguments: 'Arguments:', options: 'Options:', commands: 'Commands:' },
      defaultIs: 'default: ',
      choicesAre: 'choices: ',
    },

    /** Usage errors (exit 2), each followed by the hint to read the help. */
    usage: {
      helpHint: (command: string | null) => `(run sgtrail ${command === null ? '' : `${command} `}--help for usage)`,
      timelineNeedsSelection: 'timeline needs --email ADDR or --message ID',
      explainNeedsReason: 'explain needs a REASON argument, or reason lines on stdin',
      completionShell: (shell: string) => `completion ${JSON.stringify(shell)}: bash, zsh or fish`,
      retainWithoutFollow: '--retain applies to --follow only',
      retainUnderWindow: (value: string) => `--retain ${value} is shorter than the attach window: a late bounce would find its message let go`,
      retainUnderExpiry: (value: string) => `--retain ${value} is shorter than 72h: a deferred message would be let go before it can expire`,
      duration: (flag: string, value: string) => `${flag} ${JSON.stringify(value)}: use a duration such as 48h or 7d`,
      empty: (flag: string, value: string, what: 'address' | 'message-id' | 'category' | 'domain') =>
        `${flag} ${JSON.stringify(value)}: give ${{ address: 'an address', 'message-id': 'a message ID', category: 'a category', domain: 'a domain' }[what]}, not an empty value`,
      verdict: (name: string, all: string) => `--verdict ${JSON.stringify(name)}: one of ${all}`,
      sinceAfterUntil: (since: string, until: string) => `--since ${JSON.stringify(since)} is later than --until ${JSON.stringify(until)}`,
      noInput: 'no input: give a FILE (or -), or pipe a log into sgtrail',
      top: (value: string) => `--top ${JSON.stringify(value)}: a whole number of rows, 1 or more`,
      twoFormats: (format: string) => `--json and --format ${format} ask for two formats: give one`,
      failOnEmpty: (text: string) => `--fail-on ${JSON.stringify(text)}: an empty condition`,
      failOnShape: (text: string) => `--fail-on ${JSON.stringify(text)}: write NAME>N or NAME>P% (also >=), e.g. failed>5% or bounced>=10`,
      failOnName: (text: string, name: string, names: { verdicts: string; groups: string; feedback: string }) =>
        `--fail-on ${JSON.stringify(text)}: ${JSON.stringify(name)} is not a verdict (${names.verdicts}), a group (${names.groups}), error-list, feedback (${names.feedback}) or account_status_change`,
      failOnShareOver: (text: string) => `--fail-on ${JSON.stringify(text)}: a share is at most 100%`,
      failOnAccountShare: (text: string) => `--fail-on ${JSON.stringify(text)}: account status changes are counted, not shared: write account_status_change>0`,
      timeRange: (flag: string, value: string) => `${flag} ${JSON.stringify(value)}: outside the range of dates`,
      noSuchTime: (flag: string, value: string) => `${flag} ${JSON.stringify(value)}: no such date or time`,
      timeShape: (flag: string, value: string) =>
        `${flag} ${JSON.stringify(value)}: use ISO 8601 (2026-11-18T09:00Z), epoch seconds or milliseconds, today, yesterday, or 24h / 7d ago`,
      zone: (zone: string) => `--tz ${JSON.stringify(zone)}: not an IANA time zone (e.g. UTC, Europe/Berlin, Asia/Tokyo)`,
      lang: (lang: string) => `--lang ${JSON.stringify(lang)}: ja or en`,
      sqlDialect: (dialect: string) => `sql --dialect ${JSON.stringify(dialect)}: duckdb or postgres`,
      sqlFilesPostgres: 'sql --files: only DuckDB reads files itself; load the events into a table for PostgreSQL',
      sqlFilesAndEvents: 'sql: --files or --events, not both',
      sqlSeqWithFiles: 'sql --seq: files are read in their own order',
      sqlMissing: (unknown: string, optional: string) => `sql --missing ${unknown}: only optional columns can be missing (${optional})`,
      sqlName: (detail: string) => `sql: ${detail}`,
      /** commander's own errors, by its error code. */
      commander: {
        unknownOption: (option: string) => `unknown option '${option}'`,
        unknownCommand: (command: string) => `unknown command '${command}'`,
        missingArgument: (name: string) => `missing required argument '${name}'`,
        optionMissingArgument: (option: string) => `option '${option}' argument missing`,
        missingMandatoryOption: (option: string) => `required option '${option}' not specified`,
        excessArguments: (command: string | null, expected: number, got: number) =>
          `too many arguments${command === null ? '' : ` for '${command}'`}. Expected ${expected} argument${expected === 1 ? '' : 's'} but got ${got}.`,
        didYouMean: (suggestion: string, several: boolean) => `(Did you mean ${several ? 'one of ' : ''}${suggestion}?)`,
        invalidChoice: (option: string, value: string, choices: string) => `option '${option}' argument '${value}' is invalid. Allowed choices are ${choices}.`,
      },
    },
  };
}

