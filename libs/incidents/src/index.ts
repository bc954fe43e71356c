export { ALERT_SINK, Alert, AlertAction, AlertOutcome, AlertSink, alertDedupKey, foldAlerts } from './alert';
export { AutoResolveScheduler } from './auto-resolve.scheduler';
export {
  ActionStatus,
  INCIDENT_STATUSES,
  Incident,
  IncidentAction,
  IncidentEvaluation,
  IncidentFilter,
  IncidentPatch,
  IncidentStatus,
  NewIncident,
  OPEN_STATUSES,
  PRIORITIES,
  Page,
  Priority,
} from './incident';
export { IncidentChange, IncidentChangeKind, TimelineEntry } from './incident-change';
export { IncidentAlertRepository, LinkedAlert } from './incident-alert.repository';
export { IncidentAlertSink } from './incident-alert-sink.service';
export { PriorityStats } from './incident.repository';
export { IncidentMetrics, PRIORITY_TARGETS, incidentMetrics } from './incident-priority';
export { ActionInput, EvaluationInput, IncidentReviewService } from './incident-review.service';
export { INCIDENT_TRANSITIONS, canTransition } from './incident-status';
export { IncidentError, IncidentErrorCode } from './incident.error';
export { IncidentService, IncidentView } from './incident.service';
export { IncidentsModule } from './incidents.module';
