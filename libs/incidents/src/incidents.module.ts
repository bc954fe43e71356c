import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { ALERT_SINK } from './alert';
import { AutoResolveScheduler } from './auto-resolve.scheduler';
import { IncidentActionRepository } from './incident-action.repository';
import { IncidentAlertRepository } from './incident-alert.repository';
import { IncidentAlertSink } from './incident-alert-sink.service';
import { IncidentEvaluationRepository } from './incident-evaluation.repository';
import { IncidentRepository } from './incident.repository';
import { IncidentReviewService } from './incident-review.service';
import { IncidentService } from './incident.service';
import { IncidentTimelineRepository } from './incident-timeline.repository';
import { IncidentWriter } from './incident-writer.service';

/** Incidents, their timeline and review, and the {@link ALERT_SINK} for the rule worker. Needs `PostgresModule`. */
@Module({
  imports: [WebhooksModule],
  providers: [
    IncidentRepository,
    IncidentTimelineRepository,
    IncidentAlertRepository,
    IncidentEvaluationRepository,
    IncidentActionRepository,
    IncidentWriter,
    IncidentService,
    IncidentReviewService,
    IncidentAlertSink,
    { provide: ALERT_SINK, useExisting: IncidentAlertSink },
    AutoResolveScheduler,
  ],
  exports: [
    IncidentService,
    IncidentReviewService,
    IncidentAlertSink,
    ALERT_SINK,
    AutoResolveScheduler,
    IncidentAlertRepository,
  ],
})
export class IncidentsModule {}
