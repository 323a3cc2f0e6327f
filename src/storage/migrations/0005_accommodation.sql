CREATE TABLE "facility" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"operator_name" text NOT NULL,
	"operator_kind" text NOT NULL,
	"association" text,
	"provision" text NOT NULL,
	"address" text,
	"area_code" text,
	"opened" date NOT NULL,
	"closed" date,
	"wheelchair_access" boolean DEFAULT false NOT NULL,
	"family_rooms" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_capacity" (
	"id" serial PRIMARY KEY NOT NULL,
	"facility_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"places" integer NOT NULL,
	"units" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_capacity_positive" CHECK ("facility_capacity"."places" >= 0 AND "facility_capacity"."units" >= 0)
);
--> statement-breakpoint
CREATE TABLE "household" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"pseudonym" text NOT NULL,
	"type" text NOT NULL,
	"size" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupancy_month" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"month" text NOT NULL,
	"reference_day" text NOT NULL,
	"statistic" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"pseudonym" text NOT NULL,
	"household_id" integer NOT NULL,
	"birth_year" smallint,
	"sex" text NOT NULL,
	"nationality" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stay" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"person_id" integer NOT NULL,
	"facility_id" integer NOT NULL,
	"legal_basis" text NOT NULL,
	"entry" date NOT NULL,
	"exit" date,
	"moved_from_id" integer,
	"entitled_to_flat" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stay_exit_after_entry" CHECK ("stay"."exit" IS NULL OR "stay"."exit" >= "stay"."entry")
);
--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "stay_retention_months" integer DEFAULT 36 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "occupancy_reference_day" text DEFAULT 'last' NOT NULL;--> statement-breakpoint
ALTER TABLE "facility" ADD CONSTRAINT "facility_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_capacity" ADD CONSTRAINT "facility_capacity_facility_id_facility_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facility"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household" ADD CONSTRAINT "household_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupancy_month" ADD CONSTRAINT "occupancy_month_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay" ADD CONSTRAINT "stay_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay" ADD CONSTRAINT "stay_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay" ADD CONSTRAINT "stay_facility_id_facility_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facility"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay" ADD CONSTRAINT "stay_moved_from_id_stay_id_fk" FOREIGN KEY ("moved_from_id") REFERENCES "public"."stay"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "facility_code_uq" ON "facility" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "facility_capacity_uq" ON "facility_capacity" USING btree ("facility_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "household_pseudonym_uq" ON "household" USING btree ("workspace_id","pseudonym");--> statement-breakpoint
CREATE UNIQUE INDEX "occupancy_month_uq" ON "occupancy_month" USING btree ("workspace_id","month","reference_day");--> statement-breakpoint
CREATE UNIQUE INDEX "person_pseudonym_uq" ON "person" USING btree ("workspace_id","pseudonym");--> statement-breakpoint
CREATE UNIQUE INDEX "stay_code_uq" ON "stay" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE INDEX "stay_dates_ix" ON "stay" USING btree ("workspace_id","entry","exit");--> statement-breakpoint
CREATE INDEX "stay_person_ix" ON "stay" USING btree ("person_id");