CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`label` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`call_count` integer NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tool_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_id` text,
	`client_label` text NOT NULL,
	`tool` text NOT NULL,
	`arguments` text NOT NULL,
	`outcome` text NOT NULL,
	`error_code` text,
	`result` text,
	`duration_ms` real NOT NULL,
	`task_id` text,
	`created_at` text NOT NULL,
	CONSTRAINT "tool_calls_outcome_ck" CHECK(outcome IN ('success', 'error'))
);
--> statement-breakpoint
CREATE INDEX `tool_calls_user_created_idx` ON `tool_calls` (`user_id`,`created_at`,`id`);