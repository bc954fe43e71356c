import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { IncidentApiModule, incidentApiOps } from './incident-api.module';

/** Root module of the incident-api process (the all-in-one app imports IncidentApiModule instead). */
@Module({ imports: [ConfigModule.forRoot(), IncidentApiModule], ...incidentApiOps() })
export class IncidentApiAppModule {}
