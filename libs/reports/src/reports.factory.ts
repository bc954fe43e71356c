import { ClickHouseService } from '@app/clickhouse';
import { CatalogRegistry, loadCatalogRegistry } from '@app/ketenlog';
import { Participant } from '@app/participants';
import {
  ChainRollupRepository,
  DEFAULT_DEFINITIONS_DIR,
  HopRollupRepository,
  SliCollector,
  SloDefinition,
  SloDefinitionsRepository,
  readDefinitionFiles,
} from '@app/slo';
import { BeheerrapportRepository } from './beheerrapport.repository';
import { flowRules } from './chain-flow';
import { DeliveryHoursRepository } from './delivery-hours.repository';
import { IncidentSource } from './incident-figures';
import { MonthlyReportService } from './monthly-report.service';
import { NetworkRollupRepository } from './network-rollup.repository';
import { ChromiumOptions, ReportPdfRenderer } from './report-pdf.renderer';
import { ReportRenderer } from './report-renderer.service';

export interface ReportsWiring {
  readonly incidents: IncidentSource;
  readonly participants: () => Promise<readonly Participant[]>;
  readonly catalogs?: CatalogRegistry;
  readonly chromium?: ChromiumOptions;
  readonly now?: () => number;
}

export interface Reports {
  readonly service: MonthlyReportService;
  readonly renderer: ReportRenderer;
}

/** The report service and renderers, wired by hand (Nest, the CLI and tests call it). */
export function createReports(ch: ClickHouseService, w: ReportsWiring): Reports {
  const catalogs = w.catalogs ?? loadCatalogRegistry();
  return {
    service: new MonthlyReportService({
      sli: new SliCollector([new ChainRollupRepository(ch)], [new HopRollupRepository(ch)]),
      definitions: withShippedDefaults(new SloDefinitionsRepository(ch)),
      network: new NetworkRollupRepository(ch),
      deliveries: new DeliveryHoursRepository(ch),
      beheerrapport: new BeheerrapportRepository(ch, flowRules(catalogs)),
      incidents: w.incidents,
      participants: w.participants,
      now: w.now,
    }),
    renderer: new ReportRenderer(new ReportPdfRenderer(w.chromium)),
  };
}

/**
 * The participants a report covers: the PostgreSQL registry, completed by the participants file
 * the collector uses (a participant delivering lines need not be in the registry yet).
 */
export function mergeParticipants(
  registry: readonly Participant[],
  file: readonly Participant[],
): Participant[] {
  const byId = new Map<string, Participant>();
  for (const p of [...file, ...registry]) byId.set(p.id, p);
  return [...byId.values()];
}

/**
 * The stored SLO definitions, or the shipped defaults while none are stored (the rule worker
 * seeds them at its first start; a report run before that still has targets to report against).
 */
export function withShippedDefaults(repo: { active(): Promise<SloDefinition[]> }): {
  active(): Promise<SloDefinition[]>;
} {
  return {
    async active() {
      const stored = await repo.active();
      if (stored.length > 0) return stored;
      return readDefinitionFiles([DEFAULT_DEFINITIONS_DIR]).map((document) => ({
        name: document.metadata.name,
        version: 0,
        document,
      }));
    },
  };
}
