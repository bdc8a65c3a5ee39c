import type { MiddlewareHandler } from 'hono'
import { unreadCount } from '../domain/notification-inbox.ts'
import type { AppEnv } from './env.ts'

/** Counts the signed-in user's unread notifications for the header of every page. */
export function unreadNotifications(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { user } = c.var
    if (user && !user.must_change_password && c.req.method === 'GET') c.set('unread', await unreadCount(c.var.deps, user))
    await next()
  }
}
