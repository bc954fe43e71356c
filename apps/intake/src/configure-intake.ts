import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { stashBatchContentType } from './http/raw-body';

/**
 * Call before `init`/`listen`: batches on POST /eagleeye/v1/logs bypass the global JSON body
 * parser (the intake streams them itself), and the OpenAPI document is served at
 * /eagleeye/v1/swagger (JSON at /eagleeye/v1/swagger-json). Used by main.ts, tests and the
 * all-in-one app.
 */
export function configureIntake(app: INestApplication): void {
  app.use(stashBatchContentType);
  const document = new DocumentBuilder()
    .setTitle('ketenmonitor participant intake')
    .setDescription(
      'MedMij log API compatible intake (POST/GET /eagleeye/v1/logs) and feedback on aanleveringen. ' +
        'Participants authenticate with an API key (Authorization: Bearer <key> or X-API-Key) and/or, over ' +
        'HTTPS with a client CA configured, a client certificate an operator mapped to them; ' +
        'operators manage keys with a bearer JWT (role operator).',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('eagleeye/v1/swagger', app, () => SwaggerModule.createDocument(app, document));
}
