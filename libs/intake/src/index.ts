export { API_KEY_PATTERN, generateApiKey, parseApiKey } from './api-key';
export { ApiKeyRecord, ApiKeyRepository } from './api-key.repository';
export { ApiKeyService, CreatedApiKey, Submitter } from './api-key.service';
export { BatchCheck, BatchCheckSettings, CheckedBatch } from './batch-check';
export {
  CERTIFICATE_ID_PATTERN,
  CertificateMatch,
  PresentedCertificate,
  canonicalDn,
  certificateMatch,
  describeCertificate,
  normaliseFingerprint,
} from './client-certificate';
export { ClientCertificateRecord, ClientCertificateRepository } from './client-certificate.repository';
export { ClientCertificateService } from './client-certificate.service';
export { BatchSyntaxError, scanBatch } from './batch-scanner';
export { BodyHeaders, checkBodyHeaders, readBody } from './body-reader';
export { AanleveringView, LineView, RejectionView } from './feedback-views';
export { AanleveringDetail, FeedbackService, Page, actorOf } from './feedback.service';
export { IntakeCoreModule } from './intake-core.module';
export { INTAKE_RULES } from './intake-rules';
export { IntakeError, IntakeErrorCode, LineFailure } from './intake.error';
export { INTAKE_METRICS, IntakeMetrics } from './intake.metrics';
export { AcceptedBatch, IntakeService } from './intake.service';
export { KETENLOG_PRODUCER } from './intake.tokens';
export { KetenlogProducer, ProducerSettings } from './ketenlog-producer';
export { ParticipantAuthService } from './participant-auth.service';
export { RateLimiter } from './rate-limiter';
export { SourceLine, batches, readLines, sourceFiles } from './submit/line-source';
export { BatchOutcome, RejectedLine, SubmitOptions, submitBatch } from './submit/submit-client';
export { SubmitRun, runSubmit } from './submit/submit.command';
export { SubmitSummary, formatSummary, progressBar } from './submit/submit-summary';
export {
  ParticipantKafkaAccess,
  participantPrincipal,
  provisionParticipantKafkaAccess,
} from './kafka-access/participant-kafka-access';
export { ConfigCommandScramWriter, ScramCredentialWriter } from './kafka-access/scram-credential.writer';
