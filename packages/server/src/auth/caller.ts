import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { FastifyRequest } from 'fastify';

/**
 * Who asks a use case for something: the signed-in user (null: anonymous) and where the request came
 * from, for the audit log. Use cases take a caller, not an HTTP request, so the demo data, the tests and
 * any other entry point call them alike.
 */
export interface Caller {
  user: SessionUser | null;
  address?: string | null;
}

/** The caller of an HTTP request. */
export function callerOf(request: FastifyRequest): Caller {
  return { user: request.user, address: request.ip };
}

/** Who the audit log records for a caller. */
export function auditActorOf(caller: Caller): AuditActor {
  return { userId: caller.user?.id ?? null, address: caller.address ?? null };
}
