import { Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AccessAuditService } from '@app/audit';
import { Roles } from '@app/auth';
import { ApiController } from '../http/api-controller.decorator';

export class AccessAuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) actor?: string;
  @ApiPropertyOptional({ description: 'Resource path prefix, e.g. /api/v1/incidents' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  resource?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ description: 'Entries older than this id (paging)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}

@ApiController('api/v1/access-audit', 'access audit')
@Roles('auditor', 'operator')
export class AccessAuditController {
  constructor(private readonly audit: AccessAuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who read what and when (this read is recorded too)' })
  find(@Query() q: AccessAuditQueryDto) {
    return this.audit.find({
      actor: q.actor,
      resourcePrefix: q.resource,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit ?? 100,
      before: q.before,
    });
  }
}
