import type { SkipKind } from '../events/accounting.js';
import { MAX_LINE_TEXT } from '../common/limits.js';
import { formatCount } from '../common/numbers.js';
import type { Verdict } from '../verdict/verdicts.js';
import type { Catalog } from './shape.js';
import { japaneseDuration } from './durations.js';

/**
 * 日本語のカタログ。用語は docs/glossary-ja.md の一覧(SendGrid の日本語資料の用語)に合わせる。
 * 顧客への文(sentence)は、サポート担当者がそのまま返信に貼れる です・ます 調で書く。
 * 判定名の横には識別子(forwarded-bounce など)を残し、grep できるようにする。
 */

/** 判定の日本語名。識別子と並べて示す。 */
const VERDICT_NAMES: Record<Verdict, string> = {
  'forwarded-bounce': '転送先のバウンス',
  'engaged-after-bounce': 'バウンス後に開封・クリック',
  'bounce-after-delivery': '遅延バウンス',
  'delivered-after-deferral': '遅延の後に配信済み',
  delivered: '配信済み',
  dropped: 'ドロップ',
  expired: '再送期限切れ',
  blocked: 'ブロック',
  bounced: 'バウンス',
  deferred: '遅延・再送中',
  processed: '処理済み・結果待ち',
  unknown: '不明・送信イベントなし',
};

/** イベント名の日本語(SendGrid の日本語資料の用語)。 */
const EVENT_NAMES: Readonly<Record<string, string>> = {
  processed: '処理済み',
  deferred: '遅延',
  delivered: '配信済み',
  bounce: 'バウンス',
  dropped: 'ドロップ',
  open: '開封',
  click: 'クリック',
  spamreport: '迷惑メール報告',
  unsubscribe: '配信停止',
  group_unsubscribe: 'グループ配信停止',
  group_resubscribe: 'グループ配信再開',
  account_status_change: 'アカウント状態の変更',
};

const SKIP_WORDS: Record<SkipKind, string> = {
  text: 'JSON を含まない行(サーバーのログ文)',
  'broken-json': '壊れた JSON の断片',
  'no-event': 'SendGrid のイベントを含まない JSON',
  'oversize-line': `${MAX_LINE_TEXT} を超える行`,
};

const times = (n: number): string => `${n}回`;
const typed = (bounceType: string | null): string => (bounceType ? `バウンス(タイプ ${bounceType})` : 'バウンス');
const paren = (s: string | null): string => (s ? `(${s})` : '');
/** A time and the particle after it: a space after Latin letters and digits (`09:05:16 UTC に`), none after kana (`不明な時刻に`). */
const on = (at: string, particle: string): string => (/[\x21-\x7e]$/.test(at) ? `${at} ${particle}` : `${at}${particle}`);

