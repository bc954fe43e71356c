import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BatchCheck, BatchCheckSettings, CheckedBatch } from './batch-check';
import { IntakeError, IntakeErrorCode } from './intake.error';

interface Pending {
  resolve(value: { body: Buffer; result: CheckedBatch }): void;
  reject(err: Error): void;
}

interface Reply {
  id: number;
  body: Uint8Array;
  result?: CheckedBatch;
  error?: { code?: IntakeErrorCode; message: string; details?: Record<string, unknown> };
}

/**
 * Runs the technical check of batches on worker threads, so one intake process checks several
 * batches at once instead of one per event-loop turn. The batch's bytes are moved to the worker
 * and back (no copy) when the buffer owns its memory. With `workers = 0`, or where the compiled
 * worker is not available (tests run the TypeScript sources), it checks inline.
 */
export class BatchCheckPool {
  private readonly inline: BatchCheck;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;

  constructor(settings: BatchCheckSettings, workers: number) {
    this.inline = new BatchCheck(settings);
    const script = join(__dirname, 'batch-check.worker.js');
    if (workers <= 0 || !existsSync(script)) return;
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(script, { workerData: settings });
      worker.on('message', (reply: Reply) => this.settle(reply));
      worker.on('error', (err) => this.failAll(err));
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Checks `body`; resolves with the (same bytes) buffer to use from now on and the result. */
  check(body: Buffer): Promise<{ body: Buffer; result: CheckedBatch }> {
    if (this.workers.length === 0) return Promise.resolve({ body, result: this.inline.check(body) });
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length];
    const owns = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const view = owns ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
    // Referenced while a check is pending (a process waiting on it must not exit), idle otherwise.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, body: view }, [view.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) for (const w of this.workers) w.unref();
    const body = Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength);
    if (reply.result) pending.resolve({ body, result: reply.result });
    else if (reply.error?.code)
      pending.reject(new IntakeError(reply.error.code, reply.error.message, reply.error.details));
    else pending.reject(new Error(reply.error?.message ?? 'the batch check failed'));
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
