CREATE TABLE "crosswalk" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"basis" text NOT NULL,
	"valid_from" date NOT NULL,
	"source" text,
	"file_name" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crosswalk_share" (
	"id" serial PRIMARY KEY NOT NULL,
	"crosswalk_id" integer NOT NULL,
	"old_area_id" integer NOT NULL,
	"new_area_id" integer NOT NULL,
	"weight" double precision NOT NULL,
	CONSTRAINT "crosswalk_share_weight_ck" CHECK ("crosswalk_share"."weight" >= 0)
);
--> statement-breakpoint
ALTER TABLE "crosswalk" ADD CONSTRAINT "crosswalk_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crosswalk_share" ADD CONSTRAINT "crosswalk_share_crosswalk_id_crosswalk_id_fk" FOREIGN KEY ("crosswalk_id") REFERENCES "public"."crosswalk"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crosswalk_share" ADD CONSTRAINT "crosswalk_share_old_area_id_area_id_fk" FOREIGN KEY ("old_area_id") REFERENCES "public"."area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crosswalk_share" ADD CONSTRAINT "crosswalk_share_new_area_id_area_id_fk" FOREIGN KEY ("new_area_id") REFERENCES "public"."area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crosswalk_code_uq" ON "crosswalk" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "crosswalk_share_uq" ON "crosswalk_share" USING btree ("crosswalk_id","old_area_id","new_area_id");