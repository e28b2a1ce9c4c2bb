import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { asyncRepository, inTransaction, type Db } from '../client.js';
import { dialectSql, tablesOf } from '../dialect.js';
import { OPEN_DEAL_STAGES } from '../../domain/records/vocabulary.js';
import type { OwnershipReason } from '../../domain/customers/ownership.js';
import { writeAudit, type WriteActor } from './audited-store.js';

/** Where a customer goes: to a rep, or to a department's pool (公海). */
export type OwnershipTarget = { ownerUserId: number } | { poolDepartmentId: number };

export interface OwnedCustomer {
  id: number;
  name: string;
  ownerUserId: number;
  poolDepartmentId: number | null;
}


/**
 * SQL for the rep a customer was made by (its first ownership stretch), for crediting its creation;
 * a customer written without a history row falls back to its owner. `c` is the customers alias.
 */
export const creditedOwnerSql = (c: string): string =>
  `COALESCE((SELECT co.owner_user_id FROM customer_owners co WHERE co.customer_id = ${c}.id ORDER BY co.from_ms, co.id LIMIT 1), ${c}.owner_user_id)`;

/** The first stretch of a customer's ownership; the customer repository writes it with the customer. */
export async function recordCreatedOwner(db: Db, actor: WriteActor, customerId: number, ownerUserId: number): Promise<void> {
  const { customerOwners } = tablesOf(db);
  await db.insert(customerOwners).values({ customerId, ownerUserId, fromMs: actor.now, reason: 'created', byUserId: actor.userId });
}

/**
 * A text column in SQLite's order (binary: code point order in UTF-8) on both databases: PostgreSQL
 * sorts by the database's collation otherwise, which for Chinese and mixed-case names is not the same.
 */
export function inCodePointOrder(db: Db, column: SQLiteColumn): SQL {
  return dialectSql(db, { sqlite: sql`${column}`, pg: sql`${column} COLLATE "C"` });
}

