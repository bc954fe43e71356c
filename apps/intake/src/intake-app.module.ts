import { Module } from '@nestjs/common';
import { HEALTH_CHECKS, HealthCheck, ObservabilityController } from '@app/observability';
import { INTAKE_HEALTH, IntakeModule } from './intake.module';

/** The intake as its own deployment: the module plus /health and /metrics. Expects ConfigModule beside it. */
@Module({
  imports: [IntakeModule],
  controllers: [ObservabilityController],
  providers: [{ provide: HEALTH_CHECKS, inject: [INTAKE_HEALTH], useFactory: (h: HealthCheck[]) => h }],
})
export class IntakeAppModule {}
