CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"completed" boolean NOT NULL,
	"completed_at" text,
	"priority" text NOT NULL,
	"due_date" text,
	"tags" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"idempotency_key" text,
	"version" integer NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"deleted_at" text,
	CONSTRAINT "tasks_title_length_ck" CHECK (length(title) BETWEEN 1 AND 200),
	CONSTRAINT "tasks_description_length_ck" CHECK (description IS NULL OR length(description) <= 1000),
	CONSTRAINT "tasks_priority_ck" CHECK (priority IN ('none', 'low', 'medium', 'high')),
	CONSTRAINT "tasks_version_ck" CHECK (version >= 1)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_user_status_created_idx" ON "tasks" USING btree ("user_id","completed","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_user_status_due_idx" ON "tasks" USING btree ("user_id","completed","due_date","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_user_created_idx" ON "tasks" USING btree ("user_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_user_due_idx" ON "tasks" USING btree ("user_id","due_date","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_user_deleted_idx" ON "tasks" USING btree ("user_id","deleted_at","id") WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_user_idempotency_key_uq" ON "tasks" USING btree ("user_id","idempotency_key");