export function createCustomerOwnerRepository(db: Db) {
  const { customerOwners, customers, deals, users } = tablesOf(db);
  const owned = { id: customers.id, name: customers.name, ownerUserId: customers.ownerUserId, poolDepartmentId: customers.poolDepartmentId };
  const row = async (id: number) => (await db.select().from(customers).where(eq(customers.id, id)).limit(1))[0];
  // A customer's last sign of life: made, changed hands, visited (recorded), a deal touched, a payment recorded.
  const latestOf = sql.join(
    [
      sql`${customers.createdAt}`,
      sql`COALESCE((SELECT MAX(o.from_ms) FROM customer_owners o WHERE o.customer_id = ${customers.id}), 0)`,
      sql`COALESCE((SELECT MAX(v.created_at) FROM visits v WHERE v.customer_id = ${customers.id}), 0)`,
      sql`COALESCE((SELECT MAX(d.updated_at) FROM deals d WHERE d.customer_id = ${customers.id}), 0)`,
      sql`COALESCE((SELECT MAX(p.created_at) FROM payments p WHERE p.customer_id = ${customers.id}), 0)`,
    ],
    sql`, `,
  );
  // SQLite's many-argument MAX is PostgreSQL's GREATEST.
  const lastActivity = dialectSql(db, { sqlite: sql`MAX(${latestOf})`, pg: sql`GREATEST(${latestOf})` });

  return asyncRepository(db, {
    async get(customerId: number): Promise<OwnedCustomer | undefined> {
      return (await db.select(owned).from(customers).where(eq(customers.id, customerId)).limit(1))[0];
    },

    /**
     * Hands the customer over: closes the open stretch, opens the next, and (to a rep) moves its open
     * deals along. Won and lost deals, visits and payments keep their rep: history does not move.
     * One audit row `customer.<reason>` with the moved deals. Returns the ids of the deals moved.
     */
    async transfer(actor: WriteActor, customerId: number, target: OwnershipTarget, reason: OwnershipReason): Promise<number[]> {
      return inTransaction(db, async () => {
        const before = await row(customerId);
        if (!before) return [];
        const toRep = 'ownerUserId' in target;
        await db
          .update(customers)
          .set(toRep ? { ownerUserId: target.ownerUserId, poolDepartmentId: null, updatedAt: actor.now } : { poolDepartmentId: target.poolDepartmentId, updatedAt: actor.now })
          .where(eq(customers.id, customerId));
        // A customer written without its first stretch (raw seed inserts) gets it now, so its creation credit stays put.
        const [known] = await db.select({ id: customerOwners.id }).from(customerOwners).where(eq(customerOwners.customerId, customerId)).limit(1);
        if (!known) await db.insert(customerOwners).values({ customerId, ownerUserId: before.ownerUserId, fromMs: before.createdAt, reason: 'created', byUserId: before.createdByUserId });
        await db.update(customerOwners).set({ toMs: actor.now }).where(and(eq(customerOwners.customerId, customerId), isNull(customerOwners.toMs)));
        await db
          .insert(customerOwners)
          .values({ customerId, ownerUserId: toRep ? target.ownerUserId : null, departmentId: toRep ? null : target.poolDepartmentId, fromMs: actor.now, reason, byUserId: actor.userId });
        const moved = toRep
          ? (
              await db
                .update(deals)
                .set({ repUserId: target.ownerUserId, updatedAt: actor.now })
                .where(and(eq(deals.customerId, customerId), inArray(deals.stage, [...OPEN_DEAL_STAGES])))
                .returning({ id: deals.id })
            )
              .map((d) => d.id)
              .sort((a, b) => a - b)
          : [];
        await writeAudit(db, actor, `customer.${reason}`, 'customer', customerId, before, { ...(await row(customerId)), movedDealIds: moved });
        return moved;
      });
    },

    /** Customers a rep holds (not in a pool), by name. */
    async ownedBy(userId: number): Promise<OwnedCustomer[]> {
      return await db
        .select(owned)
        .from(customers)
        .where(and(eq(customers.ownerUserId, userId), isNull(customers.poolDepartmentId)))
        .orderBy(inCodePointOrder(db, customers.name));
    },

    /** How many customers the rep holds because they claimed them from the pool (the claim limit counts these). */
    async openClaims(userId: number): Promise<number> {
      const [found] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(customerOwners)
        .where(and(eq(customerOwners.ownerUserId, userId), isNull(customerOwners.toMs), eq(customerOwners.reason, 'claim')));
      return found?.n ?? 0;
    },

    /** Customers of active reps with no activity since `cutoff`, with the department of their owner's pool (a leaver's are on the manager's handover list instead). */
    async idleSince(cutoff: number): Promise<(OwnedCustomer & { departmentId: number })[]> {
      return await db
        .select({ ...owned, departmentId: sql<number>`${users.departmentId}` })
        .from(customers)
        .innerJoin(users, eq(users.id, customers.ownerUserId))
        .where(and(isNull(customers.poolDepartmentId), eq(users.active, true), sql`${users.departmentId} IS NOT NULL`, sql`${lastActivity} < ${cutoff}`))
        .orderBy(customers.id);
    },

    /** Inactive users (leavers) who still own customers. */
    async leaversWithCustomers(): Promise<{ userId: number; deactivatedAt: number | null }[]> {
      return await db
        .selectDistinct({ userId: users.id, deactivatedAt: users.deactivatedAt })
        .from(customers)
        .innerJoin(users, eq(users.id, customers.ownerUserId))
        .where(and(eq(users.active, false), isNull(customers.poolDepartmentId)))
        .orderBy(users.id);
    },

    /** The ownership stretches of a customer, oldest first. */
    async history(customerId: number) {
      return await db.select().from(customerOwners).where(eq(customerOwners.customerId, customerId)).orderBy(customerOwners.fromMs, customerOwners.id);
    },
  });
}

export type CustomerOwnerRepository = ReturnType<typeof createCustomerOwnerRepository>;
