import './tracing.bootstrap';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfigFromEnv } from '@app/config';
import { JsonLogger, collectProcessMetrics } from '@app/observability';
import { attachCollector } from './collector.bootstrap';
import { CollectorAppModule } from './collector.module';

async function main(): Promise<void> {
  const config = loadConfigFromEnv('ketenmonitor-collector');
  JsonLogger.setLevel(config.logLevel);
  collectProcessMetrics();
  @Module({ imports: [ConfigModule.forRoot(config), CollectorAppModule] })
  class RootModule {}
  const app = await NestFactory.create(RootModule, { logger: new JsonLogger('collector') });
  app.enableShutdownHooks();
  await attachCollector(app, config);
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  new JsonLogger('collector').info('collector started', {
    metrics: `http://${config.http.host}:${config.http.port}/metrics`,
  });
}

main().catch((err) => {
  new JsonLogger('collector').error('collector failed to start', err);
  process.exit(1);
});
