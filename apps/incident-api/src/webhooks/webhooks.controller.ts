import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CurrentPrincipal, Principal, Roles } from '@app/auth';
import { WebhookSubscriptionService } from '@app/webhooks';
import { ApiController } from '../http/api-controller.decorator';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://tickets.example/hooks/ketenmonitor' })
  @IsString()
  @Length(1, 2000)
  url!: string;
  @ApiProperty({ type: [String], example: ['incident.*', 'compliance-case.status-changed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  eventTypes!: string[];
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ description: 'HMAC secret; generated when absent. Returned only once.' })
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;
}

export class DeliveryLogQuery {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiController('api/v1/webhooks', 'webhooks')
@Roles('operator')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookSubscriptionService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe; deliveries are signed with HMAC-SHA256 (X-Ketenmonitor-Signature)' })
  async create(@Body() body: CreateWebhookDto, @CurrentPrincipal() p: Principal) {
    const { subscription, secret } = await this.webhooks.create(body, p.subject);
    return { ...subscription, secret };
  }

  @Get()
  @Roles('operator', 'auditor')
  list() {
    return this.webhooks.list();
  }

  @Delete(':id')
  @HttpCode(204)
  async deactivate(@Param('id', ParseUUIDPipe) id: string) {
    await this.webhooks.deactivate(id);
  }

  @Get(':id/deliveries')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'Delivery log with every attempt' })
  deliveries(@Param('id', ParseUUIDPipe) id: string, @Query() q: DeliveryLogQuery) {
    return this.webhooks.deliveryLog(id, q.limit ?? 50);
  }
}
