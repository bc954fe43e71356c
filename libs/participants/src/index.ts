export { PARTICIPANT_ID_PATTERN, Participant, ParticipantRole, Zorgaanbieder } from './participant';
export { ParticipantDirectory } from './participant-directory';
export { ParticipantsSnapshot, parseParticipantsSnapshot, readParticipantsFile } from './participants-file';
export { PARTICIPANT_DIRECTORY, ParticipantsModule } from './participants.module';
export {
  ParsedOcl,
  ParsedZal,
  endpointHost,
  parseOAuthclientlist,
  parseZorgaanbiederslijst,
} from './medmij-list.parser';
export { ParticipantError, ParticipantErrorCode } from './participant.error';
export { ImportRecord, ParticipantImportRepository } from './participant-import.repository';
export { ParticipantImportService } from './participant-import.service';
export { ParticipantRegistryService } from './participant-registry.service';
export { ParticipantsRegistryModule } from './participants-registry.module';
export {
  Contact,
  ContactKind,
  GegevensdienstEndpoints,
  ImportReport,
  ListChange,
  ParticipantInput,
  RegistryParticipant,
  ZorgaanbiederRecord,
} from './registry';
