import { ClickHouseService } from '@app/clickhouse';
import { chDateTime } from '@app/chains';

export interface AlertState {
  readonly entity: string;
  readonly rule: string;
  readonly tier: string;
  readonly state: 'firing' | 'cleared';
  readonly severity: string;
  readonly summary: string;
  readonly changedAt: string;
}

const ALL = `
  SELECT entity, rule, tier, state, severity, summary, toUnixTimestamp64Milli(changed_at) AS changed_ms
  FROM {{db}}.rule_alert_states FINAL`;
const FIRING = `${ALL} WHERE state = 'firing' ORDER BY changed_at DESC LIMIT 10000`;
const OF_ENTITY = `${ALL} WHERE entity = {entity:String} ORDER BY rule, tier`;

interface Row {
  entity: string;
  rule: string;
  tier: string;
  state: 'firing' | 'cleared';
  severity: string;
  summary: string;
  changed_ms: string;
}

const toState = (r: Row): AlertState => ({
  entity: r.entity,
  rule: r.rule,
  tier: r.tier,
  state: r.state,
  severity: r.severity,
  summary: r.summary,
  changedAt: new Date(Number(r.changed_ms)).toISOString(),
});

/** rule_alert_states: the last state each alert key was handed over in. */
export class AlertStateRepository {
  private readonly allSql: string;
  private readonly firingSql: string;
  private readonly entitySql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.allSql = ch.sql(ALL);
    this.firingSql = ch.sql(FIRING);
    this.entitySql = ch.sql(OF_ENTITY);
  }

  async all(): Promise<AlertState[]> {
    return (await this.ch.query<Row>(this.allSql)).map(toState);
  }

  async firing(): Promise<AlertState[]> {
    return (await this.ch.query<Row>(this.firingSql)).map(toState);
  }

  async ofEntity(entity: string): Promise<AlertState[]> {
    return (await this.ch.query<Row>(this.entitySql, { entity })).map(toState);
  }

  async save(states: readonly Omit<AlertState, 'changedAt'>[], nowMs: number): Promise<void> {
    await this.ch.insert(
      'rule_alert_states',
      states.map((s) => ({ ...s, changed_at: chDateTime(nowMs) })),
    );
  }
}
