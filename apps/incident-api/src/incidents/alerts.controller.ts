import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@app/auth';
import { IncidentAlertSink } from '@app/incidents';
import { ApiController } from '../http/api-controller.decorator';
import { AlertBatchDto } from './alert.dto';

/** The HTTP face of the alert sink, for a rule worker running in another process. */
@ApiController('api/v1/alerts', 'alerts')
export class AlertsController {
  constructor(private readonly sink: IncidentAlertSink) {}

  @Post()
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Submit alerts; dedup key (entity, rule, tier) opens, updates or clears one incident',
  })
  async submit(@Body() body: AlertBatchDto, @CurrentPrincipal() p: Principal) {
    const outcomes = await this.sink.submit(
      body.alerts.map((a) => ({ ...a, observedAt: a.observedAt ? new Date(a.observedAt) : undefined })),
      p.subject,
    );
    return { outcomes };
  }
}
