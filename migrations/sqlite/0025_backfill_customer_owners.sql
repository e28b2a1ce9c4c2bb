-- Hand-written data backfill: every existing customer's current owner, owned since the customer was made.
INSERT INTO `customer_owners` (`customer_id`, `owner_user_id`, `department_id`, `from_ms`, `to_ms`, `reason`, `by_user_id`)
SELECT `id`, `owner_user_id`, NULL, `created_at`, NULL, 'created', `created_by_user_id` FROM `customers`;
