CREATE TABLE "email_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text,
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"cause" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_notifier_cursor" (
	"id" integer PRIMARY KEY NOT NULL,
	"position" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_unsubscribes" (
	"email" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_unsubscribes_email_kind_pk" PRIMARY KEY("email","kind")
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_recipient_kind_cause_key" ON "email_messages" USING btree ("recipient","kind","cause");--> statement-breakpoint
CREATE INDEX "events_position_idx" ON "events" USING btree ("position");--> statement-breakpoint
-- The notifier mails about events written from now on, not about the history.
INSERT INTO "email_notifier_cursor" ("id", "position") SELECT 1, coalesce(max("position"), 0) FROM "events" ON CONFLICT DO NOTHING;
