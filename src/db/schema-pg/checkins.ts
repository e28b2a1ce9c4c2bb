import { pgTable, text, integer, doublePrecision, index } from 'drizzle-orm/pg-core';
import { DATUMS } from '../../domain/geo/distance.js';
import { epochMs } from './columns.js';
import { visits } from './activities.js';
import { customers } from './customers.js';
import { users } from './org.js';

export const CHECKIN_KINDS = ['location', 'photo'] as const;
export const CHECKIN_FLAGS = ['far', 'datum_mismatch'] as const;
export const CUSTOMER_LOCATION_SOURCES = ['checkin', 'import'] as const;

/**
 * A location or a photo a rep attached to a visit (chat within 30 minutes of 拜访, or the H5 form).
 * A location carries its datum and how it compared with the customer's location; a far or
 * incomparable one is flagged here (never silently accepted). A photo is a file under FILES_DIR:
 * only its relative path, type, size and hash are stored.
 */
export const visitCheckins = pgTable(
  'visit_checkins',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    repUserId: integer('rep_user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: CHECKIN_KINDS }).notNull(),
    /** Where it came from: feishu, dingtalk (chat) or h5. */
    source: text('source').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    datum: text('datum', { enum: DATUMS }),
    accuracyM: doublePrecision('accuracy_m'),
    address: text('address'),
    /** Metres from the customer's location, when both were in one datum. */
    distanceM: integer('distance_m'),
    flag: text('flag', { enum: CHECKIN_FLAGS }),
    photoPath: text('photo_path'),
    photoMime: text('photo_mime'),
    photoBytes: integer('photo_bytes'),
    photoSha256: text('photo_sha256'),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('visit_checkins_visit_idx').on(t.visitId), index('visit_checkins_flag_idx').on(t.flag, t.createdAt)],
);

/** A customer's location: one row per customer, from the first check-in or an import. */
export const customerLocations = pgTable('customer_locations', {
  customerId: integer('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  datum: text('datum', { enum: DATUMS }).notNull(),
  source: text('source', { enum: CUSTOMER_LOCATION_SOURCES }).notNull(),
  /** The check-in that set it (null for an import). */
  checkinId: integer('checkin_id'),
  createdAt: epochMs('created_at').notNull(),
});
