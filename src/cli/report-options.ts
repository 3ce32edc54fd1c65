import { Option, type Command } from '@commander-js/extra-typings';
import type { Io } from '../commands/io.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { UsageError, type ExitCode } from '../commands/exit-codes.js';
import { parseFailOn } from './fail-on-arg.js';
import { messagesConfig, withMessageOptions, type OptionFactories } from './options.js';
import type { Catalog } from '../i18n/catalog.js';

function parseTop(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError((u) => u.top(value));
  }
  return n;
}

/** Registers `sgtrail report` on the program (README.md#commands). */
export function addReportCommand(program: Command, io: Io, setExit: (code: ExitCode) => void, help: Catalog['help'], opt: OptionFactories): void {
  withMessageOptions(
    program
      .command('report')
      .description(help.commands.report)
      .argument('[FILE...]', help.arguments.files),
    opt,
  )
    .addOption(new Option('--format <FORMAT>', help.options.format).choices(REPORT_FORMATS).default('text' as ReportFormat))
    .addOption(new Option('--json', help.options.reportJson))
    .addOption(new Option('--top <N>', help.options.top).default('10'))
    .addOption(opt.failOn())
    .action(async (files, opts) => {
      const failOn = parseFailOn(opts.failOn ?? []);
      const top = parseTop(opts.top);
      const config = messagesConfig(files, { ...opts, lang: opts.lang ?? (program.opts() as { lang?: string }).lang }, io);
      if (opts.json === true && opts.format !== 'text' && opts.format !== 'json') {
        const format = String(opts.format);
        throw new UsageError((u) => u.twoFormats(format));
      }
      const cfg = { ...config, format: opts.json === true ? ('json' as ReportFormat) : opts.format, top, failOn };
      const { runReport } = await import('../commands/report.js');
      setExit(await runReport(cfg, io));
    });
}
