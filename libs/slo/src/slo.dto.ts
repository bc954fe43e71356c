import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENTITY_KINDS } from './entity';

export class SloDefinitionDto {
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'OpenSLO-like document (apiVersion ketenmonitor.medmij/v1, kind SLO)' })
  document!: Record<string, unknown>;
}

export class SloDefinitionVersionDto extends SloDefinitionDto {
  @ApiProperty() deleted!: boolean;
  @ApiProperty() changedBy!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class PolicyStatusDto {
  @ApiProperty() policy!: string;
  @ApiProperty({ enum: ['page', 'ticket'] }) tier!: string;
  @ApiProperty() firing!: boolean;
  @ApiPropertyOptional({ nullable: true }) longBurn!: number | null;
  @ApiPropertyOptional({ nullable: true }) shortBurn!: number | null;
  @ApiPropertyOptional({ enum: ['minimum-traffic', 'insufficient-data'] }) suppressedBy?: string;
  @ApiProperty() longEvents!: number;
}

export class SloStatusDto {
  @ApiProperty() slo!: string;
  @ApiProperty() version!: number;
  @ApiProperty() sli!: string;
  @ApiProperty() entity!: string;
  @ApiProperty() target!: number;
  @ApiProperty({ enum: ['30d', 'month'] }) window!: string;
  @ApiProperty({ enum: ['ok', 'burning', 'insufficient_data', 'no_data'] }) state!: string;
  @ApiPropertyOptional({ nullable: true, description: 'good / total over the SLO window' }) ratio!:
    number | null;
  @ApiProperty() good!: number;
  @ApiProperty() total!: number;
  @ApiPropertyOptional({ nullable: true }) budgetRemaining!: number | null;
  @ApiProperty({ description: 'Burn rate per window (5m, 30m, 1h, 6h, 3d)' })
  burnRates!: Record<string, number | null>;
  @ApiProperty({ type: [PolicyStatusDto] }) policies!: PolicyStatusDto[];
  @ApiProperty({ description: 'page / ticket: firing, cleared or held (insufficient data)' })
  tiers!: Record<string, string>;
  @ApiPropertyOptional({ nullable: true }) ownLoggingShare!: number | null;
  @ApiProperty() reason!: string;
}

export class AlertStateDto {
  @ApiProperty() entity!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() tier!: string;
  @ApiProperty({ enum: ['firing', 'cleared'] }) state!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class EntityStatusDto {
  @ApiProperty({ example: 'dva:dva-huisartsnet' }) entity!: string;
  @ApiProperty({ enum: ENTITY_KINDS }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({
    description:
      'Figures over [from, to]: decided chains by outcome, outcome shares, availability, error rate, ' +
      'one-sided share, completeness, paired hops with latency buckets and p50/p95/p99',
  })
  range!: Record<string, unknown>;
  @ApiProperty({ type: [SloStatusDto], description: 'Every applicable SLO as of `to`' })
  slos!: SloStatusDto[];
  @ApiPropertyOptional({ nullable: true, description: 'DVP/DVA only: delivery freshness and clock skew' })
  participant!: Record<string, unknown> | null;
  @ApiProperty({ type: [AlertStateDto] }) alerts!: AlertStateDto[];
}
