import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PRIORITIES, Priority } from '@app/incidents';
import { GEGEVENSDIENST_ID, PARTICIPANT_ID } from '../http/validation';

export class AlertDto {
  @ApiProperty({ example: 'dva:dva-huisartsnet' }) @IsString() @Length(1, 200) entity!: string;
  @ApiProperty({ example: 'availability-30d' }) @IsString() @Length(1, 200) rule!: string;
  @ApiProperty({ example: 'page' }) @IsString() @Length(1, 50) tier!: string;
  @ApiProperty({ enum: ['firing', 'cleared'] }) @IsIn(['firing', 'cleared']) state!: 'firing' | 'cleared';
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) summary?: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PARTICIPANT_ID, { each: true })
  participants?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(GEGEVENSDIENST_ID, { each: true })
  gegevensdiensten?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  traceIds?: string[];
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  observedAt?: string;
}

export class AlertBatchDto {
  @ApiProperty({ type: [AlertDto], maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AlertDto)
  alerts!: AlertDto[];
}
