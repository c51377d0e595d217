/** GraphQL shapes of applications (办件): the application, its receipt, notices, history and the inputs of each action. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ApplicationAction, ApplicationStatus, JurisdictionLevel, StageAction, StageKind, TimeLimitUnit } from '@weimin/domain';
import { GraphQLJSON } from 'graphql-scalars';
import type { TextParams } from '@weimin/domain';
import { DateScalar } from '../../common/scalars';

registerEnumType(ApplicationStatus, { name: 'ApplicationStatus' });
// One enum for everything in a history or in nextActions: the status actions and the stage moves.
export const AnyActionEnum = { ...ApplicationAction, ...StageAction };
registerEnumType(AnyActionEnum, { name: 'ApplicationAction', description: 'Status actions (the transition table) and stage moves (FORWARD, RETURN, REFER, EXTEND, OBJECT, RESOLVE_OBJECTION, END_PUBLIC_NOTICE)' });

export enum StageOutcome {
  FORWARDED = 'FORWARDED',
  RETURNED = 'RETURNED',
  RETURNED_FOR_SUPPLEMENT = 'RETURNED_FOR_SUPPLEMENT',
  SUPPLEMENTED = 'SUPPLEMENTED',
  REFERRED = 'REFERRED',
  ACCEPTED = 'ACCEPTED',
  DEEMED_ACCEPTED = 'DEEMED_ACCEPTED',
  REJECTED = 'REJECTED',
  DECIDED = 'DECIDED',
  DELIVERED = 'DELIVERED',
  WITHDRAWN = 'WITHDRAWN',
  LAPSED = 'LAPSED',
  NOTICE_ENDED = 'NOTICE_ENDED',
}
registerEnumType(StageOutcome, { name: 'StageOutcome', description: 'How a stage ended' });

export enum DecisionResult {
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
}
registerEnumType(DecisionResult, { name: 'DecisionResult', description: 'APPROVED 准予 / DENIED 不予批准' });

export enum SpecialProcedure {
  HEARING = 'HEARING',
  TESTING = 'TESTING',
  EXPERT_REVIEW = 'EXPERT_REVIEW',
  INSPECTION = 'INSPECTION',
  PUBLIC_NOTICE = 'PUBLIC_NOTICE',
  OTHER = 'OTHER',
}
registerEnumType(SpecialProcedure, { name: 'SpecialProcedure', description: 'Procedures whose time is not counted (Administrative Licensing Law Art. 45)' });

export enum DeliveryMethod {
  PICKUP = 'PICKUP',
  MAIL = 'MAIL',
  ELECTRONIC = 'ELECTRONIC',
}
registerEnumType(DeliveryMethod, { name: 'DeliveryMethod' });

@ObjectType({ description: '受理凭证: written proof of acceptance' })
export class Receipt {
  @Field() number: string;
  @Field() issuedAt: Date;
  @Field(() => DateScalar, { description: 'The day the application counts as accepted' }) acceptedOn: string;
  @Field(() => DateScalar) dueDate: string;
  @Field({ description: 'With the application number, lets anyone track it without logging in' }) lookupCode: string;
  @Field({ description: 'Accepted automatically because no decision came within 5 working days of receipt (Art. 32)' }) deemed: boolean;
}

@ObjectType()
export class NoticeItem {
  @Field({ description: 'The material requirement concerned' }) material: string;
  @Field({ description: 'What is missing or wrong' }) problem: string;
}

@ObjectType({ description: '一次性告知书: everything missing, listed at once' })
export class DeficiencyNotice {
  @Field(() => ID) id: string;
  @Field(() => Int) sequence: number;
  @Field() issuedAt: Date;
  @Field(() => [NoticeItem]) items: NoticeItem[];
  @Field(() => DateScalar) supplementDeadline: string;
  @Field({ description: 'A second or later notice (allowed only for materials changed in the latest supplement)' }) isRepeat: boolean;
}

@ObjectType()
export class ApplicationEvent {
  @Field(() => AnyActionEnum) action: ApplicationAction | StageAction;
  @Field(() => ApplicationStatus, { nullable: true }) fromStatus: ApplicationStatus | null;
  @Field(() => ApplicationStatus) toStatus: ApplicationStatus;
  @Field() at: Date;
  @Field({ description: 'Who acted, in Chinese: a name and role, or 系统 for automatic steps (the web shows actorRole and actorName)' }) actor: string;
  @Field({ description: 'APPLICANT, AGENT, CLERK, SYSTEM or PUBLIC; its words are `application.actor.<role>` of the text catalogue' }) actorRole: string;
  @Field(() => String, { nullable: true, description: 'The person who acted, where shown (not on public tracking)' }) actorName: string | null;
  @Field(() => String, { nullable: true, description: 'In Chinese; with noteKey, the words of that key, else what the person typed' }) note: string | null;
  @Field(() => String, { nullable: true, description: 'Key of the text catalogue for a line the server composed (packages/domain/src/texts); null: note is what a person typed, or from before keys' })
  noteKey: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Parameters of noteKey' }) noteParams: TextParams | null;
}

@ObjectType()
export class Decision {
  @Field(() => DecisionResult) result: DecisionResult;
  @Field(() => String, { nullable: true }) reasons: string | null;
  @Field(() => String, { nullable: true }) resultDocumentNumber: string | null;
  @Field(() => String, { nullable: true }) feeReceiptNumber: string | null;
  @Field(() => String, { nullable: true, description: 'Printed on a denial' }) appealRights: string | null;
  @Field() decidedAt: Date;
}

@ObjectType({ description: '不予受理: reasons, legal basis, where to go instead, appeal rights' })
export class Rejection {
  @Field() reason: string;
  @Field() legalBasis: string;
  @Field(() => String, { nullable: true }) competentBody: string | null;
  @Field() appealRights: string;
  @Field() rejectedAt: Date;
}

@ObjectType()
export class Delivery {
  @Field(() => DeliveryMethod) method: DeliveryMethod;
  @Field(() => DateScalar) deliveredOn: string;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType()
export class Suspension {
  @Field(() => SpecialProcedure) kind: SpecialProcedure;
  @Field() reason: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar, { nullable: true }) to: string | null;
}

@ObjectType()
export class SuppliedMaterial {
  @Field() requirement: string;
  @Field(() => ID) fileId: string;
  @Field() fileName: string;
  @Field() mimeType: string;
  @Field(() => Int, { description: '1 for the first submission, then one more per supplement' }) round: number;
  @Field({ description: 'Download URL (same access as the application)' }) url: string;
}

@ObjectType()
export class Applicant {
  @Field() name: string;
  @Field({ description: 'Masked except to the applicant and handling staff' }) idNumber: string;
  @Field(() => String, { nullable: true, description: 'Masked except to the applicant and handling staff' }) phone: string | null;
}

@ObjectType({ description: 'What anyone with the number and lookup code sees: no personal data' })
export class ApplicationTracking {
  @Field() number: string;
  @Field(() => ApplicationStatus) status: ApplicationStatus;
  @Field() serviceItemName: string;
  @Field() handlingCenter: string;
  @Field() submittedAt: Date;
  @Field(() => DateScalar, { nullable: true }) acceptedOn: string | null;
  @Field(() => DateScalar, { nullable: true }) dueDate: string | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => DecisionResult, { nullable: true }) decision: DecisionResult | null;
  @Field({ description: 'What happens next, in Chinese (the web shows nextStepKey)' }) nextStep: string;
  @Field({ description: 'Key of the text catalogue for what happens next' }) nextStepKey: string;
  @Field(() => GraphQLJSON, { description: 'Parameters of nextStepKey' }) nextStepParams: TextParams;
  @Field(() => [ApplicationEvent]) events: ApplicationEvent[];
}

// ---------- inputs ----------

@InputType()
export class MaterialFilesInput {
  @Field({ description: 'Name of the material requirement of the item' }) @MaxLength(200) requirement: string;
  @Field(() => [ID], { description: 'Uploaded files (at most 20); may be empty only when paperOriginal is set' }) @ArrayMaxSize(20) fileIds: string[];
  @Field(() => Boolean, { nullable: true, description: 'Station or window only: the paper original was received instead of a scan' }) @IsOptional() paperOriginal?: boolean | null;
}

@InputType()
export class OnBehalfInput {
  @Field() @MinLength(1) @MaxLength(50) name: string;
  @Field({ description: '18-character resident ID number' }) idNumber: string;
  @Field(() => String, { nullable: true, description: 'Mobile for the SMS at lodging and at every stage change; required unless noPhone is set. At most 30 characters.' })
  @IsOptional() @MaxLength(30) phone?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The person has no phone: no SMS is sent and the application shows it; an empty phone without this mark is refused' })
  @IsOptional() noPhone?: boolean | null;
  @Field({ description: 'How the villager consented, e.g. 本人签字的代办委托书, and where it is kept' }) @MinLength(2) @MaxLength(500) consent: string;
}

@InputType()
export class SubmitApplicationInput {
  @Field(() => ID) serviceItemId: string;
  @Field(() => ID, { description: 'Where it is handled: a jurisdiction where the item is available' }) jurisdictionId: string;
  @Field(() => String, { nullable: true, description: 'Free-form answers (JSON object as text), e.g. bank account for a subsidy' })
  @IsOptional() @MaxLength(20000) formData?: string | null;
  @Field(() => [MaterialFilesInput]) @ArrayMaxSize(50) @ValidateNested({ each: true }) materials: MaterialFilesInput[];
  @Field(() => OnBehalfInput, { nullable: true, description: 'Agents: the villager applied for; clerks (窗口代录): the person at the window' }) @IsOptional() @ValidateNested() onBehalfOf?: OnBehalfInput | null;
  @Field({ description: 'Unique per attempt: a retried submit returns the same application' }) @MinLength(8) @MaxLength(100) idempotencyKey: string;
}

@InputType()
export class NoticeItemInput {
  @Field() @MinLength(1) @MaxLength(200) material: string;
  @Field() @MinLength(2) @MaxLength(500) problem: string;
}

@InputType()
export class NotifyDeficiencyInput {
  @Field(() => [NoticeItemInput]) @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) items: NoticeItemInput[];
  @Field(() => DateScalar, { nullable: true, description: 'Default: 15 working days from today' }) supplementDeadline?: string | null;
}

@InputType()
export class SupplementInput {
  @Field(() => [MaterialFilesInput]) @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) materials: MaterialFilesInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) note?: string | null;
}

@InputType()
export class RejectInput {
  @Field() @MinLength(2) @MaxLength(2000) reason: string;
  @Field() @MinLength(2) @MaxLength(1000) legalBasis: string;
  @Field(() => String, { nullable: true, description: 'The body competent to handle it instead' }) @IsOptional() @MaxLength(300) competentBody?: string | null;
}

@InputType()
export class SuspendInput {
  @Field(() => SpecialProcedure) kind: SpecialProcedure;
  @Field() @MinLength(2) @MaxLength(1000) reason: string;
}

@InputType()
export class CompleteInput {
  @Field(() => DecisionResult) result: DecisionResult;
  @Field(() => String, { nullable: true, description: 'Required for DENIED' }) @IsOptional() @MaxLength(2000) reasons?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) resultDocumentNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Required when the item charges a fee and it is approved' }) @IsOptional() @MaxLength(100) feeReceiptNumber?: string | null;
}

@InputType()
export class DeliverInput {
  @Field(() => DeliveryMethod) method: DeliveryMethod;
  @Field(() => String, { nullable: true, description: 'Required for MAIL' }) @IsOptional() @MaxLength(100) trackingNumber?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) note?: string | null;
}

// ---------- linkage across the levels ----------

@InputType()
export class ReturnApplicationInput {
  @Field({ description: 'Why it goes back (2–1000 characters); told to the previous stage and the applicant' }) @MinLength(2) @MaxLength(1000) reason: string;
  @Field(() => [NoticeItemInput], { nullable: true, description: 'Materials the applicant must add: the application goes back through the accepting window as a repeat notice (at most 50)' })
  @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) materials?: NoticeItemInput[] | null;
  @Field(() => DateScalar, { nullable: true, description: 'With materials: the supplement deadline (default 15 working days)' }) supplementDeadline?: string | null;
}

@InputType()
export class ExtendInput {
  @Field(() => Int, { description: 'Working days, 1 to the item\'s extension limit (default 10)' }) workingDays: number;
  @Field({ description: 'Reasons told to the applicant (2–1000 characters), printed on the 延期通知书' }) @MinLength(2) @MaxLength(1000) reason: string;
}

@InputType()
export class ObjectionInput {
  @Field({ description: 'Who objects (1–50 characters)' }) @MinLength(1) @MaxLength(50) name: string;
  @Field({ description: 'A phone to reach them (5–30 characters)' }) @MinLength(5) @MaxLength(30) phone: string;
  @Field({ description: 'What is objected to (5–1000 characters)' }) @MinLength(5) @MaxLength(1000) reason: string;
}

@InputType()
export class ResolveObjectionInput {
  @Field({ description: 'How it was checked and resolved (2–1000 characters)' }) @MinLength(2) @MaxLength(1000) resolution: string;
  @Field({ description: 'The objection was found true (the application should then be returned)' }) upheld: boolean;
}

@ObjectType({ description: 'The one extension of the decision period (行政许可法 Art. 42): how long, why, when decided' })
export class ApplicationExtension {
  @Field(() => Int) workingDays: number;
  @Field() reason: string;
  @Field(() => DateScalar) extendedOn: string;
  @Field(() => DateScalar, { nullable: true, description: 'The due date before the extension' }) previousDueDate: string | null;
}

@ObjectType({ description: 'One stage an application passes (办理环节): where, since when, until when, how it ended' })
export class ApplicationStage {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Position in this application\'s route' }) index: number;
  @Field(() => StageKind) kind: StageKind;
  @Field() name: string;
  @Field(() => JurisdictionLevel) level: JurisdictionLevel;
  @Field({ description: 'The centre holding it at this stage' }) centre: string;
  @Field(() => ID) centreJurisdictionId: string;
  @Field(() => Int) limit: number;
  @Field(() => TimeLimitUnit) unit: TimeLimitUnit;
  @Field(() => DateScalar) arrivedOn: string;
  @Field(() => DateScalar) dueOn: string;
  @Field(() => DateScalar, { nullable: true }) doneOn: string | null;
  @Field(() => StageOutcome, { nullable: true }) outcome: StageOutcome | null;
  @Field(() => String, { nullable: true, description: 'Reasons of a return, referral or extension (not shown on public tracking); in Chinese where noteKey is set' }) note: string | null;
  @Field(() => String, { nullable: true, description: 'Key of the text catalogue when the note was composed by the server' }) noteKey: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Parameters of noteKey' }) noteParams: TextParams | null;
  @Field(() => Int, { nullable: true, description: 'Working days added by an extension' }) extendedDays: number | null;
  @Field({ description: 'Not done by the end of its due day' }) overdue: boolean;
  @Field({ description: 'Not done and due within the warning window' }) warning: boolean;
}

@ObjectType({ description: '异议: lodged against an application during its public notice' })
export class Objection {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'Shown to the handling clerks only' }) phone: string;
  @Field() reason: string;
  @Field() lodgedAt: Date;
  @Field(() => String, { nullable: true }) resolution: string | null;
  @Field(() => Boolean, { nullable: true }) upheld: boolean | null;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
}

@ObjectType({ description: 'One entry of a public-notice board (公示栏): masked, no ID number or phone' })
export class PublicNotice {
  @Field(() => ID, { description: 'Pass it to objectToPublicNotice' }) applicationId: string;
  @Field() serviceItemName: string;
  @Field({ description: 'Masked, e.g. 张*' }) applicantName: string;
  @Field({ description: 'Where the applicant lodged it' }) place: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar, { description: 'Last day of the notice' }) to: string;
  @Field(() => Int, { description: 'Objections lodged so far' }) objections: number;
}

@ObjectType({ description: 'Where a refused or denied applicant may appeal: set on the handling centre or the nearest centre above it' })
export class AppealBodies {
  @Field(() => String, { nullable: true, description: 'The 行政复议 body (e.g. 六安市金安区人民政府); null: not set anywhere above' }) reviewBody: string | null;
  @Field(() => String, { nullable: true, description: 'The court for 行政诉讼 (e.g. 六安市金安区人民法院); null: not set anywhere above' }) court: string | null;
}
