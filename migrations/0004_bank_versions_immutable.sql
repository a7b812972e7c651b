-- A question version is what a paper showed: it may never change or disappear.
CREATE OR REPLACE FUNCTION question_version_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: save a new question version instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER question_versions_immutable BEFORE UPDATE OR DELETE ON question_versions
  FOR EACH ROW EXECUTE FUNCTION question_version_immutable();
--> statement-breakpoint
CREATE TRIGGER question_version_articles_immutable BEFORE UPDATE OR DELETE ON question_version_articles
  FOR EACH ROW EXECUTE FUNCTION question_version_immutable();
--> statement-breakpoint
ALTER TABLE question_categories ADD CONSTRAINT question_categories_parent_fk FOREIGN KEY (parent_id) REFERENCES question_categories(id);
