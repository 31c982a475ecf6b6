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

/** Limits of account fields, in one place for the API, the forms and the database. */
export const accountLimits = {
  usernameMax: 64,
  displayNameMax: 100,
  passwordMin: 8,
  passwordMax: 200,
} as const;

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(accountLimits.usernameMax)
  .regex(/^[a-z0-9._-]+$/, 'letters, digits, dot, dash, underscore');
const passwordSchema = z.string().min(accountLimits.passwordMin).max(accountLimits.passwordMax);

/** A user as the admin API returns it: never the password hash. */
export const userSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  organisationId: z.string().uuid().nullable(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  mustChangePassword: z
    .boolean()
    .describe(
      'Set when an administrator created the account or set its password: the next sign-in asks for a new one',
    ),
  createdAt: z.string().datetime(),
});
export type User = z.infer<typeof userSchema>;

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(accountLimits.displayNameMax),
  organisationId: z.string().uuid().nullable(),
  roles: z.array(roleSchema).min(1),
  password: passwordSchema,
});
export type UserCreate = z.infer<typeof userCreateSchema>;

/** Admin edits of a user; every field optional, only those sent change. */
export const userUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(accountLimits.displayNameMax).optional(),
  organisationId: z.string().uuid().nullable().optional(),
  roles: z.array(roleSchema).min(1).optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const passwordResetSchema = z.object({ password: passwordSchema });

/** A signed-in user's own password change: the current password proves it is them, not a borrowed session. */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(accountLimits.passwordMax),
  newPassword: passwordSchema,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(accountLimits.usernameMax),
  password: z.string().min(1).max(accountLimits.passwordMax),
});
export type Login = z.infer<typeof loginSchema>;

export const organisationCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: organisationKindSchema,
  parentId: z.string().uuid().nullable(),
});
export type OrganisationCreate = z.infer<typeof organisationCreateSchema>;

export const organisationUpdateSchema = organisationCreateSchema.partial();
export type OrganisationUpdate = z.infer<typeof organisationUpdateSchema>;
