ALTER TABLE "workspace" ADD COLUMN "publisher_address" text;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "dcat_contributor_id" text;