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
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AuthGuard, CurrentPrincipal, Principal, Roles } from '@app/auth';
import { ApiKeyService } from '@app/intake';
import { PARTICIPANT_ID_PATTERN } from '@app/participants';
import { IntakeErrorFilter } from './intake-error.filter';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'gezondheidsapp' })
  @IsString()
  @Matches(PARTICIPANT_ID_PATTERN)
  participantId!: string;

  @ApiPropertyOptional({ example: 'production uploader' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class ListApiKeysQuery {
  @IsOptional()
  @IsString()
  @Matches(PARTICIPANT_ID_PATTERN)
  participantId?: string;
}

export class KeyIdParam {
  @IsString()
  @Matches(/^[0-9a-f]{16}$/)
  keyId!: string;
}

/** Operators create, list and revoke participant API keys (operator JWT). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('eagleeye/v1/admin/api-keys')
@UseGuards(AuthGuard)
@Roles('operator')
@UseFilters(IntakeErrorFilter)
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
export class AdminApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for one participant; the key is shown only in this answer' })
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() operator: Principal) {
    return this.keys.create(body.participantId, body.label ?? '', operator.subject);
  }

  @Get()
  list(@Query() query: ListApiKeysQuery) {
    return this.keys.list(query.participantId);
  }

  @Delete(':keyId')
  @ApiOperation({
    summary: 'Revoke a key (takes effect at once here, within INTAKE_API_KEY_CACHE_MS elsewhere)',
  })
  revoke(@Param() params: KeyIdParam, @CurrentPrincipal() operator: Principal) {
    return this.keys.revoke(params.keyId, operator.subject);
  }
}
