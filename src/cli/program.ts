import { Command, CommanderError, Help, type Option } from '@commander-js/extra-typings';
import type { Io } from '../commands/io.js';
import { EXIT, UsageError, type ExitCode, type UsageWords } from '../commands/exit-codes.js';
import { catalog, type Catalog, type Lang } from '../i18n/catalog.js';
import { langArg, langInArgv } from './lang-arg.js';
import { outOfMemoryNote } from '../commands/finish.js';
import { OutOfMemoryError } from '../ingest/heap-guard.js';
import { outputFailure } from '../output/writer.js';
import { sanitizeTerminal } from '../render/sanitize.js';
import { displayWidth, wrapColumns } from '../common/width.js';
import { parseFailOn } from './fail-on-arg.js';
import { followSettings, inputFiles, messagesConfig, optionFactories, parseDuration, withMessageOptions } from './options.js';
import { addReportCommand } from './report-options.js';
import { packageVersion } from './version.js';


/**
 * The commander program. Each action imports its command module when it runs, so that a quick
 * `sgtrail explain` does not load the table, report and grouping code.
 */
export function buildProgram(io: Io, setExit: (code: ExitCode) => void, lang: Lang = 'en'): Command {
  const t = catalog(lang);
  const u = t.usage;
  const h = t.help;
  const opt = optionFactories(h.options);
  const globalLang = (): string | undefined => (program.opts() as { lang?: string }).lang;
  const program = new Command()
    .name('sgtrail')
    .description(h.program)
    .version(packageVersion(), '-V, --version', h.options.version)
    .helpOption('-h, --help', h.options.help)
    .helpCommand('help [command]', h.helpCommand)
    // Before the command too (`sgtrail --lang ja report …`); a command's own --lang wins.
    .addOption(opt.lang())
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // commander echoes what was typed ("unknown option '…'"): shown, never obeyed.
      writeErr: (s) => io.stderr.write(sanitizeLines(s)),
      // One prefix for every error, commander's included, in the run's language.
      outputError: (s, write) => write(commanderMessage(s.replace(/^error: /, 'sgtrail: '), u)),
    });

  program
    .command('events')
    .description(h.commands.events)
    .argument('[FILE...]', h.arguments.files)
    .addOption(opt.strict())
    .addOption(opt.quiet())
    .addOption(opt.redact())
    .addOption(opt.lang())
    .action(async (files, opts) => {
      const config = {
        files: inputFiles(files, io),
        strict: opts.strict === true,
        quiet: opts.quiet === true,
        redact: opts.redact === true,
        lang: langArg(opts.lang ?? globalLang(), io.env),
      };
      const { runEvents } = await import('../commands/events.js');
      setExit(await runEvents(config, io));
    });

  withMessageOptions(
    program
      .command('messages')
      .description(h.commands.messages)
      .argument('[FILE...]', h.arguments.files),
    opt,
  )
    .addOption(opt.json())
    .addOption(opt.follow())
    .addOption(opt.retain())
    .addOption(opt.failOn())
    .action(async (files, opts) => {
      const config = { ...messagesConfig(files, { ...opts, lang: opts.lang ?? globalLang() }, io), failOn: parseFailOn(opts.failOn ?? []) };
      const live = followSettings(opts, config.attachWindow);
      if (live.follow) {
        const { runFollow } = await import('../commands/follow.js');
        setExit(await runFollow({ ...config, retain: live.retain }, io, 'messages'));
        return;
      }
      const { runMessages } = await import('../commands/messages.js');
      setExit(await runMessages(config, io));
    });

  withMessageOptions(
    program
      .command('timeline')
      .description(h.commands.timeline)
      .argument('[FILE...]', h.arguments.files),
    opt,
  )
    .addOption(opt.json())
    .addOption(opt.follow())
    .addOption(opt.retain())
    .action(async (files, opts) => {
      if ((opts.email ?? []).length === 0 && (opts.message ?? []).length === 0) {
        throw new UsageError((u) => u.timelineNeedsSelection);
      }
      const config = messagesConfig(files, { ...opts, lang: opts.lang ?? globalLang() }, io);
      const live = followSettings(opts, config.attachWindow);
      if (live.follow) {
        const { runFollow } = await import('../commands/follow.js');
        setExit(await runFollow({ ...config, retain: live.retain, failOn: [] }, io, 'timeline'));
        return;
      }
      const { runTimeline } = await import('../commands/timeline.js');
      setExit(await runTimeline(config, io));
    });

  addReportCommand(program, io, setExit, h, opt);

  program
    .command('sql')
    .description(h.commands.sql)
    .requiredOption('--dialect <NAME>', h.options.dialect)
    .option('--events <RELATION>', h.options.events)
    .option('--files <PATTERN>', h.options.files)
    .option('--seq <COLUMN>', h.options.seq)
    .option('--missing <COLUMNS>', h.options.missing)
    .option('--report', h.options.report)
    .addOption(opt.attachWindow())
    .addOption(opt.lang())
    .action(async (opts) => {
      langArg(opts.lang ?? globalLang(), io.env);
      const { runSql } = await import('../commands/sql.js');
      const config = {
        dialect: opts.dialect,
        events: opts.events ?? null,
        files: opts.files ?? null,
        seq: opts.seq ?? null,
        missing: (opts.missing ?? '').split(',').map((c) => c.trim()).filter((c) => c.length > 0),
        attachWindow: parseDuration(opts.attachWindow, '--attach-window'),
        report: opts.report === true,
      };
      setExit(runSql(config, io));
    });

  program
    .command('explain')
    .description(h.commands.explain)
    .argument('[REASON...]', h.arguments.reasons)
    .option('--recipient <ADDR>', h.options.recipient)
    .addOption(opt.json())
    .addOption(opt.redact())
    .addOption(opt.lang())
    .action(async (reasons, opts) => {
      if (reasons.length === 0 && io.stdin.isTTY) {
        throw new UsageError((u) => u.explainNeedsReason);
      }
      const { runExplain } = await import('../commands/explain.js');
      const config = { reasons, json: opts.json === true, redact: opts.redact === true, recipient: opts.recipient ?? null, lang: langArg(opts.lang ?? globalLang(), io.env) };
      setExit(await runExplain(config, io));
    });

  program
    .command('completion')
    .description(h.commands.completion)
    .argument('<SHELL>', h.arguments.shell)
    .addOption(opt.lang())
    .action(async (shell, opts) => {
      langArg(opts.lang ?? globalLang(), io.env);
      if (shell !== 'bash' && shell !== 'zsh' && shell !== 'fish') throw new UsageError((u) => u.completionShell(shell));
      const { runCompletion } = await import('../commands/completion.js');
      const spec = {
        commands: program.commands
          .filter((c) => c.name() !== 'completion')
          .map((c) => ({ name: c.name(), options: c.options.flatMap((o) => [o.long, o.short].filter((x): x is string => typeof x === 'string')) })),
      };
      setExit(await runCompletion(shell, spec, io));
    });

  // A mistake in a command's options points to that command's own help.
  program.showHelpAfterError(u.helpHint(null));
  for (const c of program.commands) c.showHelpAfterError(u.helpHint(c.name()));
  // commander's headings and option notes, in the run's language (the same words in English).
  const help = {
    styleTitle: (title: string) => helpTitle(title, h),
    // Japanese takes two columns a character and has no spaces to wrap at.
    displayWidth: (text: string) => displayWidth(text),
    boxWrap(this: Help, text: string, width: number): string {
      if (width < this.minWidthToWrap) return text;
      return text
        .split('\n')
        .map((line) => wrapColumns(line, width).join('\n'))
        .join('\n');
    },
    optionDescription(this: Help, option: Option): string {
      return helpNotes(Help.prototype.optionDescription.call(this, option), h);
    },
  };
  program.configureHelp(help);
  for (const c of program.commands) c.configureHelp(help);
  return program as unknown as Command;
}

