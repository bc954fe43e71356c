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
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CASE_STATUSES,
  CaseStatus,
  EVIDENCE_KINDS,
  EvidenceKind,
  OBLIGATION_CODES,
  Obligation,
} from '@app/compliance';
import { CommaList, PARTICIPANT_ID } from '../http/validation';

export class EvidenceItemDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) @IsIn(EVIDENCE_KINDS) kind!: EvidenceKind;
  @ApiProperty({ description: 'Trace id, aanlevering id, saved query or note', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  reference!: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
}

export class EvidenceListDto {
  @ApiProperty({ type: [EvidenceItemDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence!: EvidenceItemDto[];
}

export class CreateCaseDto {
  @ApiProperty() @Matches(PARTICIPANT_ID) participantId!: string;
  @ApiProperty({ enum: OBLIGATION_CODES }) @IsIn(OBLIGATION_CODES) obligation!: Obligation;
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ maxLength: 20000, description: 'Constatering: the facts as recorded' })
  @IsString()
  @Length(1, 20_000)
  facts!: string;
  @ApiPropertyOptional({ type: [EvidenceItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence?: EvidenceItemDto[];
}

export class UpdateCaseDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @Length(1, 20_000) facts?: string;
  @ApiPropertyOptional({ enum: OBLIGATION_CODES })
  @IsOptional()
  @IsIn(OBLIGATION_CODES)
  obligation?: Obligation;
}

export class CaseTransitionDto {
  @ApiProperty({ enum: CASE_STATUSES }) @IsIn(CASE_STATUSES) to!: CaseStatus;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Required for hearing' })
  @IsOptional()
  @IsISO8601({ strict: true })
  responseDueAt?: string;
  @ApiPropertyOptional({ maxLength: 10000, description: 'Required for decided' })
  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  decision?: string;
  @ApiPropertyOptional({ maxLength: 10000 }) @IsOptional() @IsString() @Length(1, 10_000) measure?: string;
}

export class ResponseDto {
  @ApiProperty({ maxLength: 20000 }) @IsString() @Length(1, 20_000) text!: string;
}

export class SignalDto {
  @ApiProperty() @Matches(PARTICIPANT_ID) participantId!: string;
  @ApiProperty({ enum: OBLIGATION_CODES }) @IsIn(OBLIGATION_CODES) obligation!: Obligation;
  @ApiProperty({ example: 'no-delivery-1h' }) @IsString() @Length(1, 200) rule!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @Length(1, 20_000) facts!: string;
  @ApiPropertyOptional({ type: [EvidenceItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence?: EvidenceItemDto[];
}

export class ListCasesQuery {
  @ApiPropertyOptional({ description: 'Comma-separated statuses' })
  @IsOptional()
  @CommaList()
  @IsIn(CASE_STATUSES, { each: true })
  status?: CaseStatus[];
  @ApiPropertyOptional() @IsOptional() @Matches(PARTICIPANT_ID) participant?: string;
  @ApiPropertyOptional({ enum: OBLIGATION_CODES })
  @IsOptional()
  @IsIn(OBLIGATION_CODES)
  obligation?: Obligation;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}
