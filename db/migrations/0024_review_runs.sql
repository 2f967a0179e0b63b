CREATE TYPE "public"."review_decision" AS ENUM('approved', 'denied');--> statement-breakpoint
CREATE TYPE "public"."review_item_outcome" AS ENUM('changed', 'unchanged', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."review_run_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "review_run_items" (
	"run_id" text NOT NULL,
	"conversion_id" text NOT NULL,
	"outcome" "review_item_outcome",
	"message" text,
	CONSTRAINT "review_run_items_run_id_conversion_id_pk" PRIMARY KEY("run_id","conversion_id")
);
--> statement-breakpoint
CREATE TABLE "review_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"decision" "review_decision" NOT NULL,
	"reason" text,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" text,
	"filters" jsonb,
	"status" "review_run_status" DEFAULT 'running' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_run_items" ADD CONSTRAINT "review_run_items_run_id_review_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."review_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_run_items" ADD CONSTRAINT "review_run_items_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_runs" ADD CONSTRAINT "review_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_run_items_open_idx" ON "review_run_items" USING btree ("run_id","conversion_id") WHERE "review_run_items"."outcome" is null;--> statement-breakpoint
CREATE INDEX "review_runs_workspace_started_idx" ON "review_runs" USING btree ("workspace_id","started_at" DESC NULLS LAST);