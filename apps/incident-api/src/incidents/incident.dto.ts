import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { INCIDENT_STATUSES, IncidentStatus, PRIORITIES, Priority } from '@app/incidents';
import { CommaList, GEGEVENSDIENST_ID, PARTICIPANT_ID } from '../http/validation';

export class CreateIncidentDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) title!: string;
  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority!: Priority;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) assignee?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) publicSummary?: string;
  @ApiPropertyOptional({ type: [String], description: 'Participant ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PARTICIPANT_ID, { each: true })
  affectedParticipants?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Gegevensdienst ids, e.g. "48"' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(GEGEVENSDIENST_ID, { each: true })
  affectedGegevensdiensten?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Ketenlog trace ids (chains) as evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  traceIds?: string[];
}

export class UpdateIncidentDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ nullable: true, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(1, 200)
  assignee?: string | null;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) publicSummary?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PARTICIPANT_ID, { each: true })
  affectedParticipants?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(GEGEVENSDIENST_ID, { each: true })
  affectedGegevensdiensten?: string[];
}

export class TransitionDto {
  @ApiProperty({ enum: INCIDENT_STATUSES }) @IsIn(INCIDENT_STATUSES) to!: IncidentStatus;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ description: 'Target incident id when to = merged' })
  @IsOptional()
  @IsUUID()
  mergedInto?: string;
}

export class CommentDto {
  @ApiProperty({ maxLength: 10000 }) @IsString() @Length(1, 10_000) text!: string;
}

export class EvidenceDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  traceIds!: string[];
}

export class EvaluationDto {
  @ApiProperty({ maxLength: 10000 }) @IsString() @Length(1, 10_000) summary!: string;
  @ApiPropertyOptional({ maxLength: 10000 }) @IsOptional() @IsString() @MaxLength(10_000) rootCause?: string;
  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  lessonsLearned?: string;
}

export class ActionDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) description!: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) owner?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) dueAt?: string;
}

export class ActionStatusDto {
  @ApiProperty({ enum: ['open', 'done', 'dropped'] }) @IsIn(['open', 'done', 'dropped']) status!:
    'open' | 'done' | 'dropped';
}

export class ListIncidentsQuery {
  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'new,acknowledged' })
  @IsOptional()
  @CommaList()
  @IsIn(INCIDENT_STATUSES, { each: true })
  status?: IncidentStatus[];
  @ApiPropertyOptional({ description: 'Comma-separated priorities', example: 'P1,P2' })
  @IsOptional()
  @CommaList()
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];
  @ApiPropertyOptional() @IsOptional() @Matches(PARTICIPANT_ID) participant?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}
