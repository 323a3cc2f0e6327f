CREATE TABLE "index_definition" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"population_indicator" text NOT NULL,
	"comment" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "index_run" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"definition_id" integer NOT NULL,
	"level" text NOT NULL,
	"period" text NOT NULL,
	"data_version" integer NOT NULL,
	"included" integer NOT NULL,
	"excluded" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"moments" jsonb NOT NULL,
	"areas" jsonb NOT NULL,
	"method" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "index_definition" ADD CONSTRAINT "index_definition_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_run" ADD CONSTRAINT "index_run_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_run" ADD CONSTRAINT "index_run_definition_id_index_definition_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."index_definition"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "index_definition_version_uq" ON "index_definition" USING btree ("workspace_id","code","version");--> statement-breakpoint
CREATE INDEX "index_run_definition_ix" ON "index_run" USING btree ("workspace_id","definition_id","id");--> statement-breakpoint
-- A definition version and a run are records of what was computed: never updated (deleting the
-- workspace still deletes them).
CREATE FUNCTION "social_index_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;--> statement-breakpoint
CREATE TRIGGER "index_definition_no_update" BEFORE UPDATE ON "index_definition"
  FOR EACH ROW EXECUTE FUNCTION "social_index_immutable"();--> statement-breakpoint
CREATE TRIGGER "index_run_no_update" BEFORE UPDATE ON "index_run"
  FOR EACH ROW EXECUTE FUNCTION "social_index_immutable"();
