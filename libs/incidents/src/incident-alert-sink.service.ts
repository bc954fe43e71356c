import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { randomUUID } from 'node:crypto';
import { Alert, AlertOutcome, AlertRun, AlertSink, foldAlerts } from './alert';
import { Incident } from './incident';
import { IncidentChange } from './incident-change';
import { IncidentAlertRepository } from './incident-alert.repository';
import { IncidentRepository, IncidentUpdate } from './incident.repository';
import { IncidentWriter } from './incident-writer.service';

/** How many dedup keys of one submission are applied at the same time. */
const KEY_CONCURRENCY = 8;

/**
 * Turns alerts into incidents: the first firing alert of a dedup key opens an incident, later
 * ones update it (occurrences, new participants and trace ids), a cleared alert marks it and,
 * once every linked alert is cleared, starts the quiet period of the auto-resolver. The partial
 * unique index on open dedup keys guarantees one open incident per key under any concurrency.
 */
@Injectable()
export class IncidentAlertSink implements AlertSink {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly incidents: IncidentRepository,
    private readonly alerts: IncidentAlertRepository,
    private readonly writer: IncidentWriter,
  ) {}

  async submit(alerts: readonly Alert[], actor = 'system:rule-worker'): Promise<AlertOutcome[]> {
    const outcomes: AlertOutcome[] = new Array(alerts.length);
    const queue = [...foldAlerts(alerts)];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, runs] = next;
        for (const run of runs) {
          const outcome = await this.sql.transaction((tx) =>
            run.alert.state === 'firing' ? this.fire(tx, key, run, actor) : this.clear(tx, key, actor),
          );
          // A folded run opened at most one incident: its first alert did, the rest updated it.
          run.indexes.forEach((i, n) => {
            outcomes[i] = n > 0 && outcome.action === 'opened' ? { ...outcome, action: 'updated' } : outcome;
          });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(KEY_CONCURRENCY, queue.length) }, worker));
    } finally {
      this.writer.flushOutbox();
    }
    return outcomes;
  }

  private async fire(tx: Sql, key: string, run: AlertRun, actor: string): Promise<AlertOutcome> {
    const { alert } = run;
    const now = alert.observedAt ?? new Date();
    // Insert-or-update: if a concurrent transaction opened the incident first, the insert does
    // nothing and the next look-up (a fresh snapshot) finds and locks the winner's row.
    for (let tries = 0; tries < 3; tries++) {
      const open = await this.incidents.lockOpenByDedupKey(tx, key);
      if (open) return this.updateOpen(tx, open, key, run, actor, now);
      const created = await this.writer.createInTx(tx, this.newIncident(key, alert, actor, now), [
        {
          kind: 'alert-linked',
          data: { dedupKey: key, rule: alert.rule, entity: alert.entity, tier: alert.tier },
        },
      ]);
      if (created) {
        await this.alerts.insert(tx, created.id, {
          dedupKey: key,
          entity: alert.entity,
          rule: alert.rule,
          tier: alert.tier,
          summary: alert.summary ?? '',
          state: 'firing',
          occurrences: run.count,
          firstSeenAt: now,
          lastSeenAt: now,
        });
        return { dedupKey: key, incidentId: created.id, action: 'opened' };
      }
    }
    throw new Error(`Could not open or find the incident for alert ${key}`);
  }

  private async updateOpen(
    tx: Sql,
    open: Incident,
    key: string,
    run: AlertRun,
    actor: string,
    now: Date,
  ): Promise<AlertOutcome> {
    const { alert } = run;
    const changes: IncidentChange[] = [];
    const update: { -readonly [K in keyof IncidentUpdate]: IncidentUpdate[K] } = {};
    const linked = await this.alerts.get(tx, open.id, key);
    if (linked) {
      await this.alerts.recordFiring(tx, open.id, key, run.count, alert.summary ?? linked.summary, now);
      if (linked.state === 'cleared') changes.push({ kind: 'alert-refired', data: { dedupKey: key } });
    }
    if (open.alertsClearedAt !== null) update.alertsClearedAt = null;
    const participants = (alert.participants ?? []).filter((p) => !open.affectedParticipants.includes(p));
    if (participants.length > 0) {
      const to = [...open.affectedParticipants, ...new Set(participants)];
      update.affectedParticipants = to;
      changes.push({
        kind: 'field-changed',
        data: { field: 'affectedParticipants', from: open.affectedParticipants, to },
      });
    }
    const traceIds = [...new Set(alert.traceIds ?? [])].filter((t) => !open.traceIds.includes(t));
    if (traceIds.length > 0) {
      update.traceIds = [...open.traceIds, ...traceIds];
      changes.push({ kind: 'evidence-added', data: { traceIds } });
    }
    await this.writer.applyInTx(tx, open, { update, changes }, actor, now);
    return { dedupKey: key, incidentId: open.id, action: 'updated' };
  }

  private async clear(tx: Sql, key: string, actor: string): Promise<AlertOutcome> {
    const open = await this.incidents.lockOpenByDedupKey(tx, key);
    if (!open) return { dedupKey: key, incidentId: null, action: 'ignored' };
    const linked = await this.alerts.get(tx, open.id, key);
    if (!linked || linked.state === 'cleared')
      return { dedupKey: key, incidentId: open.id, action: 'ignored' };
    const now = new Date();
    await this.alerts.recordCleared(tx, open.id, key, now);
    const allCleared = (await this.alerts.countFiring(tx, open.id)) === 0;
    await this.writer.applyInTx(
      tx,
      open,
      {
        update: allCleared ? { alertsClearedAt: now } : {},
        changes: [{ kind: 'alert-cleared', data: { dedupKey: key, allCleared } }],
      },
      actor,
      now,
    );
    return { dedupKey: key, incidentId: open.id, action: 'cleared' };
  }

  private newIncident(key: string, alert: Alert, actor: string, now: Date) {
    return {
      id: randomUUID(),
      title: alert.title ?? `${alert.rule} on ${alert.entity} (${alert.tier})`,
      description: alert.summary ?? '',
      priority: alert.priority ?? (alert.tier === 'page' ? 'P2' : 'P3'),
      source: 'alert' as const,
      dedupKey: key,
      assignee: null,
      publicSummary: '',
      affectedParticipants: [...new Set(alert.participants ?? [])],
      affectedGegevensdiensten: [...new Set(alert.gegevensdiensten ?? [])],
      traceIds: [...new Set(alert.traceIds ?? [])],
      createdBy: actor,
      createdAt: now,
    };
  }
}
