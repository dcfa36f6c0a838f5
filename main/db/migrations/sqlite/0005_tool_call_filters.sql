CREATE INDEX `tool_calls_user_outcome_created_idx` ON `tool_calls` (`user_id`,`outcome`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tool_calls_user_tool_created_idx` ON `tool_calls` (`user_id`,`tool`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tool_calls_user_client_created_idx` ON `tool_calls` (`user_id`,`client_label`,`created_at`,`id`);