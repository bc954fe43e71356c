import {
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Optional,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { metricsRegistry } from './metrics';

/** A component that can say whether it is healthy; apps register theirs under HEALTH_CHECKS. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<{ ok: boolean; detail?: Record<string, unknown> }>;
}
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
/** Further prom-client registries (a module's own) served on /metrics with the shared one. */
export const METRIC_REGISTRIES = Symbol('METRIC_REGISTRIES');

@ApiExcludeController()
@Controller()
export class ObservabilityController {
  constructor(
    @Optional() @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[] = [],
    @Optional() @Inject(METRIC_REGISTRIES) private readonly registries: Registry[] = [],
  ) {}

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    const extra = this.registries ?? [];
    return extra.length === 0
      ? metricsRegistry.metrics()
      : Registry.merge([metricsRegistry, ...extra]).metrics();
  }

  @Get('health')
  @HttpCode(200)
  async health(): Promise<Record<string, unknown>> {
    const results = await Promise.all(
      (this.checks ?? []).map(async (c) => {
        try {
          return [c.name, await c.check()] as const;
        } catch (err) {
          return [c.name, { ok: false, detail: { error: (err as Error).message } }] as const;
        }
      }),
    );
    const body = {
      status: results.every(([, r]) => r.ok) ? 'ok' : 'degraded',
      checks: Object.fromEntries(results),
    };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
