CREATE TABLE "value_review" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"variable_id" integer NOT NULL,
	"area_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"observation_id" bigint NOT NULL,
	"check" text NOT NULL,
	"message" text NOT NULL,
	"import_id" integer,
	"state" text DEFAULT 'open' NOT NULL,
	"reliability" text,
	"reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "observation" ADD COLUMN "changed_by" text;--> statement-breakpoint
ALTER TABLE "observation" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "review_in_public" text DEFAULT 'provisional' NOT NULL;--> statement-breakpoint
ALTER TABLE "value_review" ADD CONSTRAINT "value_review_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_review" ADD CONSTRAINT "value_review_variable_id_variable_id_fk" FOREIGN KEY ("variable_id") REFERENCES "public"."variable"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_review" ADD CONSTRAINT "value_review_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_review" ADD CONSTRAINT "value_review_period_id_period_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."period"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_review" ADD CONSTRAINT "value_review_observation_id_observation_id_fk" FOREIGN KEY ("observation_id") REFERENCES "public"."observation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_review" ADD CONSTRAINT "value_review_import_id_import_run_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "value_review_observation_uq" ON "value_review" USING btree ("observation_id");--> statement-breakpoint
CREATE INDEX "value_review_workspace_state_ix" ON "value_review" USING btree ("workspace_id","state");