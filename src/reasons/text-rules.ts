import type { ReasonClass } from './types.js';

/**
 * The ordered table of wording rules: the first pattern that matches decides the class. Written
 * from RFC 5321/3463 reply texts, the MTAs' own messages (Postfix, Exim, Sendmail, qmail,
 * Exchange), the big receivers' documented replies (Gmail, Microsoft 365, Yahoo/AOL, iCloud,
 * Japanese carriers) and SendGrid's deferral wording.
 *
 * Order matters where phrases overlap: a named cause (a full mailbox, a DNS blocklist, a DNS
 * failure) beats the words around it ("blocked", "rejected", "giving up"), and a rule about the
 * sender comes before the same words about the recipient. Patterns run on the lower-cased text.
 */
export interface TextRule {
  readonly cls: ReasonClass;
  readonly re: RegExp;
  /**
   * The words only say the mail was refused, not why. Where the text shows *when* it was refused
   * (at connection, at MAIL FROM), that stage says more than the words (see smtp-stage.ts).
   */
  readonly generic?: true;
}

/** One phrase per line in the table, compiled once into a single alternation. */
const anyOf = (phrases: readonly RegExp[]): RegExp => new RegExp(phrases.map((p) => p.source).join('|'));
const rule = (cls: ReasonClass, phrases: readonly RegExp[]): TextRule => ({ cls, re: anyOf(phrases) });
const generic = (cls: ReasonClass, phrases: readonly RegExp[]): TextRule => ({ ...rule(cls, phrases), generic: true });

/**
 * The same rules run as SQL (src/sql), and RE2 (DuckDB) has no lookaround: "not after" and "not
 * before" a word are spelled out instead, as the ways the neighbouring text can differ from it.
 */
const literal = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const other = (c: string): string => `[^${literal(c)}]`;

/** `re` not right after `word`: fewer characters before it, or some of the last ones differ. */
function notAfter(word: string, re: RegExp): RegExp {
  const n = word.length;
  const ways = [`^[\\s\\S]{0,${n - 1}}`];
  for (let i = 0; i < n; i++) {
    const rest = n - 1 - i;
    ways.push(`${literal(word.slice(0, i))}${other(word[i] as string)}${rest > 0 ? `[\\s\\S]{${rest}}` : ''}`);
  }
  return new RegExp(`(?:${ways.join('|')})${re.source}`);
}

/** `re` not right before `word`: the text ends inside it, or differs from it somewhere. */
function notBefore(re: RegExp, word: string): RegExp {
  const ways = ['$'];
  for (let i = 0; i < word.length; i++) {
    const head = literal(word.slice(0, i));
    if (i > 0) ways.push(`${head}$`);
    ways.push(`${head}${other(word[i] as string)}`);
  }
  return new RegExp(`${re.source}(?:${ways.join('|')})`);
}

