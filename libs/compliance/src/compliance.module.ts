import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { ComplianceCaseRepository } from './compliance-case.repository';
import { ComplianceCaseService } from './compliance-case.service';
import { ComplianceEvidenceRepository } from './compliance-evidence.repository';
import { ComplianceSignalSink } from './compliance-signal-sink.service';
import { ComplianceTimelineRepository } from './compliance-timeline.repository';
import { ComplianceWriter } from './compliance-writer.service';

/** Compliance cases and the signal sink for rule signals. Needs `PostgresModule`. */
@Module({
  imports: [WebhooksModule],
  providers: [
    ComplianceCaseRepository,
    ComplianceTimelineRepository,
    ComplianceEvidenceRepository,
    ComplianceWriter,
    ComplianceCaseService,
    ComplianceSignalSink,
  ],
  exports: [ComplianceCaseService, ComplianceSignalSink],
})
export class ComplianceModule {}
