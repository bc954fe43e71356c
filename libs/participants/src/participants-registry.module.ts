import { Module } from '@nestjs/common';
import { ParticipantContactRepository } from './participant-contact.repository';
import { ParticipantHostnameRepository } from './participant-hostname.repository';
import { ParticipantImportRepository } from './participant-import.repository';
import { ParticipantImportService } from './participant-import.service';
import { ParticipantRegistryService } from './participant-registry.service';
import { ParticipantRepository } from './participant.repository';
import { ZorgaanbiederRepository } from './zorgaanbieder.repository';

/** The PostgreSQL-backed participants registry and list import. Needs `PostgresModule`. */
@Module({
  providers: [
    ParticipantRepository,
    ParticipantHostnameRepository,
    ParticipantContactRepository,
    ZorgaanbiederRepository,
    ParticipantImportRepository,
    ParticipantRegistryService,
    ParticipantImportService,
  ],
  exports: [ParticipantRegistryService, ParticipantImportService, ParticipantImportRepository],
})
export class ParticipantsRegistryModule {}