/** Built on first use: a run in English never evaluates it. */
export function japanese(): Catalog {
  return {
    code: 'ja',
    duration: japaneseDuration,
    zoneAbbreviation: true,
    event: (name) => (Object.hasOwn(EVENT_NAMES, name) ? `${EVENT_NAMES[name]}(${name})` : name),
    verdict: (v) => `${VERDICT_NAMES[v]} (${v})`,
    verdictMeaning: {
      'forwarded-bounce': '配信済み。後から届いたバウンスは受信者ではなく転送先に関するもの',
      'engaged-after-bounce': '配信済み。後からバウンスが届いたが、その後に人が開封・クリック',
      'bounce-after-delivery': '配信済みの後に届いた非同期のバウンス(遅延バウンス)',
      'delivered-after-deferral': '遅延の後に配信済み',
      delivered: '配信済み',
      dropped: 'SendGrid がドロップ。送信されていない',
      expired: 'SendGrid が再送を終了するまで遅延が続いた',
      blocked: '受信側サーバーがブロック。配信されていない',
      bounced: 'バウンス。配信されていない',
      deferred: '遅延。まだ再送中',
      processed: 'SendGrid が受け付けたが、配信イベントはまだない',
      unknown: '送信イベントがない(反応イベントのみ)',
    },
    groups: {
      failed: { label: '実際の失敗', meaning: '配信されていない(バウンス、ブロック、再送期限切れ、ドロップ)' },
      'after-delivery': { label: '配信済みの後', meaning: '配信済みの後にバウンス(転送先、遅延バウンス、または開封済み)' },
      recovered: { label: '回復', meaning: '遅延の後に配信済み' },
      pending: { label: '結果待ち', meaning: '遅延。まだ結果がない(SendGrid は72時間再送する)' },
      delivered: { label: '配信済み', meaning: '配信済み。エラーメール一覧に載った理由のイベントは配信の後ではない' },
      other: { label: '結果なし', meaning: '処理済みのみ、または反応イベントのみ' },
    },
    reasonClass: {
      'user-unknown': '宛先のメールボックスが存在しない',
      'domain-invalid': '宛先ドメインが存在しないか、メールを受け付けていない',
      'mailbox-disabled': 'メールボックスは存在するが、無効または休止中',
      'mailbox-full': 'メールボックスの容量超過',
      'message-too-large': 'メールが受信側の上限より大きい',
      'content-rejected': '内容(添付ファイル、マルウェア、形式)が拒否された',
      'spam-content': '迷惑メールと判定された',
      blocklisted: '送信元の IP またはドメインがブロックリストに掲載されている',
      reputation: '受信側が送信者の評価(レピュテーション)や苦情率を信用していない',
      'rate-limited': '受信側が送信者からの受信速度を制限している',
      'auth-failure': 'SPF、DKIM または DMARC の認証に失敗',
      'sender-config': '送信側の設定(逆引き DNS、リレー、HELO、TLS)が拒否された',
      'sender-rejected': '受信側が送信元のアドレスまたはドメインを拒否した',
      policy: '受信側の独自ポリシーによる拒否',
      expired: '再送期間が終わるまで再送した',
      'network-error': '受信側サーバーに接続できなかった(DNS、接続、TLS)',
      'remote-error': '受信側サーバー内部の障害',
      unknown: '理由を分類できなかった',
      suppressed: 'SendGrid が送信せずにドロップした(抑制リスト、または無効なリクエスト)',
    },
    hints: {
      tables: {
        classes: {
          'user-unknown': 'アドレスをリストから削除してください。再送しても再びバウンスします(フォームから登録されたアドレスなら入力ミスも確認してください)。',
          'domain-invalid': 'ドメインの綴りを確認してください。正しい綴りならそのドメインはメールを受け付けていないため、アドレスを削除してください。',
          'mailbox-disabled': 'このアドレスへの送信をやめ、受信者に現在のアドレスを確認してください。',
          'mailbox-full': 'アドレスに問題はありません。時間をおいて再送するか、別の方法で連絡してください。容量超過が数週間続く場合に限り、送信を止めてください。',
          'message-too-large': 'メールを小さくしてください。大きなファイルは添付せず、リンクで共有してください。',
          'content-rejected': '受信側が拒否した添付ファイルや内容を変更または削除してから再送してください。',
          'spam-content': '再送の前に、内容、リンク、リストの質に迷惑メールと見なされる要素がないか見直してください。',
          blocklisted: '送信元の IP またはドメインを該当するブロックリストで確認し、削除を申請してください(SendGrid の共有 IP の場合は SendGrid のサポートに依頼してください)。',
          reputation: 'このプロバイダーへの送信ペースを落とし、反応のある受信者にだけ送り、プロバイダーのポストマスターツールを確認してください。',
          'rate-limited': 'このプロバイダーへはゆっくり送信してください。遅延は SendGrid が最大72時間再送しますが、バウンスした場合は後で再送が必要です。',
          'auth-failure': 'From のドメインで DMARC が通るように、SendGrid で送信ドメインを認証(SPF と DKIM)してください。',
          'sender-config': '再送の前に、返答が指摘している送信側の設定(IP の逆引き DNS、リレーや TLS の設定)を直してください。',
          'sender-rejected': 'この受信者が受け付ける、認証済みドメインの実在するアドレスから送信してください(メーリングリストの場合はメンバーになってください)。',
          policy: '受信者に送信元の許可を依頼するか、返答の本文を添えて受信ドメインのポストマスターに問い合わせてください。',
          expired: 'SendGrid は再送を終了しました。アドレス自体は問題ない可能性があるため、受信側サーバーの状態を確認して後で再送してください。',
          'network-error': '多くは一時的なもので、SendGrid が再送します。続く場合は、宛先ドメインの DNS またはメールサーバーに問題があります。',
          'remote-error': 'アドレスではなく受信側の障害です。後で再送してください。',
          unknown: '返答の全文を読んでください。どのルールにも当てはまりませんでした。',
          suppressed: 'SendGrid は送信していません。抑制リストからアドレスを外す前に、SendGrid の抑制リストを確認してください。',
        },
        transient: {
          'mailbox-full': '現在メールボックスが容量超過です。SendGrid が最大72時間再送を続けるため、今は対応不要です。',
          blocklisted: 'ブロックリストへの掲載による遅延です。すぐに削除を申請してください。SendGrid は最大72時間再送します。',
          reputation: '評価(レピュテーション)または送信量による遅延です。このプロバイダーへの送信ペースを落としてください。SendGrid は最大72時間再送します。',
          policy: '受信側のポリシーによる遅延です。SendGrid は最大72時間再送します。最終的にバウンスした場合は、ポストマスターに問い合わせてください。',
        },
        drops: {
          'on-bounce-list': '以前のバウンスでアドレスがバウンスリストに登録されています。そのバウンスが転送先によるものか一時的な障害だった場合に限り、リストから削除してください。',
          unsubscribed: '受信者が配信停止しています。再びオプトインするまで送信しないでください。',
          'spam-reporter': '受信者がメールを迷惑メールとして報告しています。今後は送信しないでください。',
          malformed: 'SendGrid はこのアドレスの形式が正しくないと判断しています。修正するか削除してください。',
          'smtpapi-header': '送信リクエストの X-SMTPAPI ヘッダーを修正してください。',
          'spam-content': 'SendGrid の迷惑メールチェックが内容を検出しました。再送の前に見直してください。',
          'over-quota': 'プランの宛先数の上限を超えました。プランをアップグレードするか、リストを減らしてください。',
        },
      },
      forward: (targetBad) =>
        targetBad
          ? '受信者はそのままで問題ありません。アドレスは有効ですが、受信者のサーバーが存在しないアドレスへ転送しています。転送設定の修正か削除を受信者に依頼してください。'
          : '受信者はそのままで問題ありません。アドレスは有効で、失敗したのは受信者のサーバーの転送先です。続くようであれば受信者に伝えてください。',
    },
    unknownTime: '不明な時刻',
    noMessages: '一致するメッセージはありません',

    sentence: {
      contradictory: (a) =>
        `${a.email} のイベントは互いに矛盾しているため、判定を信頼できません。実際の配信ではなく、Webhook のテスト送信か例示データのようです。`,
      'forwarded-bounce': (a) =>
        `${a.email} 宛てのメールは ${on(a.at, 'に')}受信側サーバーに受け付けられ、配信されました。その${a.gap}後に届いたバウンスは転送先の ${a.target} に関するもの${paren(a.why)}で、${a.email} にはメールが届いています。${a.bad !== null ? `${a.bad} は存在しないアドレスですが、${a.email} に問題はありません。` : ''}`,
      'engaged-after-bounce': (a) =>
        `${a.email} 宛てのメールは ${on(a.at, 'に')}配信されました。その${a.gap}後にバウンスが届きましたが、その後にメールが開封またはクリックされているため、メールは届いています。`,
      'bounce-after-delivery': (a) =>
        `${a.email} 宛てのメールは ${on(a.at, 'に')}受信側サーバーに受け付けられましたが、その${a.gap}後に配送不能レポート(NDR)が届きました${paren(a.why)}。受信箱に届いていない可能性があります。`,
      'delivered-after-deferral': (a) =>
        `受信側サーバーがメールの受け取りを${times(a.deferrals)}遅延させましたが、その後 ${on(a.at, 'に')} ${a.email} 宛てに受け付けられ、配信されました。`,
      delivered: (a) => `${a.email} 宛てのメールは ${on(a.at, 'に')}配信されました。`,
      dropped: (a) => `SendGrid は ${a.email} 宛てのメールを送信しませんでした${paren(a.reason)}。アドレスが抑制リストに登録されています。`,
      expired: (a) =>
        `受信側サーバーが ${a.email} 宛てのメールの受け取りを遅延させ続けたため、SendGrid は${a.at !== null ? ` ${on(a.at, 'に')}` : ''}再送を終了しました。メールは配信されていません。`,
      blocked: (a) => `受信側サーバーが ${on(a.at, 'に')} ${a.email} 宛てのメールを拒否しました${paren(a.why)}。メールは配信されていません。`,
      bounced: (a) =>
        `${a.email} 宛てのメールは ${on(a.at, 'に')}バウンスしました${paren(a.why)}。メールは配信されていません。${a.hard ? 'このアドレスは存在しないため、今後は送信しないでください。' : ''}`,
      deferred: (a) =>
        `${a.email} 宛てのメールは現在も再送中です。受信側サーバーが${times(a.deferrals)}遅延させており、最初の遅延は ${on(a.at, 'です')}。`,
      processed: (a) => `SendGrid は ${on(a.at, 'に')} ${a.email} 宛てのメールを受け付けました。このログにはまだ配信結果がありません。`,
      unknown: (a) => `このログには ${a.email} の開封やクリックなどの反応イベントしかなく、送信イベントは含まれていません。`,
    },

    evidence: {
      bounceAfterDelivery: (a) =>
        a.target !== null
          ? `配信済みの${a.gap}後に${typed(a.bounceType)}。理由に書かれているのは転送先の ${a.target} で、受信者 ${a.recipient} ではありません`
          : `配信済みの${a.gap}後に${typed(a.bounceType)}。受信側サーバーはメールを受け付けた後に失敗を通知しました`,
      engagedAfterBounce: (a) => `バウンスの${a.gap}後に人が開封またはクリック。受信者はメールを受け取っています`,
      machineOpensIgnored: (a) => `機械による開封 ${a.count}件(sg_machine_open)は反応として数えていません`,
      deliveredAfterDeferrals: (a) => `${times(a.deferrals)}遅延した後、最初の遅延の${a.gap}後に配信済み`,
      delivered: '配信済み。バウンス、ドロップ、遅延の記録はありません',
      dropped: (a) => `SendGrid がドロップ${paren(a.reason)}。送信されていません`,
      bounceAfterDeferrals: (a) => `${times(a.deferrals)}遅延した後、最初の遅延の${a.gap}後に${typed(a.bounceType)}。SendGrid は再送を終了しました`,
      expiredType: 'タイプ expired のバウンス。SendGrid は再送を終了しました',
      deferralTimedOut: (a) => `${times(a.deferrals)}遅延し、結果がありません。最初の遅延は入力の最新イベントの${a.age}前です(72時間超)`,
      bounceNeverDelivered: (a) => `配信済みがないまま${typed(a.bounceType)}`,
      deferralPending: (a) => `${times(a.deferrals)}遅延し、まだ結果がありません。最初の遅延は入力の最新イベントの${a.age}前です(72時間未満)`,
      processedOnly: 'SendGrid が処理済み。配信、遅延、バウンスはまだありません',
      engagementOnly: (a) => `反応イベントのみ(${a.events}件)。送信イベントはこの入力にありません`,
      contradictory: (a) =>
        `1通のメールとしては互いに矛盾するイベントです(${a.events.join('、')})${a.sameSecond ? '。すべて1秒以内' : ''}。実際の配信ではなく、Webhook のテスト送信か例示データのようです`,
      reason: (a) =>
        `理由の分類は ${a.reasonClass}(${a.meaning})、${a.permanence === 'permanent' ? '恒久的な失敗' : a.permanence === 'temporary' ? '一時的な失敗' : '恒久的か一時的かは不明'}。${a.address}`,
      addressBad: 'アドレスが無効です。今後は送信しないでください',
      targetBad: (a) => `転送先の ${a.target} は存在しません。受信者自身のアドレスは問題ありません`,
      aboutTarget: (a) => `転送先の ${a.target} に関するものです。受信者自身のアドレスは問題ありません`,
      replyCallsBad: '返答はアドレスを無効としていますが、ほかのイベントはそれを示していません',
      addressFine: 'アドレス自体は問題ありません',
    },

    timeline: {
      message: (id) => `メッセージ ${id}`,
      noMessageId: 'メッセージ ID なし(メールアドレスのみ)',
      type: (t) => `タイプ ${t}`,
      status: (s) => `ステータス ${s}`,
      attempt: (n) => `試行 ${n}回目`,
      machineOpen: '機械による開封(反応に数えない)',
      humanOpen: '人による開封',
      spamreport: '受信者が迷惑メールとして報告',
      unsubscribe: '受信者がすべてのメールを配信停止',
      groupChange: (a) => `受信者が配信停止グループ ${a.group ?? '(asm_group_id なし)'} の配信を${a.left ? '停止' : '再開'}`,
      duplicatesRemoved: (n) => `(重複 ${n}件を除去)`,
      afterDelivered: (gap) => `(配信済みの${gap}後)`,
      verdict: '判定',
      onErrorList: '(エラーメール一覧に載ります)',
      eventWidth: 24,
      gapWidth: 11,
    },

    messagesHead: {
      first: '最初のイベント',
      email: 'メールアドレス',
      verdict: '判定',
      delivered: '配信時刻',
      gap: '間隔',
      reasonClass: '理由の分類',
      forwardOrReason: '転送先 / 理由',
    },

    live: {
      forwardedTo: (target) => `転送先 ${target}`,
      noMessageId: 'メッセージ ID なし',
      message: (id) => `メッセージ ${id}`,
    },

    explain: {
      reason: '理由',
      class: '分類',
      permanence: '恒久性',
      address: 'アドレス',
      hint: '対処',
      classIs: (cls, meaning) => `${cls}: ${meaning}`,
      permanent: (code) => `恒久的${paren(code)}: 受信側はこのメールを受け付けません`,
      transient: (code) => `一時的${paren(code)}: 再送で受け付けられる可能性があります`,
      unknownPermanence: '不明: 本文に SMTP のコードがありません',
      bad: '無効',
      fine: '問題なし',
      forwardTarget: (target) => `転送先: ${target}(受信者の位置に書かれたアドレスで、受信者本人ではありません)`,
      names: (target) => `記載されたアドレス: ${target}(受信者の位置に書かれています。受信者本人でなければ転送先です。--recipient で確かめられます)`,
    },

    report: {
      title: 'sgtrail レポート',
      item: '項目',
      value: '値',
      none: 'なし',
      all: '合計',
      noKey: '(なし)',
      top: (shown, total) => `(上位 ${shown}件 / ${formatCount(total)}件)`,
      shownOf: (shown, total) => `(${shown}件 / ${formatCount(total)}件)`,
      overview: {
        inputs: '入力',
        messages: 'メッセージ',
        onErrorList: 'エラーメール一覧に載る件数',
        firstEvent: '最初のイベント',
        lastEvent: '最後のイベント',
        timeZone: 'タイムゾーン',
        since: '開始(--since)',
        until: '終了(--until)',
        verdicts: '判定',
        selection: '絞り込み',
        errorsOnly: 'エラーメール一覧のメッセージのみ(--errors)',
        emails: (n) => `アドレス ${formatCount(n)}件(--email)`,
        messageIds: (n) => `メッセージ ID ${formatCount(n)}件(--message)`,
      },
      columns: {
        outcome: '実際の結果',
        messages: 'メッセージ',
        share: '割合',
        verdicts: '判定',
        verdict: '判定',
        onErrorList: 'エラーメール一覧',
        meaning: '意味',
        reasonClass: '理由の分類',
        errorList: 'エラーメール一覧',
        failed: '実際の失敗',
        afterDelivery: '配信済みの後',
        sinceDelivery: '配信からの間隔',
        recovered: '回復',
        pending: '結果待ち',
        domain: 'ドメイン',
        category: 'カテゴリー',
        sendingIp: '送信元 IP',
        blocklisted: 'ブロックリスト',
        reputation: '評価',
        email: 'メールアドレス',
        bouncedSort: 'バウンス日時(並び順)',
        forwardOrReason: '転送先 / 理由',
        statusChange: '状態の変更',
        events: 'イベント',
        first: '最初',
        last: '最後',
        feedback: '反応',
        perDelivered: '配信済みに対する割合',
        failedSort: '失敗日時(並び順)',
        reason: '理由',
        condition: '条件',
        measured: '実測',
        threshold: 'しきい値',
        holds: '成立',
      },
      headline: {
        title: 'エラーメール一覧と実際の結果',
        note: (total, messages) =>
          `${formatCount(messages)}件のうち ${formatCount(total)}件が、単純なエラーメール一覧(遅延、ドロップ、バウンスのいずれかのイベントがあるもの)に載ります。実際の結果は次のとおりです。`,
        onErrorList: 'エラーメール一覧に載る件数',
      },
      verdictsTitle: '判定',
      reasonsFailed: '実際の失敗の理由',
      reasonsAfterDelivery: '配信済みの後にバウンスした理由',
      noReason: '(理由なし)',
      noReasonMeaning: '判定を決めたイベントに理由の文がない',
      domainsTitle: '宛先ドメイン',
      otherDomains: (n) => `(ほかのドメイン ${formatCount(n)}件)`,
      categoriesTitle: 'カテゴリー',
      otherCategories: (n) => `(ほかのカテゴリー ${formatCount(n)}件)`,
      categoriesNote: '複数のカテゴリーで送信されたメッセージは、それぞれのカテゴリーで数えています。',
      blockedIpsTitle: 'ブロックリストや評価を理由に拒否された送信元 IP',
      blockedIpsNote: (n) => `ブロックリストへの掲載や送信者の評価を理由に拒否されたメッセージ ${formatCount(n)}件を、SendGrid の送信元 IP ごとに多い順で示します。`,
      forwardTitle: 'バウンスした転送先(ドメイン別)',
      forwardNote: (n) => `${formatCount(n)}件のメッセージは受信者に届き、転送先のアドレスでバウンスしました。`,
      attentionTitle: '配信済みの後にバウンス: 最初に確認するもの',
      attentionNote:
        'エラーメール一覧では失敗と表示されますが、受信側サーバーは先に受け付けています。判定の順(単純な遅延バウンスが先、次に転送先と開封済み)、次にバウンス日時の新しい順に並べています。',
      input: {
        title: '入力',
        files: 'ファイル',
        bytes: 'バイト数',
        bytesValue: (human, n) => `${human}(${formatCount(n)} バイト)`,
        eventsRead: '読み込んだイベント',
        duplicates: '除去した重複',
        distinct: '重複を除いたイベント',
        accountEvents: 'アカウントのイベント(受信者なし)',
        messages: '入力中の受信者メッセージ',
        first: '入力の最初のイベント',
        last: '入力の最後のイベント',
        skipped: (kind) => `スキップ: ${SKIP_WORDS[kind]}`,
        skippedValue: (count, first) => `${formatCount(count)}件(最初は ${first})`,
      },
      account: {
        title: 'アカウントの状態が変わりました: まず SendGrid のアカウントを確認してください',
        note: 'SendGrid から account_status_change イベントが届いています。アカウントが停止されると、その後のメッセージはすべて止まるかバウンスします。',
      },
      feedback: {
        title: '迷惑メール報告と配信停止',
        note: (delivered) => `受信者が迷惑メールとして報告したか配信停止したメッセージと、配信済みメッセージ ${formatCount(delivered)}件に対する割合です。`,
        spamreports: '迷惑メール報告',
        unsubscribes: '配信停止',
        groupUnsubscribes: 'グループ配信停止',
      },
      failedTitle: '実際の失敗',
      failedNote: '配信されていないもの(バウンス、ブロック、再送期限切れ、ドロップ)。失敗日時の新しい順に並べています。',
      failOn: {
        holds: '--fail-on: 成立(終了コード 1)',
        doesNotHold: '--fail-on: 不成立',
        share: (percent, count, total) => `${percent}%(${formatCount(total)}件中 ${formatCount(count)}件)`,
        yes: 'はい',
        no: 'いいえ',
      },
      charts: {
        topReasonsTitle: '主な理由の分類',
        topReasonsNote: '実際の失敗の理由と、配信済みの後にバウンスした理由を、分類ごとに示します。',
        topReasonsLabel: '主な理由の分類: 実際の失敗と配信済みの後のバウンス',
        hourlyTitle: '1時間ごとのイベント数',
        hourlyNote: '入力中の重複を除いたすべてのイベント(--since/--until の範囲内。ほかのオプションでは絞り込みません)を種類別に示します。',
        perHours: (hours) => (hours === 1 ? '1時間ごとの種類別イベント数' : `${hours}時間ごとの種類別イベント数`),
        noData: 'データなし',
        timesIn: (zone) => `時刻は ${zone}`,
        count: (label, n, what) => `${label}: ${what} ${formatCount(n)}件`,
        eventKind: (kind) => (Object.hasOwn(EVENT_NAMES, kind) ? (EVENT_NAMES[kind] as string) : kind === 'other' ? 'その他' : kind),
      },
      footer: 'sgtrail レポート · 件数は、イベントと書いたもの以外はすべて受信者メッセージの数です',
    },

    notes: {
      skipped: (kind, count, first) => `${SKIP_WORDS[kind]}: ${count}件をスキップしました(最初は ${first})`,
      duplicates: (n) => `重複イベント ${n}件を除去しました`,
      accountChange: (a) =>
        `アカウント状態の変更: ${a.type}(${a.count}件${a.first === null ? '' : a.first === a.last ? `、${a.first}` : `、${a.first} から ${a.last}`}): SendGrid が送信アカウントの状態を変更しました。まずアカウントを確認してください`,
      strictBroken: '--strict: 入力に、壊れた JSON か SendGrid のイベントを含まない JSON があります',
      strictEmpty: '--strict: 何も読み込めませんでした。入力に SendGrid のイベントがありません',
      cannotRead: (file, problem) => `${file} を読み込めません: ${problem}`,
      problems: {
        missing: 'ファイルがありません',
        directory: 'ログファイルではなくディレクトリです',
        permission: 'アクセス権がありません',
        'follow-gzip': 'gzip のデータは追記を追いかけられません。元のログを追いかけるか、パイプで渡してください: zcat FILE | sgtrail ... -f',
        // zlib's own text is English: its code (Z_DATA_ERROR, Z_BUF_ERROR) says the same.
        corruptGzip: (p) => `gzip データが壊れています(${p.code})`,
      },
      cannotWrite: (detail) => `出力を書き込めません: ${detail}`,
      outOfMemory: (limitMb) =>
        `メモリ不足: 入力の受信者メッセージが多すぎて、Node のヒープ上限 ${limitMb} MB では集計できません。\n` +
        '入力を分けて読むか(1日1ファイルなど)、Node のヒープを増やしてください: NODE_OPTIONS=--max-old-space-size=16384 sgtrail ...\n' +
        '--follow では、--retain を短くすると(72時間以上、かつ --attach-window 以上)保持するメッセージが減ります。\n' +
        'または DuckDB に同じルールを適用させてください(必要に応じてディスクを使います)。NDJSON のイベントか POST の本文を読めます(ほかの形式のログは先に sgtrail events で変換してください):\n' +
        "  sgtrail sql --dialect duckdb --files 'logs/*.ndjson.gz' --report | duckdb\n",
      noMatch: (asked) => `入力に ${asked} に一致するメッセージはありません`,
      outsideWindow: (n, asked, span) =>
        `${asked} に一致するメッセージ${n === 1 ? '' : ` ${n}件`}は --since/--until の範囲外です${span ? `: ${span}` : ''}`,
      otherVerdicts: (n, asked) => `${asked} に一致するメッセージ${n === 1 ? '' : ` ${n}件`}は、別の判定か、エラーメール一覧に載らないものです`,
      span: (first, last) => `${first} から ${last}`,
      emptyWindow: (since, until, span) =>
        `--since/--until(${since ?? '入力の最初'} から ${until ?? '入力の最後'})に入るイベントがありません${span ? `。入力の範囲は ${span} です` : ''}`,
      progress: (read, of, percent, rate) => `読み込み中 ${read}${of === null ? '' : ` / ${of}(${percent}%)`}、毎秒 ${rate} イベント`,
      failOnAccount: (condition, count) => `--fail-on ${condition} が成立: アカウント状態の変更イベントが ${formatCount(count)}件`,
      failOnFeedback: (condition, count, total, share, term) =>
        `--fail-on ${condition} が成立: 配信済みメッセージ ${formatCount(total)}件のうち ${formatCount(count)}件${share === null ? '' : `(${share}%)`}が ${term}`,
      failOnMessages: (condition, count, total, share, name) =>
        `--fail-on ${condition} が成立: メッセージ ${formatCount(total)}件のうち ${formatCount(count)}件${share === null ? '' : `(${share}%)`}が ${name}`,
      follow: {
        waiting: (path) => `${path} はまだありません。作成を待っています`,
        appeared: (path) => `${path} が作成されました。追いかけます`,
        rotated: (path) => `${path} が置き換えられました(ローテーション)。新しいファイルを追いかけます`,
        truncated: (path) => `${path} が切り詰められました。先頭から読み直します`,
      },
      inputEnded: '絞り込みに一致するメッセージが見つかる前に、入力が終わりました',
    },

    help: {
      program: 'SendGrid の Event Webhook のログを読み、「エラー」のうち本当に失敗したものと、配信済みの後にバウンスしたものを見分けます。',
      commands: {
        events: '正規化したイベントを NDJSON で出力(message_id と出どころ file:line 付き)',
        messages: '受信者メッセージごとに1行、判定付き(端末では表、パイプではタブ区切り)',
        timeline: '一致したメッセージのイベントを順に、間隔・出どころ・判定とともに表示',
        report: 'エラーメール一覧の見え方と実際の結果。判定・理由・ドメインごとの件数',
        sql: '判定のルールを DuckDB か PostgreSQL の SQL 1文として出力(イベントのテーブル、または DuckDB では NDJSON ファイルが対象)',
        explain: 'バウンスや遅延の理由の文を分類: 分類、恒久性、アドレスの良否、転送先、対処',
        completion: 'シェルの補完スクリプトを出力: bash、zsh、fish',
      },
      arguments: {
        files: 'ログファイル(gzip は中身で判別)、- で標準入力。指定がなければ標準入力',
        reasons: '理由の文。指定がなければ標準入力の各行',
        shell: 'bash、zsh、fish のいずれか',
      },
      options: {
        email: 'この受信者だけ(複数指定可、大文字小文字を区別しない。<addr>、"Name <addr>"、mailto: の形のまま貼り付け可)',
        message: 'この X-Message-Id、sg_message_id(前方一致)、smtp-id、<Message-ID> だけ(複数指定可)',
        category: 'このカテゴリーで送信したメッセージだけ(複数指定可)',
        domain: 'このドメインかそのサブドメインの受信者だけ(複数指定可)',
        verdict: (all) => `これらの判定だけ: ${all}`,
        errors: '単純なエラーメール一覧に載るメッセージだけ(遅延、ドロップ、バウンスのいずれかがあるもの)',
        since: 'TIME 以降のイベントがあるメッセージ(ISO 8601、エポック秒かミリ秒、today、yesterday、24h か -24h 前、7d)',
        until: 'TIME より前のイベントがあるメッセージ',
        attachWindow: 'ID のないバウンスを、配信からどれだけ後まで元のメッセージに結び付けるか',
        json: 'NDJSON で出力、1行に1オブジェクト(フィールド名は固定)',
        tz: '人が読む出力のタイムゾーン(IANA 名。既定は TZ かマシンのタイムゾーン)',
        lang: '人が読む出力の言語: en か ja(既定は SGTRAIL_LANG、なければ LC_ALL、LC_MESSAGES、LANG が ja_* なら ja)。JSON、TSV、CSV は変わりません',
        redact: 'メールアドレスをすべて、ドメインを残した固定の仮名に置き換える',
        color: '色を付ける',
        noColor: '色を付けない',
        strict: 'JSON の入力が壊れているか SendGrid のイベントがないとき、終了コード 4 で終わる',
        quiet: '標準エラーに警告やスキップした入力のまとめを出さない',
        follow: '入力が増えるのを読み続け(tail -F のように、ファイルの作成を待ち、ローテーションと切り詰めを追う)、変化ごとに出力',
        retain:
          '--follow で、最新イベントが読んだ最新のイベントよりこれだけ古くなったメッセージを手放す(既定は 8d、または --attach-window に1日足した長さ。72時間以上、かつ --attach-window 以上)',
        failOn:
          '条件が成立したら終了コード 1: VERDICT>N か VERDICT>P%(>= も可)、カンマ区切り。VERDICT には failed、after-delivery、pending、recovered、error-list も使えます',
        format: '出力形式',
        reportJson: '--format json と同じ',
        top: 'ドメイン、転送先、要確認の表の行数',
        dialect: 'duckdb か postgres',
        events: '生のイベントのテーブルかビュー、schema.table の形も可(既定は sendgrid_events)',
        files: 'DuckDB のみ: NDJSON か JSON 配列のファイル(glob、.gz も可)を DuckDB 自身が読む',
        seq: '到着順を表す列(なければ時刻順)',
        missing: 'テーブルにない省略可能な列、カンマ区切り',
        report: 'エラーメール一覧と実際の結果を判定ごとに1行で',
        recipient: 'メッセージの受信者: 理由の文にある別のアドレスは転送先として扱う',
        help: 'コマンドの使い方を表示',
        version: 'バージョンを表示',
      },
      helpCommand: 'コマンドの使い方を表示',
      titles: { usage: '使い方:', arguments: '引数:', options: 'オプション:', commands: 'コマンド:' },
      defaultIs: '既定: ',
      choicesAre: '選択肢: ',
    },

    usage: {
      helpHint: (command) => `(使い方は sgtrail ${command === null ? '' : `${command} `}--help で確認できます)`,
      timelineNeedsSelection: 'timeline には --email ADDR か --message ID の指定が必要です',
      explainNeedsReason: 'explain には REASON 引数か、標準入力からの理由の行が必要です',
      completionShell: (shell) => `completion ${JSON.stringify(shell)}: bash、zsh、fish のいずれかを指定してください`,
      retainWithoutFollow: '--retain は --follow と一緒にだけ使えます',
      retainUnderWindow: (value) => `--retain ${value} は --attach-window より短いです。遅れて届いたバウンスの時点で、そのメッセージはもう手放されています`,
      retainUnderExpiry: (value) => `--retain ${value} は72時間より短いです。遅延中のメッセージが再送期限切れになる前に手放されます`,
      duration: (flag, value) => `${flag} ${JSON.stringify(value)}: 48h や 7d のような期間を指定してください`,
      empty: (flag, value, what) =>
        `${flag} ${JSON.stringify(value)}: 空ではなく${{ address: 'アドレス', 'message-id': 'メッセージ ID', category: 'カテゴリー', domain: 'ドメイン' }[what]}を指定してください`,
      verdict: (name, all) => `--verdict ${JSON.stringify(name)}: 次のいずれかを指定してください: ${all}`,
      sinceAfterUntil: (since, until) => `--since ${JSON.stringify(since)} が --until ${JSON.stringify(until)} より後です`,
      noInput: '入力がありません。FILE(または -)を指定するか、ログを sgtrail にパイプで渡してください',
      top: (value) => `--top ${JSON.stringify(value)}: 1以上の整数(行数)を指定してください`,
      twoFormats: (format) => `--json と --format ${format} で2つの形式を指定しています。どちらか一方にしてください`,
      failOnEmpty: (text) => `--fail-on ${JSON.stringify(text)}: 条件が空です`,
      failOnShape: (text) => `--fail-on ${JSON.stringify(text)}: NAME>N か NAME>P%(>= も可)の形で書いてください。例: failed>5%、bounced>=10`,
      failOnName: (text, name, names) =>
        `--fail-on ${JSON.stringify(text)}: ${JSON.stringify(name)} は、判定(${names.verdicts})、グループ(${names.groups})、error-list、反応(${names.feedback})、account_status_change のいずれでもありません`,
      failOnShareOver: (text) => `--fail-on ${JSON.stringify(text)}: 割合は100%以下です`,
      failOnAccountShare: (text) =>
        `--fail-on ${JSON.stringify(text)}: アカウント状態の変更は割合ではなく件数で数えます。account_status_change>0 と書いてください`,
      timeRange: (flag, value) => `${flag} ${JSON.stringify(value)}: 扱える日付の範囲外です`,
      noSuchTime: (flag, value) => `${flag} ${JSON.stringify(value)}: そのような日時はありません`,
      timeShape: (flag, value) =>
        `${flag} ${JSON.stringify(value)}: ISO 8601(2026-11-18T09:00Z)、エポック秒かミリ秒、today、yesterday、24h / 7d(前)のいずれかで指定してください`,
      zone: (zone) => `--tz ${JSON.stringify(zone)}: IANA のタイムゾーンではありません(例: UTC、Europe/Berlin、Asia/Tokyo)`,
      lang: (lang) => `--lang ${JSON.stringify(lang)}: ja か en を指定してください`,
      sqlDialect: (dialect) => `sql --dialect ${JSON.stringify(dialect)}: duckdb か postgres を指定してください`,
      sqlFilesPostgres: 'sql --files: ファイルを自分で読めるのは DuckDB だけです。PostgreSQL ではイベントをテーブルに読み込んでください',
      sqlFilesAndEvents: 'sql: --files と --events はどちらか一方だけ指定してください',
      sqlSeqWithFiles: 'sql --seq: ファイルはその中の順序で読まれます',
      sqlMissing: (unknown, optional) => `sql --missing ${unknown}: 欠けていてよいのは省略可能な列だけです(${optional})`,
      sqlName: (detail) => `sql の引数が正しくありません: ${detail}`,
      commander: {
        unknownOption: (option) => `不明なオプションです: '${option}'`,
        unknownCommand: (command) => `不明なコマンドです: '${command}'`,
        missingArgument: (name) => `必須の引数 '${name}' がありません`,
        optionMissingArgument: (option) => `オプション '${option}' の値がありません`,
        missingMandatoryOption: (option) => `必須のオプション '${option}' が指定されていません`,
        excessArguments: (command, expected, got) => `${command === null ? '' : `${command} の`}引数が多すぎます: ${expected}個のところ ${got}個あります`,
        didYouMean: (suggestion, several) => `(${suggestion} ${several ? 'のいずれか' : 'のこと'}ですか?)`,
        invalidChoice: (option, value, choices) => `オプション '${option}' の値 '${value}' は使えません。次のいずれかを指定してください: ${choices}`,
      },
    },
  };
}

