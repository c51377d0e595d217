/** GraphQL shapes of the catalogue: one ServiceItem type showing either its published version or its working copy. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  HandlingKind,
  JurisdictionLevel,
  MaterialForm,
  MaterialMedium,
  MaterialNecessity,
  ServiceCategory,
  ServiceItemStatus,
  ServiceItemType,
  ServiceObject,
  StageKind,
  TimeLimitUnit,
} from '@weimin/domain';

registerEnumType(ServiceItemType, { name: 'ServiceItemType' });
registerEnumType(ServiceCategory, { name: 'ServiceCategory' });
registerEnumType(ServiceItemStatus, { name: 'ServiceItemStatus', description: 'DRAFT → PUBLISHED → WITHDRAWN' });
registerEnumType(TimeLimitUnit, { name: 'TimeLimitUnit' });
registerEnumType(HandlingKind, { name: 'HandlingKind', description: 'INSTANT (即办件) or PROMISED (承诺件)' });
registerEnumType(MaterialNecessity, { name: 'MaterialNecessity' });
registerEnumType(MaterialForm, { name: 'MaterialForm' });
registerEnumType(MaterialMedium, { name: 'MaterialMedium' });
registerEnumType(ServiceObject, { name: 'ServiceObject' });
registerEnumType(StageKind, {
  name: 'StageKind',
  description: 'COLLECT 代收, ACCEPT 受理, REVIEW 审核, PUBLIC_NOTICE 公示, DECIDE 审批/确认; DELIVER 送达 (implicit, at the lodging centre)',
});

export enum ServiceItemEdition {
  PUBLISHED = 'PUBLISHED',
  WORKING = 'WORKING',
}
registerEnumType(ServiceItemEdition, {
  name: 'ServiceItemEdition',
  description: 'PUBLISHED: the live version citizens see. WORKING: the copy administrators edit (their scope only).',
});

@ObjectType({ simpleResolvers: true })
@InputType('MaterialRequirementInput')
export class MaterialRequirement {
  @Field() name: string;
  @Field(() => MaterialForm) form: MaterialForm;
  @Field(() => MaterialMedium) medium: MaterialMedium;
  @Field(() => Int) copies: number;
  @Field(() => MaterialNecessity) necessity: MaterialNecessity;
  @Field(() => String, { nullable: true, description: 'When a CONDITIONAL material is needed' }) condition?: string | null;
  @Field(() => String, { nullable: true }) acceptanceStandard?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'A blank form to fill in: the id of a PDF or DOCX uploaded with POST /api/files?purpose=blank-form (null: none)',
  })
  blankFormFileId?: string | null;
  /** Kept beside the id when the item is saved (not an input): name, type and size of the form. */
  blankForm?: { fileId: string; fileName: string; mimeType: string; sizeBytes: number } | null;
}

@ObjectType({ description: 'A blank application form, downloadable by anyone from the published guide' })
export class BlankForm {
  @Field(() => Int, { description: 'Position of its material in the materials list (from 0)' }) materialIndex: number;
  @Field({ description: 'The material it is the form of' }) material: string;
  @Field() fileName: string;
  @Field({ description: 'application/pdf or the Word (DOCX) type' }) mimeType: string;
  @Field(() => Int) sizeBytes: number;
  @Field({ description: 'Public download address (/api/forms/<id>), cacheable' }) url: string;
}

