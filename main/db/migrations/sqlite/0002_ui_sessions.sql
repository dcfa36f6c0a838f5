CREATE TABLE `ui_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ui_sessions_kind_ck" CHECK(kind IN ('session', 'login'))
);
--> statement-breakpoint
CREATE INDEX `ui_sessions_expires_idx` ON `ui_sessions` (`expires_at`);