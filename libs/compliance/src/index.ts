export {
  CASE_STATUSES,
  CASE_TRANSITIONS,
  CaseEvidence,
  CaseFilter,
  CasePatch,
  CaseStatus,
  CaseTimelineEntry,
  CaseTransition,
  ComplianceCase,
  ComplianceSignal,
  EVIDENCE_KINDS,
  EvidenceInput,
  EvidenceKind,
  NewCase,
  OBLIGATIONS,
  OBLIGATION_CODES,
  Obligation,
} from './compliance-case';
export { ComplianceCaseService } from './compliance-case.service';
export { ComplianceSignalSink, signalKey } from './compliance-signal-sink.service';
export { ComplianceError, ComplianceErrorCode } from './compliance.error';
export { ComplianceModule } from './compliance.module';
