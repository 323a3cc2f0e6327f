CREATE TABLE "closed_period" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"protected_content" jsonb,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" text NOT NULL,
	"reopened_at" timestamp with time zone,
	"reopened_by" text,
	"reopen_reason" text,
	CONSTRAINT "closed_period_version_positive" CHECK ("closed_period"."version" >= 1),
	CONSTRAINT "closed_period_reopened_with_reason" CHECK (("closed_period"."reopened_at" IS NULL) = ("closed_period"."reopen_reason" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "accommodation_days_ahead" integer DEFAULT 31 NOT NULL;--> statement-breakpoint
ALTER TABLE "closed_period" ADD CONSTRAINT "closed_period_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "closed_period_version_uq" ON "closed_period" USING btree ("workspace_id","kind","period","version");