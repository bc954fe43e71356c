export { FlowOutcomeRow, BeheerrapportRepository } from './beheerrapport.repository';
export { FlowRules, flowRules } from './chain-flow';
export { DeliveryHoursRepository, ParticipantDeliveries } from './delivery-hours.repository';
export { IncidentSource, incidentFigures } from './incident-figures';
export {
  BeheerrapportRow,
  CompletenessFigures,
  DeliveryFigures,
  IncidentFigures,
  IncidentRow,
  MonthlyReport,
  NetworkSection,
  ParticipantSection,
  ReportFlow,
  ReportSection,
  SloMonthFigure,
} from './monthly-report';
export { MonthlyReportService, ReportProgress, ReportSources } from './monthly-report.service';
export { NetworkRollupRepository } from './network-rollup.repository';
export { CSV_HEADER, renderReportCsv } from './report-csv.renderer';
export { renderReportHtml } from './report-html.renderer';
export { renderReportJson } from './report-json.renderer';
export { REPORT_TIME_ZONE, ReportMonth, previousMonth, reportMonth } from './report-month';
export { CHROMIUM_FLAGS, ChromiumOptions, ReportPdfRenderer, withChromium } from './report-pdf.renderer';
export {
  CONTENT_TYPES,
  REPORT_FORMATS,
  ReportFormat,
  ReportRenderer,
  parseReportFormat,
} from './report-renderer.service';
export { ReportError, ReportErrorCode } from './report.error';
export { Reports, ReportsWiring, createReports, mergeParticipants } from './reports.factory';
export { ReportsModule, ReportsProvider } from './reports.module';
