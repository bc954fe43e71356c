import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActionStatus, IncidentAction, IncidentEvaluation, IncidentStatus } from './incident';
import { IncidentError, IncidentErrorCode } from './incident.error';
import { IncidentActionRepository } from './incident-action.repository';
import { IncidentEvaluationRepository } from './incident-evaluation.repository';
import { IncidentWriter } from './incident-writer.service';
import { IncidentService } from './incident.service';

const REVIEWABLE: readonly IncidentStatus[] = ['resolved', 'closed'];

export interface EvaluationInput {
  readonly summary: string;
  readonly rootCause?: string;
  readonly lessonsLearned?: string;
}

export interface ActionInput {
  readonly description: string;
  readonly owner?: string;
  readonly dueAt?: Date;
}

/** The post-incident review (evaluation) and its follow-up actions; both land in the timeline. */
@Injectable()
export class IncidentReviewService {
  constructor(
    private readonly incidentService: IncidentService,
    private readonly evaluations: IncidentEvaluationRepository,
    private readonly actions: IncidentActionRepository,
    private readonly writer: IncidentWriter,
  ) {}

  async evaluation(id: string, participantScope?: string): Promise<IncidentEvaluation | null> {
    await this.incidentService.get(id, participantScope);
    return (await this.evaluations.get(id)) ?? null;
  }

  async recordEvaluation(
    id: string,
    input: EvaluationInput,
    actor: string,
    expectedVersion?: number,
  ): Promise<IncidentEvaluation> {
    const evaluation: IncidentEvaluation = {
      summary: input.summary,
      rootCause: input.rootCause ?? '',
      lessonsLearned: input.lessonsLearned ?? '',
      recordedBy: actor,
      recordedAt: new Date(),
    };
    await this.writer.mutate(id, { actor, expectedVersion }, async (current, tx) => {
      if (!REVIEWABLE.includes(current.status)) {
        throw new IncidentError(
          IncidentErrorCode.InvalidTransition,
          `An evaluation is recorded once the incident is resolved (it is ${current.status})`,
        );
      }
      await this.evaluations.upsert(tx, id, evaluation);
      const { summary, rootCause, lessonsLearned } = evaluation;
      return { changes: [{ kind: 'evaluation-recorded', data: { summary, rootCause, lessonsLearned } }] };
    });
    return evaluation;
  }

  async listActions(id: string, participantScope?: string): Promise<IncidentAction[]> {
    await this.incidentService.get(id, participantScope);
    return this.actions.list(id);
  }

  async addAction(id: string, input: ActionInput, actor: string): Promise<IncidentAction> {
    const now = new Date();
    const action: IncidentAction = {
      id: randomUUID(),
      description: input.description,
      owner: input.owner ?? null,
      dueAt: input.dueAt ?? null,
      status: 'open',
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    await this.writer.mutate(id, { actor }, async (_current, tx) => {
      await this.actions.insert(tx, id, action);
      return {
        changes: [
          {
            kind: 'action-added',
            data: { actionId: action.id, description: action.description, owner: action.owner },
          },
        ],
      };
    });
    return action;
  }

  async setActionStatus(
    id: string,
    actionId: string,
    status: ActionStatus,
    actor: string,
  ): Promise<IncidentAction> {
    let result: IncidentAction | undefined;
    await this.writer.mutate(id, { actor }, async (_current, tx, now) => {
      const action = await this.actions.get(tx, id, actionId);
      if (!action)
        throw new IncidentError(IncidentErrorCode.ActionNotFound, `No action ${actionId} on incident ${id}`);
      result = action;
      if (action.status === status) return { changes: [] };
      result = await this.actions.setStatus(tx, actionId, status, now);
      return {
        changes: [
          { kind: 'action-updated', data: { actionId, field: 'status', from: action.status, to: status } },
        ],
      };
    });
    return result as IncidentAction;
  }
}
