import { interruptOutputs } from '../output/writer.js';
import { EXIT } from '../commands/exit-codes.js';
import { run } from './program.js';

/**
 * Ctrl-C (SIGINT): stop reading, end stdout on a whole record, exit 130 as a shell expects of an
 * interrupted command. Node's default would kill the process mid-write, leaving a cut line in a
 * file or pipe. A second Ctrl-C exits at once, for a reader that has stalled and never drains.
 */
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(EXIT.interrupted);
  interrupted = true;
  void interruptOutputs().then(() => process.exit(EXIT.interrupted));
});

// `sgtrail ... 2>&1 | head`: once the reader is gone, warnings and the summary are lost, not a crash.
process.stderr.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
});

const code = await run(process.argv, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => Date.now(),
});
process.exitCode = interrupted ? EXIT.interrupted : code;
