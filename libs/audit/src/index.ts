export { AccessAuditEntry, AccessAuditQuery, AuditActor, AuditOutcome } from './access-audit';
export { AccessAuditModule } from './access-audit.module';
export { AccessAuditService } from './access-audit.service';
export { AccessAuditInterceptor } from './access-audit.interceptor';
