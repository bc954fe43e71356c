import { Body, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, participantScope } from '@app/auth';
import {
  ParticipantImportRepository,
  ParticipantImportService,
  ParticipantRegistryService,
} from '@app/participants';
import { ApiController } from '../http/api-controller.decorator';
import {
  ContactsDto,
  ImportQuery,
  ParticipantIdParam,
  PutParticipantDto,
  ZorgaanbiedersQuery,
} from './participant.dto';
import { readXmlBody } from './xml-body';

/** Up to 64 MB: the full Zorgaanbiederslijst (~5,400 providers) fits with room to spare. */
const MAX_LIST_BYTES = 64 * 1024 * 1024;

@ApiController('api/v1', 'participants')
export class ParticipantsController {
  constructor(
    private readonly registry: ParticipantRegistryService,
    private readonly importer: ParticipantImportService,
    private readonly imports: ParticipantImportRepository,
  ) {}

  @Get('participants')
  @ApiOperation({ summary: 'Participants (DVPs, DVAs) with hostnames, OAuth client ids and contacts' })
  list(@CurrentPrincipal() p: Principal) {
    return this.registry.list(participantScope(p));
  }

  @Get('participants/:id')
  get(@Param() params: ParticipantIdParam, @CurrentPrincipal() p: Principal) {
    return this.registry.get(params.id, participantScope(p));
  }

  @Put('participants/:id')
  @Roles('operator')
  put(@Param() params: ParticipantIdParam, @Body() body: PutParticipantDto) {
    return this.registry.put(params.id, body);
  }

  @Put('participants/:id/contacts')
  @Roles('operator')
  contacts(@Param() params: ParticipantIdParam, @Body() body: ContactsDto) {
    return this.registry.setContacts(params.id, body.contacts);
  }

  @Get('zorgaanbieders')
  @Roles('operator', 'incident-handler', 'auditor')
  zorgaanbieders(@Query() q: ZorgaanbiedersQuery) {
    return this.registry.listZorgaanbieders(q.dva, q.limit ?? 100, q.offset ?? 0);
  }

  @Post('participant-imports/ocl')
  @HttpCode(200)
  @Roles('operator')
  @ApiConsumes('application/xml')
  @ApiOperation({ summary: "Import MedMij's OAuthclientlist XML; returns what changed" })
  async importOcl(
    @Req() req: Parameters<typeof readXmlBody>[0],
    @Query() q: ImportQuery,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.importer.importOcl(await readXmlBody(req, MAX_LIST_BYTES), p.subject, q.dryRun === 'true');
  }

  @Post('participant-imports/zal')
  @HttpCode(200)
  @Roles('operator')
  @ApiConsumes('application/xml')
  @ApiOperation({ summary: "Import MedMij's Zorgaanbiederslijst XML; returns what changed" })
  async importZal(
    @Req() req: Parameters<typeof readXmlBody>[0],
    @Query() q: ImportQuery,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.importer.importZal(await readXmlBody(req, MAX_LIST_BYTES), p.subject, q.dryRun === 'true');
  }

  @Get('participant-imports')
  @Roles('operator', 'auditor')
  importLog() {
    return this.imports.list(100);
  }
}
