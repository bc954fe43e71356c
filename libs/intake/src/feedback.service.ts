import { Injectable } from '@nestjs/common';
import { AccessAuditService, AuditActor } from '@app/audit';
import { Submitter } from './api-key.service';
import {
  AanleveringView,
  LineView,
  RejectionView,
  aanleveringView,
  lineView,
  rejectionView,
} from './feedback-views';
import {
  encodeAanleveringCursor,
  parseAanleveringId,
  parseAanleveringenQuery,
  parseLogsQuery,
} from './feedback-query';
import { IntakeError, IntakeErrorCode } from './intake.error';
import { encodeLineCursor } from './line-cursor';
import { ParticipantAanleveringenRepository } from './participant-aanleveringen.repository';
import { ParticipantLinesRepository } from './participant-lines.repository';
import { ParticipantRejectionsRepository } from './participant-rejections.repository';

export interface Page<T> {
  readonly items: T[];
  /** Pass back as `cursor` for the next page; absent when this page is the last one for now. */
  readonly nextCursor?: string;
}

export interface AanleveringDetail extends AanleveringView {
  readonly rejections: RejectionView[];
  /** Lines stored but flagged not valid, with the functional errors per line. */
  readonly invalidLines: {
    lineIndex: number;
    eventType: string;
    errors: { rule: string; message: string }[];
  }[];
}

const DETAIL_LIMIT = 1000;

/**
 * What a participant reads back: its own lines, deliveries and rejections, never anyone else's
 * (the participant is the credential's). Every read is recorded in the access audit before
 * the data is returned; a refused read is recorded as denied.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly lines: ParticipantLinesRepository,
    private readonly aanleveringen: ParticipantAanleveringenRepository,
    private readonly rejections: ParticipantRejectionsRepository,
    private readonly audit: AccessAuditService,
  ) {}

  async logs(submitter: Submitter, raw: Record<string, unknown>): Promise<Page<LineView>> {
    const q = parseLogsQuery(raw);
    const rows = await this.lines.find({
      participantId: submitter.participantId,
      fromMs: q.fromMs,
      toMs: q.toMs,
      valid: q.valid,
      aanleveringId: q.aanleveringId,
      after: q.after,
      limit: q.count,
    });
    const last = rows[rows.length - 1];
    const nextCursor =
      rows.length === q.count && last
        ? encodeLineCursor({
            receivedAtMs: Number(last.received_ms),
            aanleveringId: last.aanlevering,
            lineIndex: Number(last.line_index),
          })
        : undefined;
    await this.record(submitter, '/eagleeye/v1/logs', { query: raw, returned: rows.length });
    return { items: rows.map(lineView), ...(nextCursor ? { nextCursor } : {}) };
  }

  async list(submitter: Submitter, raw: Record<string, unknown>): Promise<Page<AanleveringView>> {
    const q = parseAanleveringenQuery(raw);
    const rows = await this.aanleveringen.find({
      participantId: submitter.participantId,
      fromMs: q.fromMs,
      toMs: q.toMs,
      before: q.before,
      limit: q.count,
    });
    const last = rows[rows.length - 1];
    const nextCursor =
      rows.length === q.count && last
        ? encodeAanleveringCursor(Number(last.received_ms), last.id)
        : undefined;
    await this.record(submitter, '/eagleeye/v1/aanleveringen', { query: raw, returned: rows.length });
    return { items: rows.map(aanleveringView), ...(nextCursor ? { nextCursor } : {}) };
  }

  async get(submitter: Submitter, rawId: string): Promise<AanleveringDetail> {
    const id = parseAanleveringId(rawId);
    const resource = `/eagleeye/v1/aanleveringen/${id}`;
    const row = await this.aanleveringen.get(submitter.participantId, id);
    if (!row) {
      // Another participant's id and an unknown one look the same: nothing leaks.
      await this.record(submitter, resource, { status: 404 }, 'denied');
      throw new IntakeError(
        IntakeErrorCode.NotFound,
        `aanlevering ${id} is not one of yours (or not processed yet)`,
      );
    }
    const [rejections, invalid] = await Promise.all([
      this.rejections.ofAanlevering(submitter.participantId, id, DETAIL_LIMIT),
      this.lines.find({
        participantId: submitter.participantId,
        aanleveringId: id,
        valid: false,
        limit: DETAIL_LIMIT,
      }),
    ]);
    await this.record(submitter, resource, {});
    return {
      ...aanleveringView(row),
      rejections: rejections.map(rejectionView),
      invalidLines: invalid.map((r) => {
        const v = lineView(r);
        return { lineIndex: v.lineIndex, eventType: r.event_type, errors: v.errors };
      }),
    };
  }

  private record(
    submitter: Submitter,
    resource: string,
    details: Record<string, unknown>,
    outcome: 'granted' | 'denied' = 'granted',
  ): Promise<void> {
    return this.audit.record(actorOf(submitter), 'read', resource, details, outcome);
  }
}

export function actorOf(submitter: Submitter): AuditActor {
  return {
    subject: submitter.credential,
    roles: ['participant'],
    participantId: submitter.participantId,
  };
}
