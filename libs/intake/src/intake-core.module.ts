import { Module } from '@nestjs/common';
import { AccessAuditModule } from '@app/audit';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { ClientCertificateRepository } from './client-certificate.repository';
import { ClientCertificateService } from './client-certificate.service';
import { FeedbackService } from './feedback.service';
import { createIntakeKafka } from './intake-kafka.factory';
import { IntakeMetrics } from './intake.metrics';
import { IntakeService } from './intake.service';
import { KETENLOG_PRODUCER } from './intake.tokens';
import { KetenlogProducer } from './ketenlog-producer';
import { ParticipantAuthService } from './participant-auth.service';
import { ParticipantAanleveringenRepository } from './participant-aanleveringen.repository';
import { ParticipantLinesRepository } from './participant-lines.repository';
import { ParticipantRejectionsRepository } from './participant-rejections.repository';

/**
 * The participant intake and feedback: API keys and client certificates, the batch check and produce, and the
 * read-back of lines and aanleveringen. Needs from the application: ConfigModule, PostgresModule,
 * ClickHouseModule and ParticipantsModule (all global). Connects to Kafka only on first use.
 */
@Module({
  imports: [AccessAuditModule],
  providers: [
    {
      provide: KETENLOG_PRODUCER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new KetenlogProducer(createIntakeKafka(config), {
          producers: config.intake.producers,
          timeoutMs: config.intake.produceTimeoutMs,
          retryAfterSeconds: config.intake.retryAfterSeconds,
        }),
    },
    IntakeMetrics,
    IntakeService,
    ApiKeyRepository,
    ApiKeyService,
    ClientCertificateRepository,
    ClientCertificateService,
    ParticipantAuthService,
    ParticipantLinesRepository,
    ParticipantAanleveringenRepository,
    ParticipantRejectionsRepository,
    FeedbackService,
  ],
  exports: [
    KETENLOG_PRODUCER,
    IntakeService,
    ApiKeyService,
    ClientCertificateService,
    ParticipantAuthService,
    FeedbackService,
  ],
})
export class IntakeCoreModule {}
