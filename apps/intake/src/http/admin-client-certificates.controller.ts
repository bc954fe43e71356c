import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Post,
  Query,
  UseFilters,
  UseGuards,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AuthGuard, CurrentPrincipal, Principal, Roles } from '@app/auth';
import { CERTIFICATE_ID_PATTERN, ClientCertificateService, certificateMatch } from '@app/intake';
import { PARTICIPANT_ID_PATTERN } from '@app/participants';
import { ListApiKeysQuery } from './admin-api-keys.controller';
import { IntakeErrorFilter } from './intake-error.filter';

export class CreateClientCertificateDto {
  @ApiPropertyOptional({ example: 'gezondheidsapp' })
  @IsString()
  @Matches(PARTICIPANT_ID_PATTERN)
  participantId!: string;

  @ApiPropertyOptional({ description: 'the certificate (PEM); its fingerprint or DNs are taken from it' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  certificatePem?: string;

  @ApiPropertyOptional({
    enum: ['fingerprint', 'subject'],
    description: 'with certificatePem: map this exact certificate (default) or its subject + issuer',
  })
  @IsOptional()
  @IsIn(['fingerprint', 'subject'])
  match?: 'fingerprint' | 'subject';

  @ApiPropertyOptional({ description: 'SHA-256 of the DER, hex (colons allowed)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fingerprintSha256?: string;

  @ApiPropertyOptional({ example: 'C=NL, O=Gezondheidsapp BV, CN=uploader' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  subjectDn?: string;

  @ApiPropertyOptional({ example: 'C=NL, O=Example CA, CN=Example Issuing CA' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  issuerDn?: string;

  @ApiPropertyOptional({ example: 'uploader 2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class CertificateIdParam {
  @IsString()
  @Matches(CERTIFICATE_ID_PATTERN)
  certificateId!: string;
}

/** Operators map client certificates to participants, list and revoke the mappings (operator JWT). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('eagleeye/v1/admin/client-certificates')
@UseGuards(AuthGuard)
@Roles('operator')
@UseFilters(IntakeErrorFilter)
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
export class AdminClientCertificatesController {
  constructor(private readonly certificates: ClientCertificateService) {}

  @Post()
  @ApiOperation({
    summary:
      'Map a client certificate to one participant: certificatePem, fingerprintSha256, or subjectDn + issuerDn',
  })
  create(@Body() body: CreateClientCertificateDto, @CurrentPrincipal() operator: Principal) {
    return this.certificates.create(
      body.participantId,
      certificateMatch(body),
      body.label ?? '',
      operator.subject,
    );
  }

  @Get()
  list(@Query() query: ListApiKeysQuery) {
    return this.certificates.list(query.participantId);
  }

  @Delete(':certificateId')
  @ApiOperation({ summary: 'Revoke a mapping (at once here, within INTAKE_API_KEY_CACHE_MS elsewhere)' })
  revoke(@Param() params: CertificateIdParam, @CurrentPrincipal() operator: Principal) {
    return this.certificates.revoke(params.certificateId, operator.subject);
  }
}
