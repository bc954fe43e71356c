import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JsonLogger, collectProcessMetrics } from '@app/observability';
import { configureIncidentApi } from './configure-incident-api';
import { IncidentApiAppModule } from './incident-api-app.module';

async function bootstrap(): Promise<void> {
  collectProcessMetrics();
  const app = await NestFactory.create(IncidentApiAppModule, { logger: new JsonLogger('incident-api') });
  app.enableShutdownHooks();
  configureIncidentApi(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.http.port, config.http.host);
}

void bootstrap();
