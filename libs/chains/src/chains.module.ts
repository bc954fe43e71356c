import { AccessAuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseService } from '@app/clickhouse';
import { APP_CONFIG, AppConfig } from '@app/config';
import { loadCatalogRegistry } from '@app/ketenlog';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory } from '@app/participants';
import { ChainFinalizer } from './chain-finalizer.service';
import { ChainLookupService } from './chain-lookup.service';
import { ChainsController } from './chains.controller';
import { Chains, createChains } from './chains.factory';
import { CLOCK, systemClock } from './clock';

const CHAINS = Symbol('CHAINS');

/**
 * Chain analysis: classification, the finalizer the rule worker runs, and the chain look-up
 * API. Needs ConfigModule, ClickHouseModule and ParticipantsModule in the application.
 */
@Module({
  // The chain look-up reads log data: token required, every read in the access audit (PostgreSQL).
  imports: [AuthModule, AccessAuditModule],
  controllers: [ChainsController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: CHAINS,
      inject: [CLICKHOUSE, APP_CONFIG, PARTICIPANT_DIRECTORY],
      useFactory: (ch: ClickHouseService, config: AppConfig, directory: ParticipantDirectory): Chains =>
        createChains(ch, loadCatalogRegistry(config.catalogDir), directory, config.chains),
    },
    { provide: ChainFinalizer, inject: [CHAINS], useFactory: (c: Chains) => c.finalizer },
    { provide: ChainLookupService, inject: [CHAINS], useFactory: (c: Chains) => c.lookup },
  ],
  exports: [CLOCK, ChainFinalizer, ChainLookupService],
})
export class ChainsModule {}
