import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Authenticated } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { pageSize } from '../../common/pagination';
import { Notification } from './notification.service';

@Resolver()
export class NotificationResolver {
  @Authenticated()
  @Query(() => [Notification], { description: 'Your notifications, newest first' })
  myNotifications(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' }) first?: number,
    @Arg('after', () => ID, { nullable: true, description: 'The id of the last notification of the previous page' }) after?: string | null,
  ) {
    return ctx.services.notifications.mine(ctx.viewer!.id, pageSize(first), after);
  }

  @Authenticated()
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: RequestContext) {
    return ctx.services.notifications.unreadCount(ctx.viewer!.id);
  }

  @Authenticated()
  @Mutation(() => Int, { description: 'Marks your notifications read; returns how many changed' })
  markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: RequestContext) {
    return ctx.services.notifications.markRead(ctx.viewer!.id, ids);
  }
}
