CREATE TABLE "budget_line" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"measure_id" integer,
	"year" smallint NOT NULL,
	"product_code" text NOT NULL,
	"cost_centre" text,
	"account" text,
	"planned" double precision NOT NULL,
	"committed" double precision,
	"spent" double precision,
	"source" text,
	"import_run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "curve_story" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"goal_indicator_id" integer NOT NULL,
	"period" text NOT NULL,
	"text" text NOT NULL,
	"author" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"theme_id" integer NOT NULL,
	"parent_id" integer,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner" text,
	"period_from" smallint,
	"period_to" smallint,
	"decision" text,
	"release" text DEFAULT 'draft' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_indicator" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"goal_id" integer NOT NULL,
	"indicator_id" integer,
	"area_id" integer,
	"performance_measure_id" integer,
	"baseline_year" smallint NOT NULL,
	"baseline_value" double precision NOT NULL,
	"target_kind" text NOT NULL,
	"direction" text NOT NULL,
	"target_value" double precision,
	"target_low" double precision,
	"target_high" double precision,
	"target_year" smallint,
	"valid_to" smallint,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_indicator_source_ck" CHECK (("goal_indicator"."indicator_id" IS NOT NULL AND "goal_indicator"."area_id" IS NOT NULL AND "goal_indicator"."performance_measure_id" IS NULL) OR ("goal_indicator"."indicator_id" IS NULL AND "goal_indicator"."area_id" IS NULL AND "goal_indicator"."performance_measure_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "goal_measure" (
	"goal_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	"contribution" text,
	CONSTRAINT "goal_measure_goal_id_measure_id_pk" PRIMARY KEY("goal_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "measure" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner" text NOT NULL,
	"area_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" text NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_dates_ck" CHECK ("measure"."end_date" IS NULL OR "measure"."end_date" >= "measure"."start_date")
);
--> statement-breakpoint
CREATE TABLE "measure_editor" (
	"measure_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "measure_editor_measure_id_user_id_pk" PRIMARY KEY("measure_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "performance_measure" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	"code" text NOT NULL,
	"question" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"frequency" text NOT NULL,
	"polarity" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "performance_value" (
	"id" serial PRIMARY KEY NOT NULL,
	"performance_measure_id" integer NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"note" text,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "theme" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner" text,
	"area_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"example_data" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_line" ADD CONSTRAINT "budget_line_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line" ADD CONSTRAINT "budget_line_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line" ADD CONSTRAINT "budget_line_import_run_id_import_run_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curve_story" ADD CONSTRAINT "curve_story_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curve_story" ADD CONSTRAINT "curve_story_goal_indicator_id_goal_indicator_id_fk" FOREIGN KEY ("goal_indicator_id") REFERENCES "public"."goal_indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_theme_id_theme_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."theme"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_parent_id_goal_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."goal"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_indicator" ADD CONSTRAINT "goal_indicator_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_indicator" ADD CONSTRAINT "goal_indicator_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_indicator" ADD CONSTRAINT "goal_indicator_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_indicator" ADD CONSTRAINT "goal_indicator_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_indicator" ADD CONSTRAINT "goal_indicator_performance_measure_id_performance_measure_id_fk" FOREIGN KEY ("performance_measure_id") REFERENCES "public"."performance_measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_measure" ADD CONSTRAINT "goal_measure_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_measure" ADD CONSTRAINT "goal_measure_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure" ADD CONSTRAINT "measure_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_editor" ADD CONSTRAINT "measure_editor_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_editor" ADD CONSTRAINT "measure_editor_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_measure" ADD CONSTRAINT "performance_measure_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_measure" ADD CONSTRAINT "performance_measure_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_value" ADD CONSTRAINT "performance_value_performance_measure_id_performance_measure_id_fk" FOREIGN KEY ("performance_measure_id") REFERENCES "public"."performance_measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme" ADD CONSTRAINT "theme_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_line_measure_ix" ON "budget_line" USING btree ("measure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_line_uq" ON "budget_line" USING btree ("workspace_id","year","product_code","cost_centre","account","measure_id");--> statement-breakpoint
CREATE INDEX "curve_story_indicator_ix" ON "curve_story" USING btree ("goal_indicator_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "goal_code_uq" ON "goal" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE INDEX "goal_theme_ix" ON "goal" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "goal_indicator_goal_ix" ON "goal_indicator" USING btree ("goal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_code_uq" ON "measure" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "performance_measure_code_uq" ON "performance_measure" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "performance_value_uq" ON "performance_value" USING btree ("performance_measure_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "theme_code_uq" ON "theme" USING btree ("workspace_id","code");