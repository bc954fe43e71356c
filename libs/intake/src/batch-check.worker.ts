import { parentPort, workerData } from 'node:worker_threads';
import { BatchCheck, BatchCheckSettings } from './batch-check';
import { IntakeError } from './intake.error';

/** Worker side of {@link BatchCheckPool}: checks one batch per message and hands the bytes back. */
const check = new BatchCheck(workerData as BatchCheckSettings);
parentPort?.on('message', ({ id, body }: { id: number; body: Uint8Array }) => {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  try {
    const result = check.check(buf);
    parentPort?.postMessage({ id, body, result }, [body.buffer as ArrayBuffer]);
  } catch (err) {
    const error =
      err instanceof IntakeError
        ? { code: err.code, message: err.message, details: err.details }
        : { message: (err as Error).message };
    parentPort?.postMessage({ id, body, error }, [body.buffer as ArrayBuffer]);
  }
});
