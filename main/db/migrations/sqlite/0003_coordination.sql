CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "projects_name_length_ck" CHECK(length(name) BETWEEN 1 AND 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_user_name_key_uq` ON `projects` (`user_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `task_dependencies` (
	`task_id` text NOT NULL,
	`blocker_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`blocker_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_dependencies_not_self_ck" CHECK(task_id <> blocker_id)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_dependencies_task_blocker_uq` ON `task_dependencies` (`task_id`,`blocker_id`);--> statement-breakpoint
CREATE INDEX `task_dependencies_blocker_idx` ON `task_dependencies` (`blocker_id`);--> statement-breakpoint
CREATE TABLE `task_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`task_id` text NOT NULL,
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_label` text NOT NULL,
	`actor_token_id` text,
	`changes` text NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "task_events_kind_ck" CHECK(kind IN ('created', 'updated', 'completed', 'reopened', 'deleted', 'restored', 'claimed', 'renewed', 'released', 'lease_expired', 'noted')),
	CONSTRAINT "task_events_actor_kind_ck" CHECK(actor_kind IN ('agent', 'person', 'system'))
);
--> statement-breakpoint
CREATE INDEX `task_events_task_seq_idx` ON `task_events` (`task_id`,`seq`);--> statement-breakpoint
CREATE INDEX `task_events_user_seq_idx` ON `task_events` (`user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `task_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`user_id` text NOT NULL,
	`author_kind` text NOT NULL,
	`author_label` text NOT NULL,
	`author_token_id` text,
	`text` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "task_notes_text_length_ck" CHECK(length(text) BETWEEN 1 AND 2000),
	CONSTRAINT "task_notes_author_kind_ck" CHECK(author_kind IN ('agent', 'person'))
);
--> statement-breakpoint
CREATE INDEX `task_notes_task_created_idx` ON `task_notes` (`task_id`,`created_at`,`id`);--> statement-breakpoint
-- Hand-edited: drizzle-kit rebuilds tasks to add these, with PRAGMA foreign_keys=OFF, which SQLite ignores inside
-- the migration's transaction; ADD COLUMN keeps every row and index and needs no rebuild. The CHECKs ride on the columns.
ALTER TABLE `tasks` ADD `project_id` text REFERENCES `projects`(`id`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `parent_id` text REFERENCES `tasks`(`id`) CONSTRAINT "tasks_not_own_parent_ck" CHECK(parent_id IS NULL OR parent_id <> id);--> statement-breakpoint
ALTER TABLE `tasks` ADD `open_blockers` integer DEFAULT 0 NOT NULL CONSTRAINT "tasks_open_blockers_ck" CHECK(open_blockers >= 0);--> statement-breakpoint
ALTER TABLE `tasks` ADD `ready_order` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `claim_token_id` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `claim_label` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `claim_expires_at` text;--> statement-breakpoint
UPDATE `tasks` SET `ready_order` = (CASE `priority` WHEN 'high' THEN '0' WHEN 'medium' THEN '1' WHEN 'low' THEN '2' ELSE '3' END) || '|' || coalesce(`due_date`, '9999-12-31') || '|' || `created_at`;--> statement-breakpoint
CREATE INDEX `tasks_user_ready_idx` ON `tasks` (`user_id`,`ready_order`,`id`) WHERE deleted_at IS NULL AND completed = false AND open_blockers = 0;--> statement-breakpoint
CREATE INDEX `tasks_user_project_ready_idx` ON `tasks` (`user_id`,`project_id`,`ready_order`,`id`) WHERE deleted_at IS NULL AND completed = false AND open_blockers = 0;--> statement-breakpoint
CREATE INDEX `tasks_user_project_created_idx` ON `tasks` (`user_id`,`project_id`,`created_at`,`id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `tasks_parent_idx` ON `tasks` (`parent_id`,`created_at`,`id`) WHERE parent_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `tasks_claim_expires_idx` ON `tasks` (`claim_expires_at`) WHERE claim_expires_at IS NOT NULL;
