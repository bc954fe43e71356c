import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { IncidentApiModule } from './incident-api.module';

/** Root module of the incident-api process (the all-in-one app imports IncidentApiModule instead). */
@Module({ imports: [ConfigModule.forRoot(), IncidentApiModule] })
export class IncidentApiAppModule {}