/** commander's section headings (`Usage:`, `Options:`, …) in the catalogue's words. */
function helpTitle(title: string, h: Catalog['help']): string {
  const words: Record<string, string> = { 'Usage:': h.titles.usage, 'Arguments:': h.titles.arguments, 'Options:': h.titles.options, 'Commands:': h.titles.commands };
  return words[title] ?? title;
}

/** The `(choices: …, default: …)` after an option's description, in the catalogue's words. */
function helpNotes(description: string, h: Catalog['help']): string {
  return description.replace(/\((choices: .*|default: .*)\)$/, (notes) => notes.replace('choices: ', h.choicesAre).replace('default: ', h.defaultIs));
}

/**
 * commander's own error lines, said in the run's language: they are recognised by their fixed
 * English wording (commander 14), whatever they quote is kept; anything else passes unchanged.
 */
const COMMANDER_ERRORS: Array<[RegExp, (u: UsageWords, m: RegExpExecArray) => string]> = [
  [/^unknown option '(.*)'$/, (u, m) => u.commander.unknownOption(m[1] as string)],
  [/^unknown command '(.*)'$/, (u, m) => u.commander.unknownCommand(m[1] as string)],
  [/^missing required argument '(.*)'$/, (u, m) => u.commander.missingArgument(m[1] as string)],
  [/^option '(.*)' argument missing$/, (u, m) => u.commander.optionMissingArgument(m[1] as string)],
  [/^required option '(.*)' not specified$/, (u, m) => u.commander.missingMandatoryOption(m[1] as string)],
  [/^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (u, m) => u.commander.excessArguments(m[1] ?? null, Number(m[2]), Number(m[3]))],
  [/^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/, (u, m) => u.commander.invalidChoice(m[1] as string, m[2] as string, m[3] as string)],
  [/^\(Did you mean (one of )?(.*)\?\)$/, (u, m) => u.commander.didYouMean(m[2] as string, m[1] !== undefined)],
];

