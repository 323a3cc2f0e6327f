CREATE TABLE "report" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"template_code" text NOT NULL,
	"period" text NOT NULL,
	"area_code" text,
	"decisions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_template" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"comment" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_version" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"report_id" integer NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"template_version" integer NOT NULL,
	"data_version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"html" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"docx" "bytea" NOT NULL,
	"xlsx" "bytea" NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_template" ADD CONSTRAINT "report_template_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_version" ADD CONSTRAINT "report_version_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_version" ADD CONSTRAINT "report_version_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_code_uq" ON "report" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "report_template_version_uq" ON "report_template" USING btree ("workspace_id","code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "report_version_uq" ON "report_version" USING btree ("report_id","version");--> statement-breakpoint
-- A template version and a published report version are records of what was written and sent:
-- never updated (deleting the workspace still deletes them).
CREATE FUNCTION "report_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;--> statement-breakpoint
CREATE TRIGGER "report_template_no_update" BEFORE UPDATE ON "report_template"
  FOR EACH ROW EXECUTE FUNCTION "report_immutable"();--> statement-breakpoint
CREATE TRIGGER "report_version_no_update" BEFORE UPDATE ON "report_version"
  FOR EACH ROW EXECUTE FUNCTION "report_immutable"();
