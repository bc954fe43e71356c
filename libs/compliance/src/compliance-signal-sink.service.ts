import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { randomUUID } from 'node:crypto';
import { ComplianceCase, ComplianceSignal, OBLIGATIONS } from './compliance-case';
import { ComplianceCaseRepository } from './compliance-case.repository';
import { ComplianceWriter } from './compliance-writer.service';

export function signalKey(s: Pick<ComplianceSignal, 'participantId' | 'obligation' | 'rule'>): string {
  return JSON.stringify([s.participantId, s.obligation, s.rule]);
}

/**
 * Opens a case from a rule signal, or adds the new facts to the open case of the same
 * (participant, obligation, rule), so a persisting breach is one case with a growing record.
 */
@Injectable()
export class ComplianceSignalSink {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly cases: ComplianceCaseRepository,
    private readonly writer: ComplianceWriter,
  ) {}

  async submit(
    signal: ComplianceSignal,
    actor = 'system:rule-worker',
  ): Promise<{ case: ComplianceCase; opened: boolean }> {
    const key = signalKey(signal);
    const result = await this.sql.transaction(async (tx) => {
      for (let tries = 0; tries < 3; tries++) {
        const open = await this.cases.lockOpenBySignalKey(tx, key);
        const now = new Date();
        if (open) {
          const updated = await this.writer.applyInTx(
            tx,
            open,
            {
              changes: [{ kind: 'signal-repeated', data: { rule: signal.rule, facts: signal.facts } }],
              evidence: signal.evidence,
            },
            actor,
            now,
          );
          return { case: updated, opened: false };
        }
        const created = await this.writer.createInTx(
          tx,
          {
            id: randomUUID(),
            participantId: signal.participantId,
            obligation: signal.obligation,
            title: `${OBLIGATIONS[signal.obligation]} (${signal.rule})`,
            facts: signal.facts,
            source: 'signal',
            signalKey: key,
            createdBy: actor,
            createdAt: now,
          },
          signal.evidence ?? [],
        );
        if (created) return { case: created, opened: true };
      }
      throw new Error(`Could not open or find the case for signal ${key}`);
    });
    this.writer.flushOutbox();
    return result;
  }
}