function commanderMessage(text: string, u: UsageWords): string {
  return text
    .split('\n')
    .map((line) => {
      const prefix = line.startsWith('sgtrail: ') ? 'sgtrail: ' : '';
      const body = line.slice(prefix.length);
      for (const [pattern, say] of COMMANDER_ERRORS) {
        const m = pattern.exec(body);
        if (m) return `${prefix}${say(u, m)}`;
      }
      return line;
    })
    .join('\n');
}

/** The subcommand the arguments name, if any (for the usage hint of our own errors). */
function commandOf(argv: readonly string[], program: Command): string | null {
  const names = new Set(program.commands.map((c) => c.name()));
  return argv.slice(2).find((a) => names.has(a)) ?? null;
}

/** Terminal-safe text that keeps its line breaks. */
function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeTerminal).join('\n');
}

/** Runs the CLI and returns the exit code; typed errors map to codes here, others are re-thrown. */
export async function run(argv: string[], io: Io): Promise<number> {
  let code: ExitCode = EXIT.ok;
  const lang = langInArgv(argv, io.env);
  const t = catalog(lang);
  const program = buildProgram(
    io,
    (c) => {
      code = c;
    },
    lang,
  );
  if (argv.length <= 2) {
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code);
      return ok ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof OutOfMemoryError) {
      io.stderr.write(outOfMemoryNote(err.limitMb, t));
      return EXIT.input;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`sgtrail: ${sanitizeTerminal(err.say(t.usage))}\n${t.usage.helpHint(commandOf(argv, program))}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  const failure = outputFailure();
  if (failure !== null) {
    io.stderr.write(`sgtrail: ${t.notes.cannotWrite(sanitizeTerminal(failure.message))}\n`);
    return EXIT.input;
  }
  return code;
}
