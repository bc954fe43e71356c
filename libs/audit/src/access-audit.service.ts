import { Injectable } from '@nestjs/common';
import { AccessAuditEntry, AccessAuditQuery, AuditActor, AuditOutcome } from './access-audit';
import { AccessAuditRepository } from './access-audit.repository';

/**
 * The access audit (NEN 7513 style): every read of log data, incidents or cases is recorded
 * with who, what and when, before the data is returned. Other libs (the ketenlog read-back,
 * metrics reads) call {@link record} the same way.
 */
@Injectable()
export class AccessAuditService {
  constructor(private readonly repository: AccessAuditRepository) {}

  /** Records one access. Throws when it cannot be recorded: the caller must then not serve the data. */
  async record(
    actor: AuditActor,
    action: string,
    resource: string,
    details: Record<string, unknown> = {},
    outcome: AuditOutcome = 'granted',
  ): Promise<void> {
    await this.repository.insert(actor, action, resource, outcome, details);
  }

  find(query: AccessAuditQuery): Promise<AccessAuditEntry[]> {
    return this.repository.find(query);
  }
}
