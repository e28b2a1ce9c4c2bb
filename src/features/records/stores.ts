import { createRecordServices, type RecordServices } from './record-services.js';
import type { AppDeps } from '../deps.js';

export type { Customer } from '../../db/repositories/customer-repository.js';
export type { RecordEntry } from '../../db/repositories/entry-repository.js';
export type { Complaint, Deal, Payment, StageChange, Survey, Training, Visit } from '../../db/repositories/record-repository.js';
export type { Contact } from '../../db/repositories/customer-repository.js';

export type RecordStores = RecordServices;

/**
 * The repositories the record features read and write, built from the app's deps on each call:
 * they are closures over the one db handle, so there is nothing to cache (and no hidden singleton).
 */
export const recordStores = (deps: Pick<AppDeps, 'db'>): RecordStores => createRecordServices(deps.db);
