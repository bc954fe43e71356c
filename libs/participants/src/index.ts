export { PARTICIPANT_ID_PATTERN, Participant, ParticipantRole, Zorgaanbieder } from './participant';
export { ParticipantDirectory } from './participant-directory';
export { ParticipantsSnapshot, parseParticipantsSnapshot, readParticipantsFile } from './participants-file';
export { PARTICIPANT_DIRECTORY, ParticipantsModule } from './participants.module';
