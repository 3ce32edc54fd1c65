import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { Io } from './io.js';
import { runReport } from './report-command.js';
import type { ThreadData, ThreadMessage } from './report-thread.js';

/** The report thread (see report-thread.ts): runs `runReport` and forwards what it writes. */
const data = workerData as ThreadData;
if (parentPort === null) throw new Error('report-thread-entry runs only as a worker');
const port = parentPort;

function forward(kind: 'stdout' | 'stderr', isTTY: boolean): Writable & { isTTY: boolean } {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      const message: ThreadMessage = { kind, text: typeof chunk === 'string' ? chunk : chunk.toString('utf8') };
      port.postMessage(message);
      done();
    },
  });
  return Object.assign(stream, { isTTY });
}

const io: Io = {
  stdin: process.stdin,
  stdout: forward('stdout', data.stdoutTTY),
  stderr: forward('stderr', data.stderrTTY),
  env: data.env,
  now: () => Date.now(),
};
const code = await runReport(data.cfg, io);
port.postMessage({ kind: 'done', code } satisfies ThreadMessage);
