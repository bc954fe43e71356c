import {
  BadRequestException,
  Controller,
  Get,
  Query,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AccessAuditInterceptor } from '@app/audit';
import { StaffApi } from '@app/auth';
import {
  CONTENT_TYPES,
  MonthlyReport,
  REPORT_FORMATS,
  ReportError,
  ReportsProvider,
  parseReportFormat,
} from '@app/reports';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

/** The monthly SLA and delivery report for staff; every read lands in the access audit. */
@ApiTags('reports')
@Controller('api/v1/reports')
@StaffApi('operator', 'incident-handler', 'auditor')
@UseInterceptors(AccessAuditInterceptor)
export class ReportsController {
  constructor(private readonly reports: ReportsProvider) {}

  @Get('monthly')
  @ApiOperation({
    summary: 'Monthly SLA and delivery report (calendar month in Europe/Amsterdam)',
    description:
      'Per SLO availability and error budget, incidents with MTTA/MTTR, hours without delivery, ' +
      'one-sided chains and the Beheerrapport (successful and failed Verzamelen/Delen per ' +
      'gegevensdienst), for one participant or for the whole network and every participant. ' +
      'See docs/reports.md.',
  })
  @ApiQuery({ name: 'month', required: true, example: '2026-10', description: 'YYYY-MM' })
  @ApiQuery({ name: 'participant', required: false, description: 'DVP or DVA id; absent = whole network' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS, description: 'default json' })
  @ApiProduces(...Object.values(CONTENT_TYPES))
  @ApiOkResponse({ description: 'The report in the requested format' })
  @ApiBadRequestResponse({ description: 'Malformed month or format, or unknown participant' })
  async monthly(
    @Query('month') month: string | undefined,
    @Query('participant') participant: string | undefined,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: HeaderResponse,
  ): Promise<MonthlyReport | StreamableFile> {
    try {
      const f = parseReportFormat(format);
      const { service, renderer } = this.reports.get();
      const report = await service.monthly(month ?? '', participant || undefined);
      if (f === 'json') return report;
      res.setHeader('Content-Disposition', `inline; filename="${renderer.fileName(report, f)}"`);
      return new StreamableFile(await renderer.render(report, f), { type: CONTENT_TYPES[f] });
    } catch (err) {
      if (err instanceof ReportError && err.isBadInput) {
        throw new BadRequestException({ statusCode: 400, code: err.code, message: err.message });
      }
      throw err;
    }
  }
}
