import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OPEN_STATUSES } from './incident';
import { IncidentAlertRepository } from './incident-alert.repository';
import { IncidentRepository } from './incident.repository';
import { IncidentWriter } from './incident-writer.service';

const ACTOR = 'system:auto-resolve';

/**
 * Resolves alert incidents whose alerts have all stayed cleared for the quiet period
 * (`INCIDENT_AUTO_RESOLVE_QUIET_SECONDS`; 0 switches it off). Runs on an interval from
 * application start; each incident is re-checked under its row lock before it is resolved.
 */
@Injectable()
export class AutoResolveScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AutoResolveScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly incidents: IncidentRepository,
    private readonly alerts: IncidentAlertRepository,
    private readonly writer: IncidentWriter,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.incidents.autoResolveQuietSeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.resolveQuietIncidents()
        .catch((err: Error) => {
          this.logger.error(`Auto-resolve failed: ${err.message}`);
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, this.config.incidents.autoResolveIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many incidents it resolved. */
  async resolveQuietIncidents(): Promise<number> {
    const quiet = this.config.incidents.autoResolveQuietSeconds;
    const due = await this.incidents.findAutoResolveDue(quiet, 100);
    let resolved = 0;
    for (const id of due) {
      await this.writer.mutate(id, { actor: ACTOR }, async (current, tx, now) => {
        const cleared = current.alertsClearedAt;
        const stillQuiet =
          OPEN_STATUSES.includes(current.status) &&
          cleared !== null &&
          now.getTime() - cleared.getTime() >= quiet * 1000 &&
          (await this.alerts.countFiring(tx, id)) === 0;
        if (!stillQuiet) return { changes: [] };
        resolved += 1;
        return {
          update: { status: 'resolved', resolvedAt: now },
          changes: [
            {
              kind: 'status-changed',
              data: { from: current.status, to: 'resolved', reason: `all alerts cleared for ${quiet} s` },
            },
          ],
        };
      });
    }
    return resolved;
  }
}
