CREATE TABLE "area" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"area_system_id" integer NOT NULL,
	"level_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "area_boundary" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"area_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"geometry" jsonb,
	"import_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "area_boundary_valid_ck" CHECK ("area_boundary"."valid_to" IS NULL OR "area_boundary"."valid_to" >= "area_boundary"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "area_level" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"area_system_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"depth" smallint NOT NULL,
	CONSTRAINT "area_level_depth_ck" CHECK ("area_level"."depth" >= 0)
);
--> statement-breakpoint
CREATE TABLE "area_system" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_run" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_size" integer NOT NULL,
	"mapping" jsonb NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text NOT NULL,
	"summary" jsonb NOT NULL,
	"issues" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"theme" text NOT NULL,
	"numerator" text[] NOT NULL,
	"denominator" text[],
	"factor" double precision DEFAULT 1 NOT NULL,
	"unit" text NOT NULL,
	"decimals" smallint DEFAULT 1 NOT NULL,
	"polarity" text NOT NULL,
	"definition" text NOT NULL,
	"interpretation" text,
	"limits" text,
	"source" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"publication" text DEFAULT 'internal' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"variable_id" integer NOT NULL,
	"area_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"value" double precision,
	"status" text DEFAULT 'final' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"import_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "period" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"reference_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "variable" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"unit" text DEFAULT 'Personen' NOT NULL,
	"measure" text NOT NULL,
	"aggregation" text NOT NULL,
	"non_negative" boolean DEFAULT true NOT NULL,
	"source" text,
	"licence" text,
	"attribution" text,
	"publication" text DEFAULT 'internal' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"municipality_key" text,
	"min_count" integer DEFAULT 3 NOT NULL,
	"attribution" text,
	"data_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_area_system_id_area_system_id_fk" FOREIGN KEY ("area_system_id") REFERENCES "public"."area_system"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_level_id_area_level_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."area_level"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_parent_id_area_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_boundary" ADD CONSTRAINT "area_boundary_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_boundary" ADD CONSTRAINT "area_boundary_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_level" ADD CONSTRAINT "area_level_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_level" ADD CONSTRAINT "area_level_area_system_id_area_system_id_fk" FOREIGN KEY ("area_system_id") REFERENCES "public"."area_system"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_system" ADD CONSTRAINT "area_system_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation" ADD CONSTRAINT "observation_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation" ADD CONSTRAINT "observation_variable_id_variable_id_fk" FOREIGN KEY ("variable_id") REFERENCES "public"."variable"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation" ADD CONSTRAINT "observation_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation" ADD CONSTRAINT "observation_period_id_period_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."period"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation" ADD CONSTRAINT "observation_import_id_import_run_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period" ADD CONSTRAINT "period_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variable" ADD CONSTRAINT "variable_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "area_code_uq" ON "area" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE INDEX "area_parent_ix" ON "area" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "area_level_ix" ON "area" USING btree ("level_id");--> statement-breakpoint
CREATE INDEX "area_boundary_area_ix" ON "area_boundary" USING btree ("area_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "area_level_code_uq" ON "area_level" USING btree ("area_system_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "area_level_depth_uq" ON "area_level" USING btree ("area_system_id","depth");--> statement-breakpoint
CREATE UNIQUE INDEX "area_system_code_uq" ON "area_system" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE INDEX "import_run_workspace_ix" ON "import_run" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_code_uq" ON "indicator" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "observation_current_uq" ON "observation" USING btree ("variable_id","period_id","area_id") WHERE "observation"."superseded_at" IS NULL;--> statement-breakpoint
CREATE INDEX "observation_history_ix" ON "observation" USING btree ("variable_id","area_id","period_id","revision");--> statement-breakpoint
CREATE INDEX "observation_workspace_period_ix" ON "observation" USING btree ("workspace_id","period_id") WHERE "observation"."superseded_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "period_code_uq" ON "period" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "variable_code_uq" ON "variable" USING btree ("workspace_id","code");