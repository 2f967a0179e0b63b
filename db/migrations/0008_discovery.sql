-- Creator discovery. Hand-added before the generated statements: the extensions and the IMMUTABLE
-- normalisation functions that the generated columns and the searches use (lib/discovery).
-- tally_normalize(x) = lower(unaccent(x)): the one definition of "case- and accent-insensitive".
-- unaccent() itself is only STABLE (its dictionary could change), so it is wrapped with the
-- dictionary named explicitly and declared IMMUTABLE, which generated columns and indexes require.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.tally_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.tally_normalize_array(text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ select string_to_array(public.tally_normalize(array_to_string($1, chr(31))), chr(31)) $$;--> statement-breakpoint
-- The free-text document of a discovery profile: every string field, audience place names included.
-- (Both helpers avoid per-element subqueries: they run for every row a seed loads.)
CREATE OR REPLACE FUNCTION public.tally_discovery_document(handle text, display_name text, bio text, niches text[], city text, region text, country text, audience jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ select public.tally_normalize(
    coalesce(handle, '') || ' ' || coalesce(display_name, '') || ' ' || coalesce(bio, '') || ' ' ||
    coalesce(array_to_string(niches, ' '), '') || ' ' || coalesce(city, '') || ' ' || coalesce(region, '') || ' ' || coalesce(country, '') || ' ' ||
    translate(coalesce(jsonb_path_query_array(audience, '$.locations[*].name')::text, ''), '[]",', '    ')
  ) $$;--> statement-breakpoint
CREATE TYPE "public"."workspace_plan" AS ENUM('free', 'growth', 'scale');--> statement-breakpoint
CREATE TYPE "public"."audience_location_kind" AS ENUM('city', 'region', 'country');--> statement-breakpoint
CREATE TYPE "public"."discovery_platform" AS ENUM('instagram', 'tiktok', 'youtube');--> statement-breakpoint
CREATE TABLE "discovery_audience_locations" (
	"profile_id" text NOT NULL,
	"kind" "audience_location_kind" NOT NULL,
	"name" text NOT NULL,
	"name_norm" text GENERATED ALWAYS AS (tally_normalize(name)) STORED NOT NULL,
	"share_bps" smallint NOT NULL,
	"followers" integer NOT NULL,
	CONSTRAINT "discovery_audience_locations_profile_id_kind_name_pk" PRIMARY KEY("profile_id","kind","name")
);
--> statement-breakpoint
CREATE TABLE "discovery_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"platforms" "discovery_platform"[] NOT NULL,
	"handle" text NOT NULL,
	"display_name" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"niches" text[] DEFAULT '{}'::text[] NOT NULL,
	"followers" integer NOT NULL,
	"engagement_rate_bps" integer NOT NULL,
	"city" text,
	"region" text,
	"country" text,
	"audience" jsonb NOT NULL,
	"contact_email" text NOT NULL,
	"search_norm" text GENERATED ALWAYS AS (tally_discovery_document(handle, display_name, bio, niches, city, region, country, audience)) STORED NOT NULL,
	"name_norm" text GENERATED ALWAYS AS (tally_normalize(handle || ' ' || display_name)) STORED NOT NULL,
	"niche_keys" text[] GENERATED ALWAYS AS (tally_normalize_array(niches)) STORED NOT NULL,
	"location_keys" text[] GENERATED ALWAYS AS (tally_normalize_array(ARRAY[city, region, country])) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discovery_unlocks" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"unlocked_by_user_id" text,
	"unlocked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "plan" "workspace_plan" DEFAULT 'free' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "billing_cycle_anchor" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "discovery_audience_locations" ADD CONSTRAINT "discovery_audience_locations_profile_id_discovery_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."discovery_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discovery_unlocks" ADD CONSTRAINT "discovery_unlocks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discovery_unlocks" ADD CONSTRAINT "discovery_unlocks_profile_id_discovery_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."discovery_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discovery_unlocks" ADD CONSTRAINT "discovery_unlocks_unlocked_by_user_id_users_id_fk" FOREIGN KEY ("unlocked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discovery_audience_locations_place_idx" ON "discovery_audience_locations" USING btree ("name_norm","kind","share_bps","followers","profile_id");--> statement-breakpoint
CREATE INDEX "discovery_profiles_search_trgm_idx" ON "discovery_profiles" USING gin ("search_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "discovery_profiles_name_trgm_idx" ON "discovery_profiles" USING gin ("name_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "discovery_profiles_niche_keys_idx" ON "discovery_profiles" USING gin ("niche_keys");--> statement-breakpoint
CREATE INDEX "discovery_profiles_location_keys_idx" ON "discovery_profiles" USING gin ("location_keys");--> statement-breakpoint
CREATE INDEX "discovery_profiles_followers_idx" ON "discovery_profiles" USING btree ("followers","id");--> statement-breakpoint
CREATE INDEX "discovery_profiles_engagement_idx" ON "discovery_profiles" USING btree ("engagement_rate_bps","id");--> statement-breakpoint
CREATE UNIQUE INDEX "discovery_unlocks_workspace_profile_key" ON "discovery_unlocks" USING btree ("workspace_id","profile_id");--> statement-breakpoint
CREATE INDEX "discovery_unlocks_workspace_unlocked_idx" ON "discovery_unlocks" USING btree ("workspace_id","unlocked_at");