import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI document at /api/docs (UI) and /api/docs-json; used by main.ts, tests and the all-in-one app. */
export function configureIncidentApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('ketenmonitor incident and compliance API')
    .setDescription(
      'Incidents (incidentenbeleid), compliance cases (nalevingsbeleid), participants registry, webhooks and ' +
        'access audit of the MedMij regiefunctie. Bearer JWT with roles operator, incident-handler, participant, auditor.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config));
}
