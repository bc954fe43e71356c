import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { Registry, register } from 'prom-client';
import { IncidentApiMetrics } from '../http/incident-api.metrics';

/** Health and Prometheus metrics; no token (scraped by infrastructure). */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly metrics: IncidentApiMetrics,
  ) {}

  @Get('health')
  async health() {
    try {
      await this.sql.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'down', postgres: 'down' });
    }
    return { status: 'ok', postgres: 'up', engine: this.sql.engine };
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  async scrape(): Promise<string> {
    return Registry.merge([register, this.metrics.registry]).metrics();
  }
}
