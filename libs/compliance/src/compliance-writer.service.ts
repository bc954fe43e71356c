import { Inject, Injectable } from '@nestjs/common';
import { PG_FOREIGN_KEY_VIOLATION, SQL_CLIENT, Sql, SqlClient, hasSqlState } from '@app/postgres';
import { WebhookOutbox } from '@app/webhooks';
import { randomUUID } from 'node:crypto';
import { CaseChange, CaseEvidence, ComplianceCase, EvidenceInput } from './compliance-case';
import { CaseUpdate, ComplianceCaseRepository } from './compliance-case.repository';
import { ComplianceEvidenceRepository } from './compliance-evidence.repository';
import { ComplianceTimelineRepository } from './compliance-timeline.repository';
import { ComplianceError, ComplianceErrorCode } from './compliance.error';

export interface CaseMutation {
  readonly update?: CaseUpdate;
  readonly changes: CaseChange[];
  readonly evidence?: EvidenceInput[];
}

export interface CaseMutationOptions {
  readonly actor: string;
  readonly expectedVersion?: number;
  readonly participantScope?: string;
}

/**
 * The one path by which cases change: row lock, version check, fields, evidence, timeline and
 * webhook outbox in one transaction.
 */
@Injectable()
export class ComplianceWriter {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly cases: ComplianceCaseRepository,
    private readonly timeline: ComplianceTimelineRepository,
    private readonly evidence: ComplianceEvidenceRepository,
    private readonly outbox: WebhookOutbox,
  ) {}

  async mutate(
    id: string,
    options: CaseMutationOptions,
    decide: (current: ComplianceCase, tx: Sql, now: Date) => Promise<CaseMutation>,
  ): Promise<ComplianceCase> {
    const updated = await this.sql.transaction(async (tx) => {
      const current = await this.cases.lock(tx, id);
      if (
        !current ||
        (options.participantScope !== undefined && current.participantId !== options.participantScope)
      ) {
        throw new ComplianceError(ComplianceErrorCode.NotFound, `No compliance case ${id}`);
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
        throw new ComplianceError(
          ComplianceErrorCode.VersionConflict,
          `Case ${id} was changed by someone else (you have version ${options.expectedVersion}, current is ${current.version}); reload and retry`,
          { currentVersion: current.version },
        );
      }
      const now = new Date();
      return this.applyInTx(tx, current, await decide(current, tx, now), options.actor, now);
    });
    this.outbox.flush();
    return updated;
  }

  async applyInTx(
    tx: Sql,
    current: ComplianceCase,
    m: CaseMutation,
    actor: string,
    now: Date,
  ): Promise<ComplianceCase> {
    const changes = [...m.changes, ...(await this.addEvidence(tx, current.id, m.evidence ?? [], actor, now))];
    if (changes.length === 0) return current;
    const updated = await this.cases.update(tx, current.id, m.update ?? {}, now);
    await this.timeline.append(tx, current.id, actor, now, changes);
    await this.outbox.enqueue(tx, {
      type: changes.some((c) => c.kind === 'status-changed')
        ? 'compliance-case.status-changed'
        : 'compliance-case.updated',
      occurredAt: now,
      resource: { kind: 'compliance-case', id: current.id },
      data: { case: updated, changes, actor },
    });
    return updated;
  }

  /** Inserts a case with its evidence; undefined when an open case has the same signal key. */
  async createInTx(
    tx: Sql,
    c: Parameters<ComplianceCaseRepository['insert']>[1],
    evidence: EvidenceInput[],
  ): Promise<ComplianceCase | undefined> {
    let created: ComplianceCase | undefined;
    try {
      created = await this.cases.insert(tx, c);
    } catch (err) {
      if (hasSqlState(err, PG_FOREIGN_KEY_VIOLATION)) {
        throw new ComplianceError(
          ComplianceErrorCode.UnknownParticipant,
          `No participant ${c.participantId} in the registry`,
        );
      }
      throw err;
    }
    if (!created) return undefined;
    const changes: CaseChange[] = [
      {
        kind: 'created',
        data: { participantId: c.participantId, obligation: c.obligation, source: c.source },
      },
      ...(await this.addEvidence(tx, created.id, evidence, c.createdBy, c.createdAt)),
    ];
    await this.timeline.append(tx, created.id, c.createdBy, c.createdAt, changes);
    await this.outbox.enqueue(tx, {
      type: 'compliance-case.created',
      occurredAt: c.createdAt,
      resource: { kind: 'compliance-case', id: created.id },
      data: { case: created, changes, actor: c.createdBy },
    });
    return created;
  }

  flushOutbox(): void {
    this.outbox.flush();
  }

  private async addEvidence(
    tx: Sql,
    caseId: string,
    items: EvidenceInput[],
    actor: string,
    at: Date,
  ): Promise<CaseChange[]> {
    const changes: CaseChange[] = [];
    for (const item of items) {
      const e: CaseEvidence = { id: randomUUID(), description: '', ...item, addedBy: actor, addedAt: at };
      await this.evidence.insert(tx, caseId, e);
      changes.push({
        kind: 'evidence-added',
        data: { evidenceId: e.id, kind: e.kind, reference: e.reference },
      });
    }
    return changes;
  }
}
