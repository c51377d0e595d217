/**
 * Authorisation of root fields, deny by default. Every Query and Mutation carries exactly one access rule,
 * recorded in the field's extensions (so the schema can be checked) and enforced by a middleware. Scope within
 * the tree (which jurisdiction) is checked by the services, which know the target.
 */
import { Extensions, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { Role } from '@weimin/domain';
import { hasRole, type RequestContext } from './context';
import { AppError, ForbiddenError, UnauthenticatedError } from './errors';

export type AccessRule = { kind: 'public' } | { kind: 'authenticated'; duringPasswordChange?: boolean } | { kind: 'roles'; roles: Role[] };

function decorate(rule: AccessRule): MethodDecorator {
  const check: MiddlewareFn<RequestContext> = ({ context }, next) => {
    if (rule.kind === 'public') return next();
    if (!context.viewer) throw new UnauthenticatedError();
    if (context.viewer.mustChangePassword && !(rule.kind === 'authenticated' && rule.duringPasswordChange)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first', {}, 'account.passwordChangeRequired');
    }
    if (rule.kind === 'roles' && !hasRole(context.viewer, rule.roles)) {
      throw new ForbiddenError(`This needs one of the roles ${rule.roles.join(', ')}`, 'forbidden.role', { roles: rule.roles.join(', ') });
    }
    return next();
  };
  const describe = rule.kind === 'roles' ? `roles:${rule.roles.join(',')}` : rule.kind === 'authenticated' && rule.duringPasswordChange ? 'authenticated:password-change' : rule.kind;
  return (target, key, descriptor) => {
    Extensions({ access: describe })(target, key as string, descriptor);
    UseMiddleware(check)(target, key as string, descriptor);
  };
}

/** Anyone, logged in or not. */
export const Public = (): MethodDecorator => decorate({ kind: 'public' });
/** Any logged-in user. */
export const Authenticated = (): MethodDecorator => decorate({ kind: 'authenticated' });
/** Any logged-in user, even one who must still change a temporary password (changing it, the profile page). */
export const AuthenticatedDuringPasswordChange = (): MethodDecorator => decorate({ kind: 'authenticated', duringPasswordChange: true });
/** A user holding one of these roles somewhere; the service checks the jurisdiction. */
export const RequireRole = (...roles: Role[]): MethodDecorator => decorate({ kind: 'roles', roles });

/** Root fields without an access rule; the server refuses to start while there are any. */
export function fieldsWithoutAccessRule(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (typeof field.extensions?.access !== 'string') missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}
