ALTER TABLE `api_tokens` ADD `project_ids` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `read_only` integer DEFAULT false NOT NULL;