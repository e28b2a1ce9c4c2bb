// The PostgreSQL twin of ../schema/checkins.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, doublePrecision, index } from 'drizzle-orm/pg-core';
import { DATUMS } from '../../domain/geo/distance.js';
import { epochMs } from './columns.js';
import { visits } from './activities.js';
import { customers } from './customers.js';
import { users } from './org.js';
import { CHECKIN_FLAGS, CHECKIN_KINDS, CUSTOMER_LOCATION_SOURCES } from '../schema/checkins.js';

export { CHECKIN_FLAGS, CHECKIN_KINDS, CUSTOMER_LOCATION_SOURCES };

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
    source: text('source').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    datum: text('datum', { enum: DATUMS }),
    accuracyM: doublePrecision('accuracy_m'),
    address: text('address'),
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

export const customerLocations = pgTable('customer_locations', {
  customerId: integer('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  datum: text('datum', { enum: DATUMS }).notNull(),
  source: text('source', { enum: CUSTOMER_LOCATION_SOURCES }).notNull(),
  checkinId: integer('checkin_id'),
  createdAt: epochMs('created_at').notNull(),
});
