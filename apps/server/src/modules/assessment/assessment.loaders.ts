/** Per-request loaders of assessments' parts, so a list of assessments costs one statement per part. */
import DataLoader from 'dataloader';
import type { AssessmentSchemeRow } from '../policy/policy.service';
import type { Services } from '../../services';
import type { ScoreRow } from './assessment.types';

export function createAssessmentLoaders(services: Pick<Services, 'assessments' | 'policy'>) {
  return {
    scores: new DataLoader<string, ScoreRow[]>(async (ids) => {
      const found = await services.assessments.scoresOf(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    scheme: new DataLoader<number, AssessmentSchemeRow | null>(async (versions) => {
      const found = await services.policy.schemesByVersion(versions);
      return versions.map((v) => found.get(v) ?? null);
    }),
  };
}

export type AssessmentLoaders = ReturnType<typeof createAssessmentLoaders>;
