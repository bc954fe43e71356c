import { JsonLogger } from '@app/observability';
import { CycleReport, RuleEvaluator } from './rule-evaluator.service';

/**
 * Runs evaluation cycles back to back at a fixed interval (never two at once: a cycle slower
 * than the interval delays the next instead of piling up).
 */
export class RuleScheduler {
  private readonly log = new JsonLogger('rule-worker');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  lastReport: CycleReport | undefined;
  lastSuccessMs: number | undefined;
  lastError: string | undefined;

  constructor(
    private readonly evaluator: RuleEvaluator,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Healthy when a cycle succeeded within three intervals (or none was due yet). */
  healthy(nowMs = Date.now(), startedMs = nowMs): boolean {
    const since = this.lastSuccessMs ?? startedMs;
    return nowMs - since <= Math.max(3 * this.intervalMs, 60_000);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        this.schedule(this.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const report = await this.evaluator.cycle();
      this.lastReport = report;
      this.lastSuccessMs = Date.now();
      this.lastError = undefined;
      this.log.debug('evaluation cycle done', {
        durationMs: report.durationMs,
        entities: report.entities,
        alerts: report.alerts.length,
        chainsChanged: report.finalized?.changed,
      });
    } catch (err) {
      this.lastError = (err as Error).message;
      this.log.error('evaluation cycle failed', err as Error);
    }
  }
}
