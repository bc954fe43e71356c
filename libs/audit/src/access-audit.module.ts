import { Module } from '@nestjs/common';
import { AccessAuditRepository } from './access-audit.repository';
import { AccessAuditService } from './access-audit.service';

/** Provides {@link AccessAuditService}; needs `PostgresModule` in the application. */
@Module({
  providers: [AccessAuditRepository, AccessAuditService],
  exports: [AccessAuditService],
})
export class AccessAuditModule {}
