import './tracing.bootstrap';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigModule, loadConfigFromEnv } from '@app/config';
import { JsonLogger, collectProcessMetrics } from '@app/observability';
import { RuleWorkerAppModule } from './rule-worker.module';

async function main(): Promise<void> {
  const config = loadConfigFromEnv('ketenmonitor-rule-worker');
  JsonLogger.setLevel(config.logLevel);
  collectProcessMetrics();
  @Module({ imports: [ConfigModule.forRoot(config), RuleWorkerAppModule] })
  class RootModule {}
  const app = await NestFactory.create(RootModule, { logger: new JsonLogger('rule-worker') });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ketenmonitor: SLOs and chains')
      .setDescription('SLI/SLO status per DVP, DVA, zorgaanbieder, pair and gegevensdienst; chain look-up')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  await app.listen(config.http.port, config.http.host);
  new JsonLogger('rule-worker').info('rule worker started', {
    replica: `${config.slo.replicaIndex + 1}/${config.slo.replicaCount}`,
    intervalMs: config.slo.evaluationIntervalMs,
    docs: `http://${config.http.host}:${config.http.port}/api/docs`,
  });
}

main().catch((err) => {
  new JsonLogger('rule-worker').error('rule worker failed to start', err);
  process.exit(1);
});
