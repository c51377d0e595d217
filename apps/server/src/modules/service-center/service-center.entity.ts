import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CenterStatus, Facility } from '@weimin/domain';

registerEnumType(CenterStatus, { name: 'CenterStatus' });
registerEnumType(Facility, { name: 'Facility', description: 'The ten standard facilities (十有)' });

/** The service centre (or village service station) of one jurisdiction. */
@ObjectType()
@Entity('service_center')
export class ServiceCenter {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'jurisdiction_id', type: 'integer', unique: true })
  jurisdictionId: number;

  @Field({ description: 'Official name, e.g. 六安市金安区政务服务中心, XX镇为民服务中心, XX村为民服务工作站' })
  @Column('text')
  name: string;

  @Field(() => CenterStatus)
  @Column('text')
  status: CenterStatus;

  @Field(() => Float, { nullable: true, description: 'Hall area in m²' })
  @Column({ name: 'hall_area', type: 'numeric', nullable: true, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  hallArea: number | null;

  @Field(() => [Facility])
  @Column('text', { array: true })
  facilities: Facility[];

  @Field(() => Int)
  @Column('integer')
  windows: number;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'opening_hours', type: 'text', nullable: true })
  openingHours: string | null;

  @Field(() => String, { nullable: true, description: 'The 行政复议 body named in refusals and denials of this centre and the centres below it that name none' })
  @Column({ name: 'review_body', type: 'text', nullable: true })
  reviewBody: string | null;

  @Field(() => String, { nullable: true, description: 'The court for 行政诉讼 named in refusals and denials (inherited like reviewBody)' })
  @Column({ name: 'court', type: 'text', nullable: true })
  court: string | null;

  @Field(() => Int, { description: 'Optimistic lock: pass it back when updating' })
  @Column('integer')
  version: number;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
