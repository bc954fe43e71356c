import { Controller, Get, HttpCode, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { AcceptedBatch, FeedbackService, IntakeService, LineView, Page, Submitter } from '@app/intake';
import { IntakeErrorFilter } from './intake-error.filter';
import { STASHED_CONTENT_TYPE } from './raw-body';
import { ParticipantGuard, CurrentSubmitter } from './submitter';

type BatchRequest = Readable & { headers: Record<string, string | string[] | undefined> };

/** MedMij's log API, path-compatible: deliver a batch, read back your validated lines. */
@ApiTags('logs')
@ApiSecurity('api-key')
@Controller('eagleeye/v1')
@UseGuards(ParticipantGuard)
@UseFilters(IntakeErrorFilter)
export class LogsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly feedback: FeedbackService,
  ) {}

  @Post('logs')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver one aanlevering: a JSON array of ketenlog lines (gzip allowed, at most 60 MB)',
    description:
      '200 only once Kafka acknowledged the whole batch (acks=all). 400 with every failing line when the ' +
      'batch is technisch niet OK (nothing is stored). 413 above 60 MB, 415 for another content type, ' +
      '429/503 with Retry-After: deliver again later.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  @ApiResponse({ status: 200, description: '{ aanleveringId, status, lineCount, bytes, receivedAt }' })
  submit(@CurrentSubmitter() submitter: Submitter, @Req() req: BatchRequest): Promise<AcceptedBatch> {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    return this.intake.submit(
      submitter,
      {
        contentType: header(STASHED_CONTENT_TYPE) ?? header('content-type'),
        contentEncoding: header('content-encoding'),
        contentLength: header('content-length'),
      },
      req,
    );
  }

  @Get('logs')
  @ApiOperation({
    summary: 'Your own stored lines with their verdict, oldest receipt first, paged by cursor',
  })
  @ApiQuery({ name: 'from', required: false, description: 'event time >= (UTC date-time)' })
  @ApiQuery({ name: 'to', required: false, description: 'event time < (UTC date-time)' })
  @ApiQuery({ name: 'count', required: false, description: 'page size, 1..1000 (default 100)' })
  @ApiQuery({ name: 'valid', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'aanlevering', required: false, description: 'one delivery id (UUID)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  logs(
    @CurrentSubmitter() submitter: Submitter,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<LineView>> {
    return this.feedback.logs(submitter, query);
  }
}
