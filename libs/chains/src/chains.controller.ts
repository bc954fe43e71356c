import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { AccessAuditInterceptor } from '@app/audit';
import { StaffApi } from '@app/auth';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ChainLookupService, ChainView } from './chain-lookup.service';
import { ChainViewDto } from './chain-view.dto';
import { CLOCK, Clock } from './clock';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Operators look a chain up by the trace_id or session_id a user read off an error page. */
@ApiTags('chains')
@Controller('api/v1/chains')
@StaffApi('operator', 'incident-handler', 'auditor')
@UseInterceptors(AccessAuditInterceptor)
export class ChainsController {
  constructor(
    private readonly lookup: ChainLookupService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':traceId')
  @ApiOperation({ summary: 'A chain by trace_id: all lines of both parties in order, hops, classification' })
  @ApiOkResponse({ type: ChainViewDto })
  async byTrace(@Param('traceId') traceId: string): Promise<ChainView> {
    if (!UUID_RE.test(traceId)) throw new BadRequestException('traceId must be a UUID');
    const view = await this.lookup.byTraceId(traceId, this.clock.now());
    if (!view) throw new NotFoundException(`no chain with trace_id ${traceId}`);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'Chains by session_id (shown to users on the DVA error page)' })
  @ApiQuery({ name: 'session_id', required: true })
  @ApiOkResponse({ type: [ChainViewDto] })
  async bySession(@Query('session_id') sessionId?: string): Promise<ChainView[]> {
    if (!sessionId || !UUID_RE.test(sessionId)) throw new BadRequestException('session_id must be a UUID');
    return this.lookup.bySessionId(sessionId, this.clock.now());
  }
}
