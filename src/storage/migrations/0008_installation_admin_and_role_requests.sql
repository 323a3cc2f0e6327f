CREATE TABLE "role_request" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"workspace_id" integer NOT NULL,
	"role" text NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "installation_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "password_issued_by" integer;--> statement-breakpoint
ALTER TABLE "role_request" ADD CONSTRAINT "role_request_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_request" ADD CONSTRAINT "role_request_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_request" ADD CONSTRAINT "role_request_requested_by_app_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "role_request_user_workspace_uq" ON "role_request" USING btree ("user_id","workspace_id");--> statement-breakpoint
-- An installation set up before this migration: its first administrator (created at the first start) becomes its installation administrator.
UPDATE "app_user" SET "installation_admin" = true WHERE "email" IN (SELECT "entity_key" FROM "audit_event" WHERE "entity" = 'user' AND "action" = 'create' AND "after"->>'firstStart' = 'true');
