import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@app/config';
import { JsonLogger } from '@app/observability';
import { configureIntake } from './configure-intake';
import { IntakeAppModule } from './intake-app.module';

/** The intake application, initialised but not listening: main.ts adds `listen`, tests use it as is. */
export async function createIntakeApp(config: AppConfig): Promise<INestApplication> {
  JsonLogger.setLevel(config.logLevel);
  @Module({ imports: [ConfigModule.forRoot(config), IntakeAppModule] })
  class IntakeRootModule {}
  const app = await NestFactory.create(IntakeRootModule, {
    logger: new JsonLogger('intake'),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  configureIntake(app);
  await app.init();
  return app;
}
