import { AanleveringRow } from '@app/ingestion';

/** An aanleveringen row with a distinct, non-default value in every column. */
export const SAMPLE_AANLEVERING: AanleveringRow = Object.freeze({
  aanlevering_id: '3fb16485-ff06-875a-8000-1a2c6eadcfce',
  participant_id: 'dva-a',
  channel: 'kafka',
  received_at: '2026-11-30 15:13:45.574',
  kafka_topic: 'ketenlog.dva-a',
  kafka_partition: 3,
  kafka_offset: '18446744073709551615',
  message_chars: 306,
  line_count: 7,
  stored_count: 6,
  duplicate_count: 5,
  valid_count: 4,
  invalid_count: 2,
  rejected_count: 1,
  technisch_ok: true,
  message_error: '',
  functional_errors: { 'F-1': 2, 'F-2': 1 },
  processed_at: '2026-11-30 15:13:48.832',
}) as AanleveringRow;
