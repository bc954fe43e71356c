import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HttpsOptions } from '@nestjs/common/interfaces/external/https-options.interface';
import { readFileSync } from 'node:fs';
import { Server } from 'node:https';
import { TLSSocket } from 'node:tls';
import { AppConfig, ConfigModule, IntakeTlsConfig } from '@app/config';
import { JsonLogger } from '@app/observability';
import { configureIntake } from './configure-intake';
import { IntakeAppModule } from './intake-app.module';

/** The intake application, initialised but not listening: main.ts adds `listen`, tests use it as is. */
export async function createIntakeApp(config: AppConfig): Promise<INestApplication> {
  JsonLogger.setLevel(config.logLevel);
  @Module({ imports: [ConfigModule.forRoot(config), IntakeAppModule] })
  class IntakeRootModule {}
  const tls = config.intake.tls;
  const app = await NestFactory.create(IntakeRootModule, {
    logger: new JsonLogger('intake'),
    abortOnError: false,
    httpsOptions: tls ? httpsOptions(tls) : undefined,
  });
  if (tls?.clientCaFile && tls.clientAuth === 'optional') {
    // Without rejectUnauthorized Node completes the handshake for a certificate from another CA
    // (to let a client without one in); such a connection is closed before it can send a request.
    (app.getHttpServer() as Server).on('secureConnection', (socket: TLSSocket) => {
      if (!socket.authorized && socket.getPeerX509Certificate()) socket.destroy();
    });
  }
  app.enableShutdownHooks();
  configureIntake(app);
  await app.init();
  return app;
}

/** HTTPS, asking for a client certificate and checking its chain when a CA bundle is configured. */
function httpsOptions(tls: IntakeTlsConfig): HttpsOptions {
  const ca = tls.clientCaFile ? readFileSync(tls.clientCaFile) : undefined;
  return {
    cert: readFileSync(tls.certFile),
    key: readFileSync(tls.keyFile),
    ca,
    requestCert: ca !== undefined,
    rejectUnauthorized: ca !== undefined && tls.clientAuth === 'required',
  };
}
