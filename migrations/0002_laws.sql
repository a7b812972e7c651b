CREATE TABLE "law_articles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "law_articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"node_id" integer,
	"no" integer NOT NULL,
	"suffix" integer DEFAULT 0 NOT NULL,
	"label" text NOT NULL,
	"text" text NOT NULL,
	"ordinal" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "law_nodes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "law_nodes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"title" text NOT NULL,
	"depth" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"first_article" integer,
	"last_article" integer
);
--> statement-breakpoint
CREATE TABLE "law_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "law_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"law_id" integer NOT NULL,
	"version_date" date,
	"history" text DEFAULT '' NOT NULL,
	"preamble" text,
	"appendix" text,
	"source" text NOT NULL,
	"source_name" text,
	"content_hash" text NOT NULL,
	"article_count" integer NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "laws" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "laws_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"short_title" text NOT NULL,
	"category" text NOT NULL,
	"current_version_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "law_articles" ADD CONSTRAINT "law_articles_version_id_law_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."law_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "law_articles" ADD CONSTRAINT "law_articles_node_id_law_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."law_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "law_nodes" ADD CONSTRAINT "law_nodes_version_id_law_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."law_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "law_versions" ADD CONSTRAINT "law_versions_law_id_laws_id_fk" FOREIGN KEY ("law_id") REFERENCES "public"."laws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "law_articles_version_no_uq" ON "law_articles" USING btree ("version_id","no","suffix");--> statement-breakpoint
CREATE UNIQUE INDEX "law_articles_version_ordinal_uq" ON "law_articles" USING btree ("version_id","ordinal");--> statement-breakpoint
CREATE INDEX "law_nodes_version_idx" ON "law_nodes" USING btree ("version_id","ordinal");--> statement-breakpoint
CREATE INDEX "law_versions_law_idx" ON "law_versions" USING btree ("law_id");--> statement-breakpoint
CREATE UNIQUE INDEX "law_versions_law_hash_uq" ON "law_versions" USING btree ("law_id","content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "laws_title_uq" ON "laws" USING btree ("title");--> statement-breakpoint
-- Reviewed addition: a stored law version is immutable (questions and learning lists cite its
-- articles by id), so its version row, nodes and articles can be inserted but never changed.
CREATE OR REPLACE FUNCTION law_version_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: store a new law version instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER law_versions_immutable BEFORE UPDATE OR DELETE ON law_versions FOR EACH ROW EXECUTE FUNCTION law_version_immutable();
--> statement-breakpoint
CREATE TRIGGER law_nodes_immutable BEFORE UPDATE OR DELETE ON law_nodes FOR EACH ROW EXECUTE FUNCTION law_version_immutable();
--> statement-breakpoint
CREATE TRIGGER law_articles_immutable BEFORE UPDATE OR DELETE ON law_articles FOR EACH ROW EXECUTE FUNCTION law_version_immutable();
