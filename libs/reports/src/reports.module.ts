import { Inject, Injectable, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseService } from '@app/clickhouse';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IncidentService, IncidentsModule } from '@app/incidents';
import {
  ParticipantRegistryService,
  ParticipantsRegistryModule,
  readParticipantsFile,
} from '@app/participants';
import { Reports, createReports, mergeParticipants } from './reports.factory';

/**
 * The reports for the HTTP API. ClickHouse is opened on the first report, not at start: the
 * incident API can run without it (its own tests do), and in embedded mode chDB binds its data
 * directory to the first process that opens it. Where the application has ClickHouseModule
 * (the all-in-one process) its client is used.
 */
@Injectable()
export class ReportsProvider implements OnApplicationShutdown {
  private reports?: Reports;
  private own?: ClickHouseService;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly incidents: IncidentService,
    private readonly registry: ParticipantRegistryService,
    @Optional() @Inject(CLICKHOUSE) private readonly ch?: ClickHouseService,
  ) {}

  get(): Reports {
    if (!this.reports) {
      const ch =
        this.ch ??
        (this.own = new ClickHouseService(this.config.clickhouse, this.config.clickhouse.database));
      this.reports = createReports(ch, {
        incidents: this.incidents,
        participants: async () =>
          mergeParticipants(
            await this.registry.list(),
            readParticipantsFile(this.config.participantsFile).participants,
          ),
      });
    }
    return this.reports;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.own?.close();
  }
}

/** Monthly SLA and delivery reports. Needs ConfigModule and PostgresModule in the application. */
@Module({
  imports: [IncidentsModule, ParticipantsRegistryModule],
  providers: [ReportsProvider],
  exports: [ReportsProvider],
})
export class ReportsModule {}
