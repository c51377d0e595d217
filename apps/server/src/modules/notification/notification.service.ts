/**
 * Notifications: rows of an outbox written in the same transaction as the event they report; a background job
 * hands them to a sender (the log by default; an SMS gateway adapter implements the same interface).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { InputError } from '../../common/errors';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { TextParams } from '@weimin/domain';

@ObjectType()
export class Notification {
  @Field(() => ID) id: string;
  @Field({ description: 'In Chinese, as sent by SMS; the web shows messageKey in the reader\'s language' }) title: string;
  @Field({ description: 'In Chinese, as sent by SMS; the web shows messageKey in the reader\'s language' }) body: string;
  @Field(() => String, {
    nullable: true,
    description: 'Key of the text catalogue (packages/domain/src/texts): `<key>.title` and `<key>.body` with params; null on notifications written before keys (their title and body are the text)',
  })
  messageKey: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Parameters of messageKey: names, numbers, dates (YYYY-MM-DD) as they are' }) params: TextParams | null;
  @Field(() => ID, { nullable: true }) applicationId: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}

export interface OutgoingMessage {
  id: string;
  phone: string | null;
  /** VERIFICATION_CODE messages carry a code: never logged outside demo mode, body cleared once sent. */
  kind?: string;
  title: string;
  body: string;
}

export interface NotificationSender {
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * Default sender: writes the message to the structured log — the title and the masked number only. In demo mode
 * (published passwords, nothing real) an SMS line carries the number and the full text, at warn level, so a tester
 * can read a verification code; outside demo mode no text, and so no code, ever reaches a log.
 */
export class LogSender implements NotificationSender {
  constructor(
    private readonly log: (obj: object, msg: string) => void,
    private readonly demo: { warn: (obj: object, msg: string) => void } | null = null,
  ) {}
  async send(m: OutgoingMessage): Promise<void> {
    if (this.demo && m.phone) {
      this.demo.warn({ notificationId: m.id, demoSms: { phone: m.phone, text: m.body } }, 'demo mode: SMS text shown in the log');
      return;
    }
    this.log({ notificationId: m.id, phone: m.phone ? `${m.phone.slice(0, 3)}****${m.phone.slice(-4)}` : null, title: m.title }, 'notification sent');
  }
}

export interface NewMessage {
  userId: string | null;
  phone: string | null;
  kind: string;
  title: string;
  body: string;
  /** The catalogue key the title and body were rendered from, and its parameters (never a verification code). */
  messageKey?: string | null;
  params?: TextParams | null;
}

export class NotificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly sender: NotificationSender,
  ) {}

  /** Newest first; `after` (the id of the last one seen) starts the page after it, served by notification_user_idx. */
  async mine(userId: string, first: number, after?: string | null): Promise<Notification[]> {
    const { sql, params } = this.mineStatement(userId, first, after);
    return this.ds.query(sql, params);
  }

  mineStatement(userId: string, first: number, after?: string | null): { sql: string; params: unknown[] } {
    if (after != null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(after)) {
      throw new InputError('after', 'is not the id of a notification', {}, 'input.badCursor');
    }
    const keyset =
      after == null ? '' : ` AND (created_at, id) < (SELECT created_at, id FROM notification WHERE id = $3::uuid AND user_id = $1)`;
    return {
      sql: `SELECT id, title, body, message_key AS "messageKey", params, application_id AS "applicationId", created_at AS "createdAt", read_at AS "readAt"
              FROM notification WHERE user_id = $1${keyset} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params: after == null ? [userId, first] : [userId, first, after],
    };
  }

  /** Adds a message to the outbox inside the caller's transaction; returns its id. */
  async enqueue(m: EntityManager, msg: NewMessage): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO notification (user_id, phone, kind, title, body, message_key, params) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [msg.userId, msg.phone, msg.kind, msg.title, msg.body, msg.messageKey ?? null, msg.params ? JSON.stringify(msg.params) : null],
    );
    return id;
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return n;
  }

  async markRead(userId: string, ids: string[]): Promise<number> {
    // Counted in SQL: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const [{ n }] = await this.ds.query(
      `WITH changed AS (UPDATE notification SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [userId, ids],
    );
    return n;
  }

  /**
   * Delivers pending messages. Rows are claimed with SKIP LOCKED, so several workers never send one twice;
   * a failed send is retried later (up to 10 attempts) and the error kept.
   */
  async deliverPending(limit = 100, ids?: string[]): Promise<number> {
    let sent = 0;
    await this.ds.transaction(async (m) => {
      const rows: OutgoingMessage[] = await m.query(
        `SELECT id, phone, kind, title, body FROM notification WHERE delivered_at IS NULL AND attempts < 10
            AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
          ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, ids ?? null],
      );
      for (const r of rows) {
        try {
          await this.sender.send(r);
          // A sent code has no business staying readable in the outbox.
          await m.query(
            `UPDATE notification SET delivered_at = now(), attempts = attempts + 1,
                    body = CASE WHEN kind = 'VERIFICATION_CODE' THEN '' ELSE body END WHERE id = $1`,
            [r.id],
          );
          sent++;
        } catch (e) {
          await m.query(`UPDATE notification SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [r.id, String(e).slice(0, 500)]);
        }
      }
    });
    return sent;
  }

  /** Sends these messages now (verification codes cannot wait for the next worker run); failures stay queued. */
  async deliverNow(ids: string[]): Promise<number> {
    return this.deliverPending(ids.length, ids);
  }
}
