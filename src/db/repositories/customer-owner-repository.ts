import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { asyncRepository, inSyncTransaction, type Db } from '../client.js';
import { customerOwners, customers, deals, users } from '../schema/index.js';
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

const owned = { id: customers.id, name: customers.name, ownerUserId: customers.ownerUserId, poolDepartmentId: customers.poolDepartmentId };

/**
 * SQL for the rep a customer was made by (its first ownership stretch), for crediting its creation;
 * a customer written without a history row falls back to its owner. `c` is the customers alias.
 */
export const creditedOwnerSql = (c: string): string =>
  `COALESCE((SELECT co.owner_user_id FROM customer_owners co WHERE co.customer_id = ${c}.id ORDER BY co.from_ms, co.id LIMIT 1), ${c}.owner_user_id)`;

/** The first stretch of a customer's ownership; the customer repository writes it with the customer. */
export function recordCreatedOwner(db: Db, actor: WriteActor, customerId: number, ownerUserId: number): void {
  db.insert(customerOwners).values({ customerId, ownerUserId, fromMs: actor.now, reason: 'created', byUserId: actor.userId }).run();
}

// A customer's last sign of life: made, changed hands, visited (recorded), a deal touched, a payment recorded.
const LAST_ACTIVITY = sql`MAX(${customers.createdAt},
  COALESCE((SELECT MAX(o.from_ms) FROM customer_owners o WHERE o.customer_id = ${customers.id}), 0),
  COALESCE((SELECT MAX(v.created_at) FROM visits v WHERE v.customer_id = ${customers.id}), 0),
  COALESCE((SELECT MAX(d.updated_at) FROM deals d WHERE d.customer_id = ${customers.id}), 0),
  COALESCE((SELECT MAX(p.created_at) FROM payments p WHERE p.customer_id = ${customers.id}), 0))`;

export function createCustomerOwnerRepository(db: Db) {
  const row = (id: number) => db.select().from(customers).where(eq(customers.id, id)).get();

  return asyncRepository(db, {
    get(customerId: number): OwnedCustomer | undefined {
      return db.select(owned).from(customers).where(eq(customers.id, customerId)).get();
    },

    /**
     * Hands the customer over: closes the open stretch, opens the next, and (to a rep) moves its open
     * deals along. Won and lost deals, visits and payments keep their rep: history does not move.
     * One audit row `customer.<reason>` with the moved deals. Returns the ids of the deals moved.
     */
    transfer(actor: WriteActor, customerId: number, target: OwnershipTarget, reason: OwnershipReason): number[] {
      return inSyncTransaction(db, () => {
        const before = row(customerId);
        if (!before) return [];
        const toRep = 'ownerUserId' in target;
        db.update(customers)
          .set(toRep ? { ownerUserId: target.ownerUserId, poolDepartmentId: null, updatedAt: actor.now } : { poolDepartmentId: target.poolDepartmentId, updatedAt: actor.now })
          .where(eq(customers.id, customerId))
          .run();
        // A customer written without its first stretch (raw seed inserts) gets it now, so its creation credit stays put.
        const known = db.select({ id: customerOwners.id }).from(customerOwners).where(eq(customerOwners.customerId, customerId)).get();
        if (!known) db.insert(customerOwners).values({ customerId, ownerUserId: before.ownerUserId, fromMs: before.createdAt, reason: 'created', byUserId: before.createdByUserId }).run();
        db.update(customerOwners).set({ toMs: actor.now }).where(and(eq(customerOwners.customerId, customerId), isNull(customerOwners.toMs))).run();
        db.insert(customerOwners)
          .values({ customerId, ownerUserId: toRep ? target.ownerUserId : null, departmentId: toRep ? null : target.poolDepartmentId, fromMs: actor.now, reason, byUserId: actor.userId })
          .run();
        const moved = toRep
          ? db
              .update(deals)
              .set({ repUserId: target.ownerUserId, updatedAt: actor.now })
              .where(and(eq(deals.customerId, customerId), inArray(deals.stage, [...OPEN_DEAL_STAGES])))
              .returning({ id: deals.id })
              .all()
              .map((d) => d.id)
          : [];
        writeAudit(db, actor, `customer.${reason}`, 'customer', customerId, before, { ...row(customerId), movedDealIds: moved });
        return moved;
      });
    },

    /** Customers a rep holds (not in a pool), by name. */
    ownedBy(userId: number): OwnedCustomer[] {
      return db.select(owned).from(customers).where(and(eq(customers.ownerUserId, userId), isNull(customers.poolDepartmentId))).orderBy(customers.name).all();
    },

    /** How many customers the rep holds because they claimed them from the pool (the claim limit counts these). */
    openClaims(userId: number): number {
      const found = db
        .select({ n: sql<number>`count(*)` })
        .from(customerOwners)
        .where(and(eq(customerOwners.ownerUserId, userId), isNull(customerOwners.toMs), eq(customerOwners.reason, 'claim')))
        .get();
      return found?.n ?? 0;
    },

    /** Customers of active reps with no activity since `cutoff`, with the department of their owner's pool (a leaver's are on the manager's handover list instead). */
    idleSince(cutoff: number): (OwnedCustomer & { departmentId: number })[] {
      return db
        .select({ ...owned, departmentId: sql<number>`${users.departmentId}` })
        .from(customers)
        .innerJoin(users, eq(users.id, customers.ownerUserId))
        .where(and(isNull(customers.poolDepartmentId), eq(users.active, true), sql`${users.departmentId} IS NOT NULL`, sql`${LAST_ACTIVITY} < ${cutoff}`))
        .all();
    },

    /** Inactive users (leavers) who still own customers. */
    leaversWithCustomers(): { userId: number; deactivatedAt: number | null }[] {
      return db
        .selectDistinct({ userId: users.id, deactivatedAt: users.deactivatedAt })
        .from(customers)
        .innerJoin(users, eq(users.id, customers.ownerUserId))
        .where(and(eq(users.active, false), isNull(customers.poolDepartmentId)))
        .all();
    },

    /** The ownership stretches of a customer, oldest first. */
    history(customerId: number) {
      return db.select().from(customerOwners).where(eq(customerOwners.customerId, customerId)).orderBy(customerOwners.fromMs, customerOwners.id).all();
    },
  });
}

export type CustomerOwnerRepository = ReturnType<typeof createCustomerOwnerRepository>;
