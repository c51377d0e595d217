import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Role, isValidDate } from '@weimin/domain';
import { Public, RequireRole } from '../../common/access';
import { coversPath, type RequestContext } from '../../common/context';
import { ForbiddenError, InputError } from '../../common/errors';
import { DateScalar } from '../../common/scalars';

@ObjectType({ description: 'A day of the official calendar that is not an ordinary weekday' })
export class CalendarDay {
  @Field(() => DateScalar) date: string;
  @Field({ description: 'HOLIDAY, ADJUSTED_WORKDAY (调休上班), WEEKEND or WORKDAY' }) kind: string;
  @Field() working: boolean;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field({ description: 'Set by the city administrator rather than the holiday package' }) override: boolean;
}

@ObjectType()
export class CalendarYear {
  @Field(() => Int) year: number;
  @Field({ description: 'False when neither the holiday package nor an administrator has given this year: due dates then ignore its holidays' })
  known: boolean;
  @Field(() => [CalendarDay], { description: 'Holidays and adjusted working days of the year' }) days: CalendarDay[];
}

@Resolver()
export class CalendarResolver {
  @Public()
  @Query(() => CalendarYear, { description: 'The official working-day calendar of a year' })
  async workingCalendar(@Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<CalendarYear> {
    if (year < 2000 || year > 2100) throw new InputError('year', 'must be between 2000 and 2100', { min: 2000, max: 2100 }, 'input.outOfRange');
    return ctx.services.calendar.year(year);
  }

  @RequireRole(Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN)
  @Mutation(() => CalendarDay, { description: 'City administrators: add or correct a day (e.g. a year the holiday package does not know)' })
  async setCalendarDay(
    @Arg('date', () => DateScalar) date: string,
    @Arg('working') working: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('name', () => String, { nullable: true }) name?: string,
  ): Promise<CalendarDay> {
    // The calendar is the whole tree's: only an administrator whose scope is all of it (the city, or the province) may change it.
    if (!(await ctx.services.calendar.coversWholeTree(ctx.viewer, [Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN]))) {
      throw new ForbiddenError('Only the city administrator keeps the calendar', 'calendar.cityOnly');
    }
    if (!isValidDate(date)) throw new InputError('date', 'is not a calendar day', {}, 'input.notADay');
    if (name && name.length > 50) throw new InputError('name', 'must be at most 50 characters', { max: 50 }, 'input.tooLong');
    return ctx.services.calendar.setDay(ctx, date, working, name ?? null);
  }
}
