import { RULES } from '../line-error';
import { LineRule } from './line-rule';

/** The component that logged the line must belong to the submitter, when its hostname is registered. */
export const locationNotOwnRule: LineRule = {
  id: RULES.locationNotOwn,
  evaluate: ({ locationParticipantId, participantId, line }) =>
    locationParticipantId !== undefined && locationParticipantId !== participantId
      ? {
          rule: RULES.locationNotOwn,
          pointer: '/event/location',
          message: `event.location ${line.event.location} belongs to participant ${locationParticipantId}, not to the submitter ${participantId}`,
        }
      : undefined,
};
