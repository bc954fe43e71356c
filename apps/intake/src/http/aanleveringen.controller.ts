import { Controller, Get, Param, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AanleveringDetail, AanleveringView, FeedbackService, Page, Submitter } from '@app/intake';
import { IntakeErrorFilter } from './intake-error.filter';
import { ParticipantGuard, CurrentSubmitter } from './submitter';

/** Your deliveries through both channels (Kafka and HTTPS), with status and errors. */
@ApiTags('aanleveringen')
@ApiSecurity('api-key')
@Controller('eagleeye/v1/aanleveringen')
@UseGuards(ParticipantGuard)
@UseFilters(IntakeErrorFilter)
export class AanleveringenController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get()
  @ApiOperation({ summary: 'Your aanleveringen, newest first, paged by cursor' })
  @ApiQuery({ name: 'from', required: false, description: 'received at >= (UTC date-time)' })
  @ApiQuery({ name: 'to', required: false, description: 'received at < (UTC date-time)' })
  @ApiQuery({ name: 'count', required: false, description: 'page size, 1..1000 (default 100)' })
  @ApiQuery({ name: 'cursor', required: false })
  list(
    @CurrentSubmitter() submitter: Submitter,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<AanleveringView>> {
    return this.feedback.list(submitter, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One aanlevering: status, counts, rejected lines and functional errors per line' })
  get(@CurrentSubmitter() submitter: Submitter, @Param('id') id: string): Promise<AanleveringDetail> {
    return this.feedback.get(submitter, id);
  }
}
