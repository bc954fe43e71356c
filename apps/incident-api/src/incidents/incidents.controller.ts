import {
  Body,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { AuthError, AuthErrorCode, CurrentPrincipal, Principal, Roles, participantScope } from '@app/auth';
import { IncidentReviewService, IncidentService, IncidentView } from '@app/incidents';
import { ApiController } from '../http/api-controller.decorator';
import { etag, optionalIfMatch, requireIfMatch } from '../http/if-match';
import {
  ActionDto,
  ActionStatusDto,
  CommentDto,
  CreateIncidentDto,
  EvaluationDto,
  EvidenceDto,
  ListIncidentsQuery,
  TransitionDto,
  UpdateIncidentDto,
} from './incident.dto';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

const IF_MATCH = { name: 'If-Match', required: true, description: 'ETag of the version being changed' };

@ApiController('api/v1/incidents', 'incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentService,
    private readonly review: IncidentReviewService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List incidents (newest first), filtered and paginated' })
  list(@Query() q: ListIncidentsQuery, @CurrentPrincipal() p: Principal) {
    const scope = participantScope(p);
    if (scope && q.participant && q.participant !== scope) {
      throw new AuthError(AuthErrorCode.Forbidden, 'A participant token reads only its own incidents');
    }
    return this.incidents.list(
      {
        status: q.status,
        priority: q.priority,
        participant: q.participant,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit ?? 50,
        cursor: q.cursor,
      },
      scope,
    );
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Per priority: counts, mean MTTA and MTTR, target breaches (same filters as the list)',
  })
  stats(@Query() q: ListIncidentsQuery, @CurrentPrincipal() p: Principal) {
    const scope = participantScope(p);
    if (scope && q.participant && q.participant !== scope) {
      throw new AuthError(AuthErrorCode.Forbidden, 'A participant token reads only its own incidents');
    }
    return this.incidents.stats(
      {
        status: q.status,
        priority: q.priority,
        participant: q.participant,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
      scope,
    );
  }

  @Post()
  @Roles('operator', 'incident-handler')
  @ApiOperation({ summary: 'Register an incident by hand' })
  async create(
    @Body() body: CreateIncidentDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.incidents.create(body, p.subject));
  }

  @Get(':id')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.incidents.get(id, participantScope(p)));
  }

  @Patch(':id')
  @Roles('operator', 'incident-handler')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Edit fields; a stale If-Match gets 409' })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateIncidentDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(res, await this.incidents.update(id, requireIfMatch(ifMatch), body, p.subject));
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('operator', 'incident-handler')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Change status (new -> acknowledged -> investigating -> monitoring -> resolved -> closed; cancelled, merged)',
  })
  async transition(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: TransitionDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    const version = requireIfMatch(ifMatch);
    return withEtag(
      res,
      await this.incidents.transition(id, version, body.to, body.reason, body.mergedInto, p.subject),
    );
  }

  @Get(':id/timeline')
  timeline(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.incidents.timelineOf(id, participantScope(p));
  }

  @Post(':id/comments')
  @HttpCode(204)
  @Roles('operator', 'incident-handler', 'participant')
  @ApiOperation({ summary: 'Add a comment; participants respond on their own incidents' })
  async comment(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CommentDto,
    @CurrentPrincipal() p: Principal,
  ) {
    await this.incidents.comment(id, body.text, p.subject, participantScope(p));
  }

  @Post(':id/evidence')
  @HttpCode(200)
  @Roles('operator', 'incident-handler')
  @ApiOperation({ summary: 'Link chains (trace ids) as evidence' })
  async evidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: EvidenceDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    return withEtag(
      res,
      await this.incidents.addEvidence(id, body.traceIds, p.subject, optionalIfMatch(ifMatch)),
    );
  }

  @Get(':id/evaluation')
  evaluation(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.review.evaluation(id, participantScope(p));
  }

  @Put(':id/evaluation')
  @Roles('operator', 'incident-handler')
  @ApiOperation({ summary: 'Record the post-incident review (once resolved)' })
  recordEvaluation(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: EvaluationDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.review.recordEvaluation(id, body, p.subject, optionalIfMatch(ifMatch));
  }

  @Get(':id/actions')
  actions(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.review.listActions(id, participantScope(p));
  }

  @Post(':id/actions')
  @Roles('operator', 'incident-handler')
  @ApiOperation({ summary: 'Add a follow-up action' })
  addAction(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ActionDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.review.addAction(
      id,
      {
        description: body.description,
        owner: body.owner,
        dueAt: body.dueAt ? new Date(body.dueAt) : undefined,
      },
      p.subject,
    );
  }

  @Patch(':id/actions/:actionId')
  @Roles('operator', 'incident-handler')
  setActionStatus(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Body() body: ActionStatusDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.review.setActionStatus(id, actionId, body.status, p.subject);
  }
}

function withEtag(res: HeaderResponse, view: IncidentView): IncidentView {
  res.setHeader('ETag', etag(view.version));
  return view;
}
