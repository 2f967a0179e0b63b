CREATE TABLE "skipped_link_visits" (
	"workspace_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"enrollment_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skipped_link_visits_enrollment_id_day_reason_pk" PRIMARY KEY("enrollment_id","day","reason")
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "apply_code_from_links" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "landing_path" text;--> statement-breakpoint
ALTER TABLE "skipped_link_visits" ADD CONSTRAINT "skipped_link_visits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skipped_link_visits" ADD CONSTRAINT "skipped_link_visits_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skipped_link_visits" ADD CONSTRAINT "skipped_link_visits_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skipped_link_visits" ADD CONSTRAINT "skipped_link_visits_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "skipped_link_visits_campaign_day_idx" ON "skipped_link_visits" USING btree ("workspace_id","campaign_id","day");