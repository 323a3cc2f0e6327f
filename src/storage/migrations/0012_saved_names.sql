CREATE TABLE "saved_name" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"text" text NOT NULL,
	"text_key" text NOT NULL,
	"area_id" integer,
	"variable_id" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_name_target_ck" CHECK (("saved_name"."kind" = 'area' AND "saved_name"."area_id" IS NOT NULL AND "saved_name"."variable_id" IS NULL) OR ("saved_name"."kind" = 'variable' AND "saved_name"."variable_id" IS NOT NULL AND "saved_name"."area_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "saved_name" ADD CONSTRAINT "saved_name_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_name" ADD CONSTRAINT "saved_name_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_name" ADD CONSTRAINT "saved_name_variable_id_variable_id_fk" FOREIGN KEY ("variable_id") REFERENCES "public"."variable"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_name_key_uq" ON "saved_name" USING btree ("workspace_id","kind","scope","text_key");