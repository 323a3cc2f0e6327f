ALTER TABLE "workspace" ADD COLUMN "publisher" text;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "homepage" text;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "licence" text;