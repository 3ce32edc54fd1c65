import { Chalk, type ChalkInstance } from 'chalk';
import { VERDICT_GROUP, type Verdict } from '../verdict/verdicts.js';

/** Colours for human output; level 0 when colour is off, decided once in the CLI. */
export interface Style {
  chalk: ChalkInstance;
  /** A verdict coloured by its group; `text` defaults to the identifier. */
  verdict(v: Verdict, text?: string): string;
  event(name: string, text?: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function makeStyle(color: boolean): Style {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const byGroup = {
    failed: chalk.red,
    'after-delivery': chalk.yellow,
    recovered: chalk.cyan,
    delivered: chalk.green,
    pending: chalk.magenta,
    other: chalk.gray,
  } as const;
  const byEvent: Record<string, (s: string) => string> = {
    processed: chalk.gray,
    deferred: chalk.magenta,
    delivered: chalk.green,
    bounce: chalk.red,
    dropped: chalk.red,
    open: chalk.blue,
    click: chalk.blue,
    spamreport: chalk.red,
    unsubscribe: chalk.yellow,
  };
  return {
    chalk,
    verdict: (v, text = v) => byGroup[VERDICT_GROUP[v]](text),
    // Own keys only: an event named `hasOwnProperty` or `__proto__` is just an unknown event.
    event: (name, text = name) => (Object.hasOwn(byEvent, name) ? (byEvent[name] as (s: string) => string) : chalk.white)(text),
    dim: (s) => chalk.dim(s),
    bold: (s) => chalk.bold(s),
  };
}
