import { PARTICIPANT_ID_PATTERN } from '@app/participants';

/**
 * The contract of the participant topics, in one place.
 * - name: `ketenlog.<participant-id>`, one per participant (ACLs stop writing as another);
 *   the collector derives the submitter from the topic, never from the payload;
 * - key: free (participants may key by trace_id to keep a chain in one partition);
 * - value: UTF-8 JSON, one line (object) or a batch (array of lines); one message = one aanlevering;
 * - headers (set by the HTTPS intake only): the aanlevering id it answered with, and the channel;
 * - timestamps are the broker's (LogAppendTime): `received_at` is when Kafka made it durable.
 */
export const KETENLOG_TOPIC_PREFIX = 'ketenlog.';
export const KETENLOG_TOPIC_PATTERN = /^ketenlog\./;
export const HEADER_AANLEVERING_ID = 'ketenmonitor-aanlevering-id';
export const HEADER_CHANNEL = 'ketenmonitor-channel';

/** Topic-level settings for participant topics (64 MiB messages: MedMij allows 60 MB batches). */
export const KETENLOG_TOPIC_CONFIG: ReadonlyArray<{ name: string; value: string }> = [
  { name: 'message.timestamp.type', value: 'LogAppendTime' },
  { name: 'max.message.bytes', value: String(64 * 1024 * 1024) },
  { name: 'retention.ms', value: String(7 * 24 * 3600 * 1000) },
];

export function ketenlogTopic(participantId: string): string {
  if (!PARTICIPANT_ID_PATTERN.test(participantId)) {
    throw new Error(`"${participantId}" is not a valid participant id (${PARTICIPANT_ID_PATTERN})`);
  }
  return `${KETENLOG_TOPIC_PREFIX}${participantId}`;
}

/** The participant a topic belongs to, or undefined when the name does not follow the contract. */
export function participantFromTopic(topic: string): string | undefined {
  if (!topic.startsWith(KETENLOG_TOPIC_PREFIX)) return undefined;
  const id = topic.slice(KETENLOG_TOPIC_PREFIX.length);
  return PARTICIPANT_ID_PATTERN.test(id) ? id : undefined;
}
