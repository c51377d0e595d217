/** Per-request DataLoaders: relations in lists are fetched once per level of the query, never per row. */
import DataLoader from 'dataloader';
import type { Jurisdiction } from '../modules/jurisdiction/jurisdiction.entity';
import type { ServiceCenter } from '../modules/service-center/service-center.entity';
import type { Services } from '../services';
import type { ServiceItem } from '../modules/catalogue/service-item.types';
import { createApplicationLoaders } from '../modules/application/application.loaders';
import { createEvaluationLoaders, type EvaluationLoaders } from '../modules/evaluation/evaluation.loaders';
import { createAssessmentLoaders, type AssessmentLoaders } from '../modules/assessment/assessment.loaders';

export interface Loaders {
  jurisdiction: DataLoader<number, Jurisdiction | null>;
  children: DataLoader<number, Jurisdiction[]>;
  ancestors: DataLoader<Jurisdiction, Jurisdiction[]>;
  centerByJurisdiction: DataLoader<number, ServiceCenter | null>;
  itemVersion: DataLoader<string, ServiceItem | null>;
  applicationEvents: ReturnType<typeof createApplicationLoaders>['events'];
  applicationNotices: ReturnType<typeof createApplicationLoaders>['notices'];
  applicationMaterials: ReturnType<typeof createApplicationLoaders>['materials'];
  applicationSuspensions: ReturnType<typeof createApplicationLoaders>['suspensions'];
  applicationStages: ReturnType<typeof createApplicationLoaders>['stages'];
  applicationObjections: ReturnType<typeof createApplicationLoaders>['objections'];
  applicationContent: ReturnType<typeof createApplicationLoaders>['content'];
  applicationFormData: ReturnType<typeof createApplicationLoaders>['formData'];
  applicationAgent: ReturnType<typeof createApplicationLoaders>['agent'];
  evaluations: EvaluationLoaders;
  assessments: AssessmentLoaders;
}

export function createLoaders(services: Services): Loaders {
  const app = createApplicationLoaders(services.ds);
  return {
    itemVersion: new DataLoader(async (ids) => {
      const found = await services.catalogue.versionsByIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    applicationEvents: app.events,
    applicationNotices: app.notices,
    applicationMaterials: app.materials,
    applicationSuspensions: app.suspensions,
    applicationStages: app.stages,
    applicationObjections: app.objections,
    applicationContent: app.content,
    applicationFormData: app.formData,
    applicationAgent: app.agent,
    evaluations: createEvaluationLoaders(services.ds),
    assessments: createAssessmentLoaders(services),
    jurisdiction: new DataLoader(async (ids) => {
      const found = await services.jurisdictions.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    children: new DataLoader(async (ids) => {
      const found = await services.jurisdictions.childrenOf(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    ancestors: new DataLoader((nodes) => services.jurisdictions.ancestorsOf(nodes), { cacheKeyFn: (n) => n.id }),
    centerByJurisdiction: new DataLoader(async (ids) => {
      const found = await services.centers.byJurisdictionIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
