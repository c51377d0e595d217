import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { fieldsWithoutAccessRule } from './common/access';
import { validateArgument } from './common/validation';
import { documentLimits } from './common/input-guard';
import { AccountResolver, RoleAssignmentResolver } from './modules/account/account.resolver';
import { DirectoryResolver } from './modules/catalogue/directory.resolver';
import { ApplicationResolver } from './modules/application/application.resolver';
import { ApplicationStageResolver, ApplicationTrackingStageResolver } from './modules/application/application.stage.resolver';
import { CalendarResolver } from './modules/calendar/calendar.resolver';
import { NotificationResolver } from './modules/notification/notification.resolver';
import { ServiceItemResolver } from './modules/catalogue/service-item.resolver';
import { JurisdictionResolver } from './modules/jurisdiction/jurisdiction.resolver';
import { ServiceCenterResolver } from './modules/service-center/service-center.resolver';
import { ApplicationEvaluationResolver, EvaluationResolver, RectificationResolver } from './modules/evaluation/evaluation.resolver';
import { PolicyResolver } from './modules/policy/policy.resolver';
import { AssessmentResolver, AssessmentScoreResolver } from './modules/assessment/assessment.resolver';
import { DashboardResolver } from './modules/dashboard/dashboard.resolver';
import { UserAdminResolver, UserResolver } from './modules/user/user.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { StageFiguresResolver } from './modules/dashboard/stage-figures.resolver';

export const RESOLVERS = [AccountResolver, RoleAssignmentResolver, JurisdictionResolver, ServiceCenterResolver, ServiceItemResolver, DirectoryResolver,
  ApplicationResolver, ApplicationStageResolver, ApplicationTrackingStageResolver, CalendarResolver, NotificationResolver,
  ApplicationEvaluationResolver, EvaluationResolver, RectificationResolver, PolicyResolver, AssessmentResolver, AssessmentScoreResolver,
  DashboardResolver, UserAdminResolver, UserResolver, AuditResolver, StageFiguresResolver] as const;

let built: Promise<GraphQLSchema> | null = null;

/** The GraphQL schema; refuses to build while any root field lacks an access rule (deny by default). */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...RESOLVERS] as unknown as [Function, ...Function[]],
    validateFn: validateArgument,
  }).then((schema) => {
    const missing = fieldsWithoutAccessRule(schema);
    if (missing.length) throw new Error(`Root fields without an access rule: ${missing.join(', ')}`);
    documentLimits(schema);
    return schema;
  });
  return built;
}
