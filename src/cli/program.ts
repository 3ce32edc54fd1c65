import { Command, CommanderError } from '@commander-js/extra-typings';
import { runEvents } from '../app/events-command.js';
import type { Io } from '../app/io.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';

const VERSION = '0.1.0';

/** No FILE and stdin is a terminal: there is nothing to read (SPEC section 2). */
function inputFiles(files: string[], io: Io): string[] {
  if (files.length === 0 && io.stdin.isTTY) {
    throw new UsageError('no input: give a FILE (or -), or pipe a log into sgtrail');
  }
  return files;
}

function addInputOptions<T extends Command<[string[]], Record<string, unknown>>>(cmd: T) {
  return cmd
    .option('--strict', 'exit 4 when JSON input is broken or holds no SendGrid event')
    .option('-q, --quiet', 'no warnings or skipped-input summary on stderr');
}

export function buildProgram(io: Io, setExit: (code: ExitCode) => void): Command {
  const program = new Command()
    .name('sgtrail')
    .description(
      'Read SendGrid Event Webhook logs: which "errors" really failed, which bounced after delivery.',
    )
    .version(VERSION)
    .showHelpAfterError('(run sgtrail --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  addInputOptions(
    program
      .command('events')
      .description('normalized events as NDJSON, with message_id and source (file:line)')
      .argument('[FILE...]', 'log files (gzip detected), - for stdin; stdin when none'),
  ).action(async (files, opts) => {
    setExit(
      await runEvents({ files: inputFiles(files, io), strict: opts.strict === true, quiet: opts.quiet === true }, io),
    );
  });

  return program as unknown as Command;
}

/** Runs the CLI and returns the exit code; typed errors map to codes here, others are re-thrown. */
export async function run(argv: string[], io: Io): Promise<number> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  if (argv.length <= 2) {
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`sgtrail: ${err.message}\n(run sgtrail --help for usage)\n`);
      return EXIT.usage;
    }
    throw err;
  }
  return code;
}
