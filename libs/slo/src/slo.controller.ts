import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Put,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { AccessAuditInterceptor } from '@app/audit';
import { Roles, StaffApi } from '@app/auth';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AlertState, AlertStateRepository } from './alert-state.repository';
import { EntityRef, parseEntityKey } from './entity';
import { SloDefinition, SloDefinitionError } from './slo-definition';
import { DefinitionVersion, SloDefinitionsRepository } from './slo-definitions.repository';
import { EntityStatus, SloStatusService } from './slo-status.service';
import { AlertStateDto, EntityStatusDto, SloDefinitionDto, SloDefinitionVersionDto } from './slo.dto';

function parseTime(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BadRequestException(`${name} must be an ISO-8601 date-time`);
  return ms;
}

/** Read API for operators: SLO definitions (versioned), SLI/SLO status per entity, current alerts. */
@ApiTags('slo')
@Controller('api/v1/slo')
@StaffApi('operator', 'incident-handler', 'auditor')
@UseInterceptors(AccessAuditInterceptor)
export class SloController {
  constructor(
    @Inject(SloStatusService) private readonly statuses: SloStatusService,
    @Inject(SloDefinitionsRepository) private readonly definitions: SloDefinitionsRepository,
    @Inject(AlertStateRepository) private readonly alerts: AlertStateRepository,
  ) {}

  @Get('status')
  @ApiOperation({ summary: 'SLI/SLO status of one entity over a time range (default: the last 30 days)' })
  @ApiQuery({
    name: 'entity',
    example: 'dva:dva-huisartsnet',
    description: 'dvp:, dva:, zorgaanbieder:, gegevensdienst:<id> or pair:<dvp>/<dva>',
  })
  @ApiQuery({ name: 'from', required: false, description: 'ISO-8601; default to - 30 days' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO-8601; default now' })
  @ApiOkResponse({ type: EntityStatusDto })
  async status(
    @Query('entity') entity?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<EntityStatus> {
    const ref: EntityRef | undefined = entity ? parseEntityKey(entity) : undefined;
    if (!ref)
      throw new BadRequestException(
        'entity must be <kind>:<id> with kind dvp, dva, zorgaanbieder, pair or gegevensdienst',
      );
    const fromMs = parseTime('from', from);
    const toMs = parseTime('to', to);
    if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
      throw new BadRequestException('from must be before to');
    return this.statuses.status(ref, fromMs, toMs);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts currently firing (entity, rule, tier)' })
  @ApiOkResponse({ type: [AlertStateDto] })
  firing(): Promise<AlertState[]> {
    return this.alerts.firing();
  }

  @Get('definitions')
  @ApiOperation({ summary: 'Active SLO definitions (latest version of each)' })
  @ApiOkResponse({ type: [SloDefinitionDto] })
  active(): Promise<SloDefinition[]> {
    return this.definitions.active();
  }

  @Get('definitions/:name/versions')
  @ApiOperation({ summary: 'Every version of one SLO definition' })
  @ApiOkResponse({ type: [SloDefinitionVersionDto] })
  versions(@Param('name') name: string): Promise<DefinitionVersion[]> {
    return this.definitions.versions(name);
  }

  @Put('definitions/:name')
  @Roles('operator')
  @ApiOperation({ summary: 'Store a new version of an SLO definition (validated OpenSLO-like document)' })
  @ApiBody({ schema: { type: 'object' } })
  @ApiOkResponse({ type: SloDefinitionDto })
  async save(@Param('name') name: string, @Body() body: unknown): Promise<SloDefinition> {
    try {
      return await this.definitions.save(name, body, 'api');
    } catch (err) {
      if (err instanceof SloDefinitionError)
        throw new BadRequestException({ message: err.message, problems: err.problems });
      throw err;
    }
  }
}
