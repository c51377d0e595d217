/** The Application object type, built from a row for one viewer (personal data masked unless they may see it). */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ApplicationStatus, maskIdNumber, maskPhone } from '@weimin/domain';
import type { Viewer } from '../../common/context';
import { DateScalar } from '../../common/scalars';
import { maySeePersonalData } from './application.access';
import type { ApplicationRow } from './application.service';
import { Applicant, Decision, Delivery, Receipt, Rejection } from './application.types';

@ObjectType({ description: '办件: one request by one applicant for one item' })
export class Application {
  @Field(() => ID) id: string;
  @Field({ description: 'Application number (办件编号)' }) number: string;
  @Field(() => ApplicationStatus) status: ApplicationStatus;
  @Field() submittedAt: Date;
  @Field(() => DateScalar, { description: 'The day the materials (or the latest supplement) arrived' }) receivedOn: string;
  @Field(() => Date, { nullable: true }) acceptedAt: Date | null;
  @Field(() => DateScalar, { nullable: true }) acceptedOn: string | null;
  @Field(() => DateScalar, { nullable: true }) dueDate: string | null;
  @Field(() => DateScalar, { nullable: true }) supplementDeadline: string | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => Applicant) applicant: Applicant;
  @Field({ description: 'Submitted by a village agent for the applicant' }) onBehalf: boolean;
  @Field(() => String, { nullable: true, description: "How the villager's consent was given (agent applications)" }) consent: string | null;
  @Field(() => String, { nullable: true, description: 'With the number, tracks the application without login; shown to the applicant, their agent and handling clerks' })
  lookupCode: string | null;
  @Field(() => Receipt, { nullable: true }) receipt: Receipt | null;
  @Field(() => Decision, { nullable: true }) decision: Decision | null;
  @Field(() => Rejection, { nullable: true }) rejection: Rejection | null;
  @Field(() => Delivery, { nullable: true }) delivery: Delivery | null;
  @Field(() => String, { nullable: true }) withdrawalReason: string | null;
  /** Set when the row carries the answers (one application); list rows leave it to a loader. */
  formData?: string;
  @Field(() => Int) version: number;
  row: ApplicationRow;
}

const dateOf = (v: unknown): Date | null => (v == null ? null : new Date(v as string));

export function toApplication(r: ApplicationRow, viewer: Viewer | null): Application {
  const full = maySeePersonalData(viewer, r);
  const a = new Application();
  a.row = r;
  a.id = r.id;
  a.number = r.number;
  a.status = r.status;
  a.submittedAt = r.submitted_at;
  a.receivedOn = r.received_on;
  a.acceptedAt = r.accepted_at;
  a.acceptedOn = r.accepted_on;
  a.dueDate = r.due_date;
  a.supplementDeadline = r.supplement_deadline;
  a.completedAt = r.completed_at;
  a.deliveredAt = r.delivered_at;
  a.applicant = {
    name: r.applicant_name,
    idNumber: full ? r.applicant_id_number : maskIdNumber(r.applicant_id_number),
    phone: r.applicant_phone && (full ? r.applicant_phone : maskPhone(r.applicant_phone)),
  };
  a.onBehalf = r.on_behalf;
  a.consent = (r.consent?.statement as string | undefined) ?? null;
  a.lookupCode = full ? r.lookup_code : null;
  a.receipt = r.receipt_number && r.accepted_on && r.due_date
    ? { number: r.receipt_number, issuedAt: r.accepted_at as Date, acceptedOn: r.accepted_on, dueDate: r.due_date, lookupCode: full ? r.lookup_code : '******', deemed: r.deemed_accepted }
    : null;
  a.decision = r.decision ? ({ ...r.decision, decidedAt: dateOf(r.decision.decidedAt) } as unknown as Decision) : null;
  a.rejection = r.rejection ? ({ ...r.rejection, rejectedAt: dateOf(r.rejection.rejectedAt) } as unknown as Rejection) : null;
  a.delivery = (r.delivery as unknown as Delivery) ?? null;
  a.withdrawalReason = (r as unknown as { withdrawal_reason: string | null }).withdrawal_reason;
  if (r.form_data !== undefined) a.formData = JSON.stringify(r.form_data ?? {});
  a.version = r.version;
  return a;
}
