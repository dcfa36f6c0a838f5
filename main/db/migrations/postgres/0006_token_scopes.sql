ALTER TABLE "api_tokens" ADD COLUMN "project_ids" jsonb;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "read_only" boolean DEFAULT false NOT NULL;