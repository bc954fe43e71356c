import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
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
import { PARTICIPANT_ID } from '../http/validation';

const HOSTNAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export class PutParticipantDto {
  @ApiProperty({ enum: ['DVP', 'DVA'] }) @IsIn(['DVP', 'DVA']) role!: 'DVP' | 'DVA';
  @ApiProperty({ maxLength: 200, description: 'The one readable name users see' })
  @IsString()
  @Length(1, 200)
  displayName!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(HOSTNAME, { each: true })
  hostnames!: string[];
}

export class ContactDto {
  @ApiProperty({ enum: ['servicedesk', 'servicemanager'] })
  @IsIn(['servicedesk', 'servicemanager'])
  kind!: 'servicedesk' | 'servicemanager';
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[+0-9 ()-]{3,40}$/) phone?: string;
}

export class ContactsDto {
  @ApiProperty({ type: [ContactDto] })
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts!: ContactDto[];
}

export class ZorgaanbiedersQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(PARTICIPANT_ID) dva?: string;
  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ImportQuery {
  @ApiPropertyOptional({ description: 'Report what would change without changing anything' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

export class ParticipantIdParam {
  @ApiProperty() @IsString() @Matches(PARTICIPANT_ID) id!: string;
}
