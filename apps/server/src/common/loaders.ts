/** Per-request DataLoaders: relations in lists are fetched once per level of the query, never per row. */
import DataLoader from 'dataloader';
import type { Jurisdiction } from '../modules/jurisdiction/jurisdiction.entity';
import type { ServiceCenter } from '../modules/service-center/service-center.entity';
import type { Services } from '../services';

export interface Loaders {
  jurisdiction: DataLoader<number, Jurisdiction | null>;
  children: DataLoader<number, Jurisdiction[]>;
  ancestors: DataLoader<Jurisdiction, Jurisdiction[]>;
  centerByJurisdiction: DataLoader<number, ServiceCenter | null>;
}

export function createLoaders(services: Services): Loaders {
  return {
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