export const TEXT_RULES: readonly TextRule[] = [
  // SendGrid's own expiry wording names the last response after it: the outcome is the expiry.
  rule('expired', [/^message expired/, /deferred for more than \d+ hours/]),
  // Greylisting: a temporary refusal of every new sender, whatever words surround it; and a
  // recipient check still running, which says nothing yet about the address.
  rule('policy', [/gr[ae]y-?list/]),
  rule('unknown', [/verification in progress/]),

  // Message format problems; before authentication ("duplicate header 'DKIM-Signature'").
  rule('content-rejected', [
    /headers? (?:too (?:large|long|many)|(?:size )?limit)/,
    /too many headers/,
    /duplicate header/,
    /multiple (?:addresses in from|subject|from|to|date|message-id)/,
    /rfc ?5322/,
    /rfc ?2822/,
    /not rfc/,
    /(?:improper|illegal|bad) (?:use of )?8-?bit/,
    /media error/,
    /message (?:format|syntax) error/,
    /invalid mime/,
    /malformed (?:message|mime)/,
  ]),

  // Unmistakable spam verdicts; before authentication (Google Groups' spam reply suggests SPF).
  rule('spam-content', [
    /spam classification/,
    /(?:scored|classified|identified|detected|flagged) as (?:spam|junk)/,
    /spam detected/,
    /rejected (?:due to|as) spam/,
    /message content rejected/,
    /\bube\b/,
    /looks? like (?:spam|junk)/,
    /likely unsolicited/,
  ]),

  // Yahoo/AOL complaint deferrals and Microsoft's reputation throttling.
  rule('reputation', [
    /unexpected volume or user complaints/,
    /unsolicited mail originating from your ip address.{0,120}temporarily blocked/,
    /excessive unknown recipients/,
    /\[tss?\d{2}\]/,
    /rate limited due to (?:ip )?reputation/,
    /reputation of the sending/,
    /(?:poor|low|bad) (?:ip |sender |domain )?reputation/,
    /sender reputation/,
    /due to (?:ip |domain )?reputation/,
    /user complaints/,
  ]),

  // Listed senders: URL blocklists are about the content, the rest about the sending IP/domain.
  rule('spam-content', [
    /\b(?:uribl|surbl)\b/,
    /dbl\.spamhaus/,
    /blacklisted (?:url|link)/,
    /blocked (?:url|link)/,
    /url in (?:the )?message/,
  ]),
  rule('sender-rejected', [
    /blocked senders/,
    /anti-?spoofing/,
    /sender (?:address |domain )?(?:is |has been )?(?:black|block)listed/,
    /address that has been (?:black|block)listed/,
  ]),
  rule('blocklisted', [
    /spamhaus/,
    /spamcop/,
    /barracuda/,
    /\bsorbs\b/,
    /abuseat/,
    /\bcbl\b/,
    /\bpsbl\b/,
    /\bspews\b/,
    /dnsbl/,
    /rbl\b/,
    /\brbl/,
    /blocked using/,
    notAfter('not ', /listed (?:in|on|at|by)/),
    /black ?list(?:ed)?/,
    /block ?list(?:ed)?/,
    /deny ?list/,
    /banned sending ip/,
    /\bs3150\b/,
    /messages from \[?[\d.:a-f]+\]? weren't sent/,
    /client host (?:\[[^\]]*\] )?blocked/,
    notBefore(/client host rejected/, ': cannot find'),
    /blocked for (?:abuse|spam)/,
    /open relay/,
    /smtp server of your (?:isp|provider)/,
    /dynamic (?:ip|address)/,
    /dial-?up/,
    /residential/,
  ]),

  // Sender authentication (SPF, DKIM, DMARC); Gmail 5.7.26, Microsoft 5.7.509/5.7.515.
  rule('auth-failure', [
    /\b(?:spf|dkim|dmarc)\b/,
    /unauthenticated email/,
    /sender is unauthenticated/,
    /authentication (?:checks|results|information)/,
    /does not pass (?:authentication|verification)/,
    /required authentication level/,
  ]),

  // Full mailboxes (Gmail's "over quota and inactive" is still full, so before disabled).
  rule('mailbox-full', [
    /mailbox (?:is )?full/,
    /(?:volume|size) of (?:the )?recipient'?s? mailbox/,
    /recipient'?s? mailbox (?:has )?exceeded/,
    /mail ?box full/,
    /(?:mail ?folder|inbox|mailbox|account|user)(?: that you tried to reach)? (?:is|was) (?:over|out of) (?:quota|storage)/,
    /over ?quota/,
    /quota (?:exceeded|full|limit)/,
    /exceeded (?:the )?(?:storage|quota|disk)/,
    /disk quota/,
    /out of storage/,
    /storage (?:quota|space) (?:exceeded|full)/,
    /mailbox (?:size|storage) (?:limit )?exceeded/,
    /mailbox exceeds/,
    /exceeds (?:allowed|the) (?:size|storage)/,
    /number of messages .{0,40}exceeded/,
    /insufficient (?:user )?storage/,
    /not enough (?:disk )?space/,
    /(?:mail ?)?folder is full/,
    /storedrv\.deliver: mailbox full/,
  ]),

  rule('message-too-large', [
    /too (?:large|big)/,
    /size (?:limit|exceed)/,
    /(?:message|mail)(?: size| length)? exceeds/,
    /exceeds (?:fixed |the )?(?:maximum |administrative )?(?:message )?(?:size|length)/,
    /length exceeds/,
    /recipsizelimit/,
    /maximum (?:message )?size/,
    /message size/,
    /line (?:length )?limit exceeded/,
    /line too long/,
  ]),

  // Malware, attachments, harmful content.
  rule('content-rejected', [
    /virus/,
    /malware/,
    /infected/,
    /attachment/,
    /potential security issue/,
    /harmful content/,
    /dangerous content/,
    /executable/,
    /banned (?:file|content|extension)/,
    /content (?:policy|presents)/,
  ]),

  // Rate, volume and connection limits (Gmail 4.7.28, SendGrid's "IPs were throttled").
  rule('rate-limited', [
    /rate ?limit/,
    /rate of/,
    /receiving mail (?:at|too) /,
    /throttl/,
    /frequency limit/,
    /too many (?:connections|concurrent|sessions|messages|mails|recipients|emails|requests|simultaneous)/,
    /(?:hourly|daily|connection|sending|message|recipient)s? (?:limit|quota)s? (?:exceeded|reached)/,
    /reached (?:the |its |their |your )?(?:isp-suggested )?(?:hourly |daily |max |maximum |connection |sending |message |relay )*(?:limits?|quota)/,
    /exceeded (?:the )?(?:\S+ )?(?:limit|quota)/,
    /too fast/,
    /too many recent messages/,
    /limits for how many messages/,
    /messages can be sent per (?:hour|day)/,
    /slow down/,
    /try again later, closing connection/,
    /sent to too many recipients/,
    /max(?:imum)? (?:number of )?connection/,
  ]),

  // Other spam-looking content.
  rule('spam-content', [
    /spam/,
    /unsolicited/,
    /bulk (?:e-?)?mail/,
    /junk ?mail/,
    /content rejected/,
    /message content/,
    /suspicious (?:message|content)/,
    /phish/,
  ]),

  // Mailing lists and groups that only members may post to.
  rule('sender-rejected', [
    /groups\.google\.com/,
    /group you tried to contact/,
    /not a member of/,
    /permission to post/,
    /members? only/,
    /not allowed to post/,
    /moderat(?:ed|ion) (?:list|group)/,
  ]),

  // The sender's address or domain is what the server refused.
  rule('sender-rejected', [
    /sender (?:address |domain )?(?:rejected|refused|denied|blocked|not allowed|verify failed)/,
    /sender was rejected/,
    /sender address .{0,60}(?:does not exist|rejected|invalid|unknown)/,
    /unroutable sender/,
    /sender domain (?:must exist|does not exist|not found|invalid|unknown)/,
    /invalid sender/,
    /send mail as/,
    /purported responsible address/,
    /bad sender/,
  ]),

  // Sender-side setup: reverse DNS, relaying, HELO, unverified identities, TLS.
  rule('sender-config', [
    /reverse dns/,
    /\brdns\b/,
    /(?:no|missing|bad|invalid|have a|valid|without a?) (?:dns )?ptr\b/,
    /\bptr (?:record )?(?:required|missing|not found)/,
    /reverse (?:lookup|hostname)/,
    /ip name lookup failed/,
    /cannot find your (?:host ?name|reverse)/,
    /valid sender domain/,
    /relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited|not allowed)/,
    /not (?:configured|permitted|allowed) to relay/,
    /no relaying/,
    /insecure mail relay/,
    /relay through this server/,
    /helo command rejected/,
    /ehlo command rejected/,
    /(?:helo|ehlo) (?:name|hostname) (?:rejected|invalid)/,
    /invalid (?:helo|ehlo)/,
    /my name was rejected/,
    /not verified/,
    /unverifiable/,
    /does not support tls/,
    /tls (?:is )?required/,
    /must issue a starttls/,
    /requires? (?:tls|encryption)/,
  ]),

  // Recipient mailbox exists but is switched off.
  rule('mailbox-disabled', [
    /(?:account|mailbox|recipient)(?: that you tried to reach)?(?: \S+)? (?:is |has been |was )?(?:temporar(?:il)?y )?(?:disabled|deactivated|suspended|inactive|locked|frozen|blocked|closed|discontinued|expired|terminated)/,
    /user \S+ (?:is |has been )?(?:temporar(?:il)?y )?(?:disabled|suspended|locked)/,
    /disabled (?:recipient|account|mailbox|user)/,
    /(?:inactive|suspended|closed|deactivated|expired) (?:account|mailbox|user)/,
    /account (?:closed|suspended|disabled)/,
  ]),

  // DNS trouble that may pass ("try again", SERVFAIL, timeouts): before "host not found".
  rule('network-error', [
    /not found, try again/,
    /temporary (?:dns|lookup) failure/,
    /dns (?:query failed|timeout|temporary)/,
    /servfail/,
    /malformed or unexpected name server reply/,
    /server misbehaving/,
    /i\/o timeout/,
    /name server .{0,40}(?:timeout|timed out)/,
  ]),

  // Domain that does not exist or does not take mail (null MX, RFC 7505).
  rule('domain-invalid', [
    /host (?:or domain name )?(?:unknown|not found)/,
    /host [\w.-]+ not found/,
    /(?:no such|unknown|invalid|illegal|bad) (?:host|domain)(?:\/domain)?(?: name)?/,
    /domain (?:name )?(?:not found|does not exist|doesn't exist|couldn't be found|could not be found|is not reachable)/,
    /domain [\w.-]+ (?:couldn't|could not) be found/,
    /(?:domain|host) .{0,60}(?:does not|doesn't) (?:accept|receive) (?:e-?)?mail/,
    /null mx/,
    /no mx/,
    /mx (?:or srv )?record/,
    /no (?:smtp|mail) service/,
    /unrouteable address/,
    /unroutable address/,
    /couldn't find (?:any host|a mail exchanger)/,
    /could not find (?:any host|a mail exchanger)/,
    /no such host/,
    /name or service not known/,
    /nxdomain/,
    /not accepting network messages/,
    /bad destination system/,
    // A top-level domain that does not exist, not one inside an address (`user@host.tld does not
    // exist` is about the user): the run of name characters before it does not follow an `@`.
    /(?:^|[^@\w.-])[\w.-]*\.[a-z]{2,} does not exist/,
  ]),

  // The receiving system's own failures, when named.
  rule('remote-error', [
    /(?:internal|local) (?:server |system )?error/,
    /system error/,
    /mailer error/,
    /mailer failure/,
    /queue file write error/,
    /disk space/,
    /system (?:is )?full/,
    /operating system/,
    /\bldap\b/,
    /directory server/,
    /pipe to \|/,
    /procmail/,
  ]),

  // Recipient unknown: every MTA and provider phrasing of "no such mailbox".
  rule('user-unknown', [
    /user ?unknown/,
    /unknown (?:user|recipient|mailbox|address|local|or illegal)/,
    /(?:no such|invalid|bad|illegal) (?:user|recipient|mailbox|address|account|local|e-?mail)/,
    /no mailbox/,
    /(?:user|recipient|mailbox|account|address|addressee)(?: name)?(?: that you tried to reach)? (?:does not|doesn't|did not|not) exist/,
    /(?:user|recipient|mailbox|address)s? (?:not found|unknown|not listed|not valid|invalid)/,
    /recip(?:ient)?notfound/,
    /mailbox (?:not found|unavailable|does not)/,
    /doesn't have a .{1,60} account/,
    /not our (?:customer|user)/,
    /no longer (?:on|at|with)/,
    /has moved/,
    /not listed in/,
    /address (?:couldn't|could not) be found/,
    /(?:address|user|mailbox) .{0,30}not (?:known|found)/,
    /inactive email address/,
    /destination mailbox/,
    /recipient address rejected: access denied/,
  ]),

  // Named network failures: DNS, routing, loops, TLS (SendGrid's "TLS connection failed").
  rule('network-error', [
    /name service error/,
    /host name lookup/,
    /dns (?:error|failure|lookup failed)/,
    /lookup failure/,
    /unable to get mx/,
    /no route to host/,
    /network (?:error|is unreachable)/,
    /lost connection/,
    /connection (?:refused|reset|closed|dropped|lost)/,
    /tls (?:connection|handshake|negotiation)/,
    /starttls/,
    /certificate/,
    /\bssl\b/,
    /mail loop/,
    /routing loop/,
    /too many hops/,
    /hop count/,
    /maximum (?:allowed )?(?:times|hops)/,
    /forwarded more than/,
    /loop detected/,
    /socket error/,
  ]),

  // Delivery gave up after retrying (SendGrid's 72 hours, an MTA's queue lifetime).
  rule('expired', [
    /expired/,
    /retry (?:timeout|time) exceeded/,
    /retry period/,
    /in the queue too long/,
    /been failing for/,
    /have been failing/,
    /(?:could not|couldn't) (?:be )?deliver(?:ed)? for/,
    /not (?:been )?delivered within/,
    /unable to deliver (?:this message )?(?:in|after|within)/,
    /delivery (?:time|retry) (?:limit|period)/,
    /(?:failed|after) \d+ (?:delivery )?attempts/,
    /will (?:be )?retr(?:y|ied) for/,
    /giving up/,
    /gave up/,
  ]),

  // Could not reach the receiving server.
  rule('network-error', [
    /timed? ?out/,
    /time-out/,
    /host (?:is )?(?:unreachable|not reachable)/,
    /unable to (?:connect|establish)/,
    /could not connect/,
    /can't connect/,
    /couldn't connect/,
    /not able to (?:connect|establish)/,
    /wasn't able to establish/,
    /did not accept our requests to connect/,
    /connection (?:failed|problem)/,
    /routing (?:issue|problem|error)/,
  ]),

  // Refusals that name a policy.
  rule('policy', [
    /polic(?:y|ies)/,
    /unauthenticated senders/,
    /smtp authentication/,
    /authentication required/,
    /authrequired/,
    /not authori[sz]ed/,
    /refused due to/,
    /recipient preferences/,
    /protocol violation/,
    /filtered/,
  ]),

  // Named local block rules (`BLOCK-SEND-ER`, `ERS-Customized-Block`): a tag, not a reason.
  rule('policy', [/\bblock-[a-z]/, /[a-z]-block\b/]),

  // Postfix's recipient check with no reason after it (the reason after it, if any, decides first).
  rule('user-unknown', [
    /recipient address rejected/,
    /address rejected/,
    /no valid recipients/,
  ]),

  // Refusals that name nothing.
  generic('policy', [
    /not allowed/,
    /not permitted/,
    /access denied/,
    /denied/,
    /prohibited/,
    /forbidden/,
    /refused/,
    /message rejected/,
    /not accepted/,
    /not accepting/,
    /rejected/,
    /blocked/,
  ]),

  // Trouble on the receiving side that names nothing.
  generic('remote-error', [
    /service (?:currently )?(?:not )?(?:un)?available/,
    /temporary (?:failure|error|problem)/,
    /transaction failed/,
    /improper sequence/,
    /bad sequence/,
    /not implemented/,
    /command (?:not recognized|unrecognized)/,
    /server error/,
    /try (?:again )?later/,
    /resources? temporarily/,
    /temporarily unavailable/,
    /server (?:is )?busy/,
    /too busy/,
  ]),

];
