import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAIN_OUTCOMES, ChainOutcome } from './chain-classification';

export class ChainClassificationDto {
  @ApiProperty() traceId!: string;
  @ApiProperty({ enum: CHAIN_OUTCOMES }) outcome!: ChainOutcome;
  @ApiProperty({ description: 'Where an error chain failed (catalog errorArea); empty otherwise' })
  errorArea!: string;
  @ApiProperty({ description: 'The failure counts against availability (server side)' }) serverSide!: boolean;
  @ApiProperty({ enum: ['DVA', 'DVP', ''], description: 'Whose component failed (server-side failures)' })
  failedSide!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() dvpId!: string;
  @ApiProperty() dvaId!: string;
  @ApiProperty() zorgaanbieder!: string;
  @ApiProperty() gegevensdienst!: string;
  @ApiProperty({ type: [String] }) gegevensdiensten!: string[];
  @ApiProperty() dvpLogged!: boolean;
  @ApiProperty() dvaLogged!: boolean;
  @ApiProperty({ description: 'Epoch ms' }) chainStartMs!: number;
  @ApiProperty({ description: 'Epoch ms' }) chainEndMs!: number;
  @ApiProperty() furthestStep!: number;
  @ApiProperty() furthestEvent!: string;
  @ApiProperty({ type: [String] }) missingRequired!: string[];
  @ApiProperty() lines!: number;
}

export class HopDto {
  @ApiProperty() hop!: string;
  @ApiProperty() requestKey!: string;
  @ApiProperty({ enum: ['DVP->DVA', 'DVA->DVP'] }) direction!: string;
  @ApiProperty() senderId!: string;
  @ApiProperty() receiverId!: string;
  @ApiProperty() sentAtMs!: number;
  @ApiProperty() arrivedAtMs!: number;
  @ApiProperty({ description: 'Receive minus send time (includes the parties clock offset)' })
  latencyMs!: number;
}

export class ChainLineDto {
  @ApiProperty() participantId!: string;
  @ApiProperty() participantRole!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() eventStep!: number;
  @ApiProperty() eventClass!: string;
  @ApiProperty({ format: 'date-time' }) eventTime!: string;
  @ApiProperty() eventLocation!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() requestMethod!: string;
  @ApiProperty() requestClientId!: string;
  @ApiProperty() requestServerId!: string;
  @ApiProperty() responseRequestId!: string;
  @ApiProperty() responseStatus!: number;
  @ApiProperty() errorCode!: string;
  @ApiProperty() errorDescription!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [String] }) errorCodes!: string[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty() aanleveringId!: string;
}

export class ChainViewDto {
  @ApiProperty() traceId!: string;
  @ApiProperty({ type: ChainClassificationDto }) classification!: ChainClassificationDto;
  @ApiPropertyOptional({ description: 'The decision recorded in the rollups (null while in progress)' })
  recorded!: Record<string, unknown> | null;
  @ApiProperty({ type: [HopDto] }) hops!: HopDto[];
  @ApiProperty({ type: [ChainLineDto], description: 'All lines of both parties, in event-time order' })
  lines!: ChainLineDto[];
}
