import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, SqlClient, decodeKeysetCursor, encodeKeysetCursor } from '@app/postgres';
import { randomUUID } from 'node:crypto';
import {
  CASE_TRANSITIONS,
  CaseChange,
  CaseEvidence,
  CaseFilter,
  CasePatch,
  CaseTimelineEntry,
  CaseTransition,
  ComplianceCase,
  EvidenceInput,
  NewCase,
} from './compliance-case';
import { CaseUpdate, ComplianceCaseRepository } from './compliance-case.repository';
import { ComplianceEvidenceRepository } from './compliance-evidence.repository';
import { ComplianceTimelineRepository } from './compliance-timeline.repository';
import { ComplianceWriter } from './compliance-writer.service';
import { ComplianceError, ComplianceErrorCode } from './compliance.error';

/** Compliance cases (nalevingsbeleid) from constatering to closure. */
@Injectable()
export class ComplianceCaseService {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly cases: ComplianceCaseRepository,
    private readonly timeline: ComplianceTimelineRepository,
    private readonly evidence: ComplianceEvidenceRepository,
    private readonly writer: ComplianceWriter,
  ) {}

  async open(input: NewCase, actor: string): Promise<ComplianceCase> {
    const created = await this.sql.transaction((tx) =>
      this.writer.createInTx(
        tx,
        {
          id: randomUUID(),
          participantId: input.participantId,
          obligation: input.obligation,
          title: input.title,
          facts: input.facts,
          source: 'manual',
          signalKey: null,
          createdBy: actor,
          createdAt: new Date(),
        },
        input.evidence ?? [],
      ),
    );
    this.writer.flushOutbox();
    return created as ComplianceCase;
  }

  async get(id: string, participantScope?: string): Promise<ComplianceCase> {
    const found = await this.cases.get(id);
    if (!found || (participantScope !== undefined && found.participantId !== participantScope)) {
      throw new ComplianceError(ComplianceErrorCode.NotFound, `No compliance case ${id}`);
    }
    return found;
  }

  async list(
    filter: CaseFilter,
    participantScope?: string,
  ): Promise<{ items: ComplianceCase[]; nextCursor?: string }> {
    const cursor = filter.cursor === undefined ? undefined : decodeKeysetCursor(filter.cursor);
    if (filter.cursor !== undefined && !cursor) {
      throw new ComplianceError(
        ComplianceErrorCode.InvalidInput,
        'cursor is not a cursor returned by this API',
      );
    }
    const rows = await this.cases.list(
      participantScope ? { ...filter, participant: participantScope } : filter,
      cursor,
    );
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeKeysetCursor(last) : undefined };
  }

  async timelineOf(id: string, participantScope?: string): Promise<CaseTimelineEntry[]> {
    await this.get(id, participantScope);
    return this.timeline.list(id);
  }

  async evidenceOf(id: string, participantScope?: string): Promise<CaseEvidence[]> {
    await this.get(id, participantScope);
    return this.evidence.list(id);
  }

  update(id: string, expectedVersion: number, patch: CasePatch, actor: string): Promise<ComplianceCase> {
    return this.writer.mutate(id, { actor, expectedVersion }, async (current) => {
      if (current.status !== 'recorded' && current.status !== 'hearing') {
        throw new ComplianceError(
          ComplianceErrorCode.InvalidTransition,
          `A ${current.status} case cannot be edited`,
        );
      }
      const update: Record<string, unknown> = {};
      const changes: CaseChange[] = [];
      for (const field of ['title', 'facts', 'obligation'] as const) {
        const to = patch[field];
        if (to === undefined || to === current[field]) continue;
        update[field] = to;
        changes.push({ kind: 'field-changed', data: { field, from: current[field], to } });
      }
      return { update: update as CaseUpdate, changes };
    });
  }

  transition(id: string, expectedVersion: number, t: CaseTransition, actor: string): Promise<ComplianceCase> {
    return this.writer.mutate(id, { actor, expectedVersion }, async (current, _tx, now) => {
      const allowed = CASE_TRANSITIONS[current.status];
      if (!allowed.includes(t.to)) {
        throw new ComplianceError(
          ComplianceErrorCode.InvalidTransition,
          `A case cannot go from ${current.status} to ${t.to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (final status)'}`,
        );
      }
      const update: { -readonly [K in keyof CaseUpdate]: CaseUpdate[K] } = { status: t.to };
      const extra: Record<string, unknown> = {};
      if (t.to === 'hearing') {
        if (!t.responseDueAt || t.responseDueAt <= now) {
          throw new ComplianceError(
            ComplianceErrorCode.InvalidInput,
            'Hoor en wederhoor needs responseDueAt: a future date by which the participant responds',
          );
        }
        update.responseDueAt = t.responseDueAt;
        extra.responseDueAt = t.responseDueAt.toISOString();
      }
      if (t.to === 'decided') {
        if (!t.decision)
          throw new ComplianceError(ComplianceErrorCode.InvalidInput, 'A decision needs the decision text');
        update.decision = t.decision;
        update.measure = t.measure ?? null;
        Object.assign(extra, { decision: t.decision, measure: t.measure ?? null });
      }
      if (t.to === 'closed' || t.to === 'withdrawn') update.closedAt = now;
      return {
        update,
        changes: [
          {
            kind: 'status-changed',
            data: { from: current.status, to: t.to, reason: t.reason ?? null, ...extra },
          },
        ],
      };
    });
  }

  /** Hoor en wederhoor: the participant's own response, or staff recording it on its behalf. */
  respond(id: string, text: string, actor: string, participantScope?: string): Promise<ComplianceCase> {
    return this.writer.mutate(id, { actor, participantScope }, async (current) => {
      if (current.status !== 'hearing') {
        throw new ComplianceError(
          ComplianceErrorCode.InvalidTransition,
          `Responses are taken while the case is in hoor en wederhoor (it is ${current.status})`,
        );
      }
      return {
        changes: [{ kind: 'participant-response', data: { text, onBehalf: participantScope === undefined } }],
      };
    });
  }

  attachEvidence(id: string, items: EvidenceInput[], actor: string): Promise<ComplianceCase> {
    return this.writer.mutate(id, { actor }, async (current) => {
      if (current.status === 'closed' || current.status === 'withdrawn') {
        throw new ComplianceError(
          ComplianceErrorCode.InvalidTransition,
          `A ${current.status} case takes no new evidence`,
        );
      }
      return { changes: [], evidence: items };
    });
  }
}