@ObjectType({ simpleResolvers: true })
@InputType('ProcedureStepInput')
export class ProcedureStep {
  @Field() title: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType({ simpleResolvers: true })
@InputType('FeeItemInput')
export class FeeItem {
  @Field() name: string;
  @Field({ description: 'Fee standard, e.g. 每证10元' }) standard: string;
  @Field({ description: 'Fee basis (the pricing document)' }) basis: string;
}

@ObjectType({ simpleResolvers: true })
@InputType('FeeInput')
export class Fee {
  @Field() free: boolean;
  @Field(() => [FeeItem]) items: FeeItem[];
}

@ObjectType({ simpleResolvers: true })
@InputType('DelegationInput')
export class Delegation {
  @Field() entrustingDepartment: string;
  @Field({ description: 'The entrustment document' }) document: string;
}

@ObjectType({ simpleResolvers: true, description: '暂不进驻: handled outside the centre' })
@InputType('ExemptionInput')
export class Exemption {
  @Field({ description: 'The approving document' }) document: string;
  @Field() office: string;
  @Field() address: string;
  @Field() phone: string;
}

@ObjectType({ simpleResolvers: true })
@InputType('FaqEntryInput')
export class FaqEntry {
  @Field() question: string;
  @Field() answer: string;
}

@ObjectType({ simpleResolvers: true, description: 'One stage of the handling chain (办理环节)' })
@InputType('ChainStageInput')
export class ChainStage {
  @Field(() => StageKind) kind: StageKind;
  @Field(() => JurisdictionLevel, { description: 'Where it happens: the centre of this level above the applicant\'s place' }) level: JurisdictionLevel;
  @Field({ description: 'e.g. 村代办员收件, 乡镇审核, 村级公示, 县民政局审批确认 (at most 50 characters)' }) name: string;
  @Field(() => Int, { description: 'Time limit of the stage, 0–3650' }) limit: number;
  @Field(() => TimeLimitUnit, { description: 'A public notice runs in CALENDAR_DAYS' }) unit: TimeLimitUnit;
}

/** The content fields, shared by the output type and the inputs. */
@ObjectType('ServiceItemContent')
@InputType('ServiceItemContentBase')
export class ServiceItemContentFields {
  @Field() name: string;
  @Field(() => ServiceItemType) type: ServiceItemType;
  @Field(() => ServiceCategory) category: ServiceCategory;
  @Field(() => JurisdictionLevel, { description: 'The level it is handled at' }) handlingLevel: JurisdictionLevel;
  @Field() handlingDepartment: string;
  @Field(() => Delegation, { nullable: true }) delegation: Delegation | null;
  @Field() legalBasis: string;
  @Field() conditions: string;
  @Field(() => ServiceObject) serviceObject: ServiceObject;
  @Field(() => [MaterialRequirement]) materials: MaterialRequirement[];
  @Field(() => [ProcedureStep]) procedure: ProcedureStep[];
  @Field(() => Int, { nullable: true }) statutoryLimit: number | null;
  @Field(() => TimeLimitUnit, { nullable: true }) statutoryUnit: TimeLimitUnit | null;
  @Field(() => Int) promisedLimit: number;
  @Field(() => TimeLimitUnit) promisedUnit: TimeLimitUnit;
  @Field(() => HandlingKind) handlingKind: HandlingKind;
  @Field(() => Fee) fee: Fee;
  @Field(() => Int, { description: 'Visits to the centre needed' }) visitsRequired: number;
  @Field() onlineCapable: boolean;
  @Field() consultationPhone: string;
  @Field() supervisionPhone: string;
  @Field({ description: 'Where it is handled' }) location: string;
  @Field() officeHours: string;
  @Field(() => [FaqEntry]) faq: FaqEntry[];
  @Field(() => Exemption, { nullable: true }) exemption: Exemption | null;
  @Field(() => [ChainStage], { nullable: true, description: 'The handling chain across the levels (at most 10 stages); null = the one-stage chain at handlingLevel. Read handlingChain for the effective one.' })
  chain?: ChainStage[] | null;
  @Field(() => Int, { nullable: true, description: 'Longest extension of the decision period in working days (Art. 42), 0–60; null = 10' })
  extensionLimit?: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A service item as one edition: the published version or the working copy' })
export class ServiceItem extends ServiceItemContentFields {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field(() => ServiceItemStatus) status: ServiceItemStatus;
  @Field(() => ServiceItemEdition) edition: ServiceItemEdition;
  @Field(() => Int, { description: 'Optimistic lock of the working copy: pass it to updateServiceItem' }) version: number;
  @Field(() => Int, { nullable: true, description: 'Number of the published version shown, or the latest one' }) versionNo: number | null;
  @Field({ description: 'The working copy differs from the published version' }) hasUnpublishedChanges: boolean;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field() updatedAt: Date;
  @Field(() => String, { nullable: true }) withdrawnReason: string | null;
  @Field({ description: 'Demo data shipped with the system' }) demo: boolean;
  ownerId: number;
  /** Set when the owner came with the item's row. */
  owner?: import('../jurisdiction/jurisdiction.entity').Jurisdiction;
}

@InputType()
export class ServiceItemContentInput extends ServiceItemContentFields {}

@InputType()
export class CreateServiceItemInput extends ServiceItemContentFields {
  @Field(() => ID, { description: 'The jurisdiction whose directory holds the item' }) ownerId: string;
  @Field({ description: 'Item code, unique within the directory' }) code: string;
}

@InputType()
export class ServiceItemFilter {
  @Field(() => ID, { nullable: true, description: 'What a citizen at this jurisdiction can apply for there: published items of its level owned by it or an ancestor' })
  availableAt?: string | null;
  @Field(() => ID, { nullable: true, description: 'Items of this directory' }) ownerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Items of the directories of this jurisdiction and everything below it' }) ownerWithin?: string | null;
  @Field(() => JurisdictionLevel, { nullable: true }) level?: JurisdictionLevel | null;
  @Field(() => ServiceCategory, { nullable: true }) category?: ServiceCategory | null;
  @Field(() => ServiceItemType, { nullable: true }) type?: ServiceItemType | null;
  @Field(() => ServiceItemStatus, { nullable: true, description: 'Only with the WORKING edition; the published edition only lists PUBLISHED items' })
  status?: ServiceItemStatus | null;
  @Field(() => String, { nullable: true, description: 'Part of the name or the code' }) search?: string | null;
}
