import { z } from 'zod';

/**
 * Roles of signed-in users (domain.md, "People and roles"). Anonymous visitors are the public and
 * have no role: they see only published tables.
 */
export const roleSchema = z.enum(['author', 'department_reviewer', 'finance_reviewer', 'admin', 'auditor']);
export type Role = z.infer<typeof roleSchema>;

/**
 * Kinds of organisation: the finance bureau (财政局) at the top, supervising departments (主管部门)
 * under it, and budget units (预算单位) under a department.
 */
export const organisationKindSchema = z.enum(['finance', 'department', 'unit']);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

export const organisationSchema = z.object({
  id: z.string().uuid(),
  name: z.string().min(1).max(200),
  kind: organisationKindSchema,
  parentId: z.string().uuid().nullable(),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** The user a request acts as, as the server's auth layer puts it on every request. */
export const sessionUserSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  organisationId: z.string().uuid().nullable(),
  roles: z.array(roleSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;
