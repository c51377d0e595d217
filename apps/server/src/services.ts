/** The services of one server process, created once and handed to every request through its context. */
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { AccountService } from './modules/account/account.service';
import { AuditService } from './modules/audit/audit.service';
import { ServiceItemService } from './modules/catalogue/service-item.service';
import { JurisdictionService } from './modules/jurisdiction/jurisdiction.service';
import { ServiceCenterService } from './modules/service-center/service-center.service';

export interface Services {
  ds: DataSource;
  audit: AuditService;
  accounts: AccountService;
  jurisdictions: JurisdictionService;
  centers: ServiceCenterService;
  catalogue: ServiceItemService;
}

export function createServices(ds: DataSource, config: Config): Services {
  const audit = new AuditService();
  const jurisdictions = new JurisdictionService(ds);
  return {
    ds,
    audit,
    accounts: new AccountService(ds, config),
    jurisdictions,
    centers: new ServiceCenterService(ds, jurisdictions, audit),
    catalogue: new ServiceItemService(ds, jurisdictions, audit),
  };
}
