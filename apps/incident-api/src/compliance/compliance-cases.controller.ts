import { Body, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { AuthError, AuthErrorCode, CurrentPrincipal, Principal, Roles, participantScope } from '@app/auth';
import { ComplianceCase, ComplianceCaseService, ComplianceSignalSink } from '@app/compliance';
import { ApiController } from '../http/api-controller.decorator';
import { etag, requireIfMatch } from '../http/if-match';
import {
  CaseTransitionDto,
  CreateCaseDto,
  EvidenceListDto,
  ListCasesQuery,
  ResponseDto,
  SignalDto,
  UpdateCaseDto,
} from './compliance.dto';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

const IF_MATCH = { name: 'If-Match', required: true, description: 'ETag of the version being changed' };

@ApiController('api/v1/compliance-cases', 'compliance')
export class ComplianceCasesController {
  constructor(
    private readonly cases: ComplianceCaseService,
    private readonly signals: ComplianceSignalSink,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List compliance cases (newest first), filtered and paginated' })
  list(@Query() q: ListCasesQuery, @CurrentPrincipal() p: Principal) {
    const scope = participantScope(p);
    if (scope && q.participant && q.participant !== scope) {
      throw new AuthError(AuthErrorCode.Forbidden, 'A participant token reads only its own cases');
    }
    return this.cases.list(
      {
        status: q.status,
        participant: q.participant,
        obligation: q.obligation,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit ?? 50,
        cursor: q.cursor,
      },
      scope,
    );
  }

  @Post()
  @Roles('operator', 'incident-handler')
  @ApiOperation({ summary: 'Open a case: constatering en vastlegging' })
  async create(
    @Body() body: CreateCaseDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.cases.open(body, p.subject));
  }

  @Post('signals')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Rule signal: opens a case or adds to the open case of (participant, obligation, rule)',
  })
  signal(@Body() body: SignalDto, @CurrentPrincipal() p: Principal) {
    return this.signals.submit(body, p.subject);
  }

  @Get(':id')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.cases.get(id, participantScope(p)));
  }

  @Patch(':id')
  @Roles('operator', 'incident-handler')
  @ApiHeader(IF_MATCH)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCaseDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.cases.update(id, requireIfMatch(ifMatch), body, p.subject));
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('operator', 'incident-handler')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'recorded -> hearing (responseDueAt) -> decided (decision, measure) -> closed; or withdrawn',
  })
  async transition(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CaseTransitionDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    const version = requireIfMatch(ifMatch);
    const updated = await this.cases.transition(
      id,
      version,
      { ...body, responseDueAt: body.responseDueAt ? new Date(body.responseDueAt) : undefined },
      p.subject,
    );
    return withEtag(res, updated);
  }

  @Post(':id/responses')
  @HttpCode(200)
  @Roles('operator', 'incident-handler', 'participant')
  @ApiOperation({ summary: 'Hoor en wederhoor: the participant responds with its own credentials' })
  async respond(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResponseDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.cases.respond(id, body.text, p.subject, participantScope(p)));
  }

  @Get(':id/evidence')
  evidence(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.cases.evidenceOf(id, participantScope(p));
  }

  @Post(':id/evidence')
  @HttpCode(200)
  @Roles('operator', 'incident-handler')
  async attach(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EvidenceListDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.cases.attachEvidence(id, body.evidence, p.subject));
  }

  @Get(':id/timeline')
  timeline(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.cases.timelineOf(id, participantScope(p));
  }
}

function withEtag(res: HeaderResponse, c: ComplianceCase): ComplianceCase {
  res.setHeader('ETag', etag(c.version));
  return c;
}
