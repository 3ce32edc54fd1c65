import { interruptOutputs } from '../output/writer.js';
import { EXIT } from '../commands/exit-codes.js';
import { run } from './program.js';

/**
 * Ctrl-C (SIGINT) or SIGTERM: stop reading, end stdout on a whole record, exit 130 or 143 as a
 * shell expects of an interrupted command. Node's default would kill the process mid-write,
 * leaving a cut line in a file or pipe. A second signal exits at once, for a reader that has
 * stalled and never drains.
 */
let interrupted: number | null = null;
function stop(code: number): void {
  if (interrupted !== null) process.exit(interrupted);
  interrupted = code;
  void interruptOutputs().then(() => process.exit(code));
}
process.on('SIGINT', () => stop(EXIT.interrupted));
// SIGTERM (timeout, systemd, Kubernetes) is an interrupt too: whole records, then 128 + 15.
process.on('SIGTERM', () => stop(EXIT.terminated));

// `sgtrail ... 2>&1 | head`: once the reader is gone, warnings and the summary are lost, not a
// crash. Any other failure to write stderr (a full disk) cannot be reported there: exit 3.
let stderrFailed = false;
process.stderr.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  stderrFailed = true;
  // The error can arrive after the exit code below was set.
  if (interrupted === null) process.exitCode = EXIT.input;
});

// Not a top-level await: the bundle is CommonJS, which Node loads without its ES module loader
// (see scripts/build.mjs). Until the run settles the exit code is 1: a run that never settles, or
// fails unexpectedly, must not look like success to cron, whatever --unhandled-rejections says.
process.exitCode = 1;
void run(process.argv, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => Date.now(),
}).then((code) => {
  process.exitCode = interrupted ?? (stderrFailed ? EXIT.input : code);
  // A run that stopped before its input ended (`--follow | head`) leaves a read of stdin pending:
  // nothing needs stdin any more, and it must not keep the process alive.
  process.stdin.destroy();
}, (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
