import { Option, type Command } from '@commander-js/extra-typings';
import type { Io } from '../commands/io.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { UsageError, type ExitCode } from '../commands/exit-codes.js';
import { parseFailOn } from './fail-on-arg.js';
import { FILES_HELP, messagesConfig, opt, withMessageOptions } from './options.js';

function parseTop(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError((u) => u.top(value));
  }
  return n;
}

/** Registers `sgtrail report` on the program (README.md#commands). */
export function addReportCommand(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  withMessageOptions(
    program
      .command('report')
      .description('what the error list shows vs what really happened, counts by verdict, reason and domain')
      .argument('[FILE...]', FILES_HELP),
  )
    .addOption(new Option('--format <FORMAT>', 'output format').choices(REPORT_FORMATS).default('text' as ReportFormat))
    .addOption(new Option('--json', 'the same as --format json'))
    .addOption(new Option('--top <N>', 'rows in the domain, forward-target and look-at-these tables').default('10'))
    .addOption(opt.failOn())
    .action(async (files, opts) => {
      const failOn = parseFailOn(opts.failOn ?? []);
      const top = parseTop(opts.top);
      const config = messagesConfig(files, opts, io);
      if (opts.json === true && opts.format !== 'text' && opts.format !== 'json') {
        const format = String(opts.format);
        throw new UsageError((u) => u.twoFormats(format));
      }
      const cfg = { ...config, format: opts.json === true ? ('json' as ReportFormat) : opts.format, top, failOn };
      const { runReport } = await import('../commands/report.js');
      setExit(await runReport(cfg, io));
    });
}
