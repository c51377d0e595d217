import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JurisdictionLevel } from '@weimin/domain';

registerEnumType(JurisdictionLevel, { name: 'JurisdictionLevel', description: 'CITY → COUNTY → TOWNSHIP → VILLAGE' });

/** A node of the four-level tree, identified by its 12-digit statistical division code. */
@ObjectType()
@Entity('jurisdiction')
export class Jurisdiction {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field({ description: '12-digit statistical division code' })
  @Column({ type: 'varchar', length: 12, unique: true })
  code: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => JurisdictionLevel)
  @Column('text')
  level: JurisdictionLevel;

  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  /** Ids root first, each followed by '.', e.g. `1.2.9.`; a subtree is a prefix range. */
  @Column('text')
  path: string;

  @Field(() => Int, { description: '0 for the root of the tree' })
  @Column('smallint')
  depth: number;
}

/** Ancestor ids from a path, root first, excluding the node itself. */
export function ancestorIds(path: string): number[] {
  const ids = path.split('.').filter(Boolean).map(Number);
  ids.pop();
  return ids;
}
