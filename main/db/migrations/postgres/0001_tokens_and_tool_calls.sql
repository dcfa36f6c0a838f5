CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"label" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" text NOT NULL,
	"last_used_at" text,
	"call_count" integer NOT NULL,
	"revoked_at" text
);
--> statement-breakpoint
CREATE TABLE "tool_calls" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_id" text,
	"client_label" text NOT NULL,
	"tool" text NOT NULL,
	"arguments" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"error_code" text,
	"result" jsonb,
	"duration_ms" double precision NOT NULL,
	"task_id" text,
	"created_at" text NOT NULL,
	CONSTRAINT "tool_calls_outcome_ck" CHECK (outcome IN ('success', 'error'))
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "tool_calls_user_created_idx" ON "tool_calls" USING btree ("user_id","created_at","id");