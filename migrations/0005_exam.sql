CREATE TABLE "attempt_answers" (
	"attempt_id" integer NOT NULL,
	"position" integer NOT NULL,
	"seq" integer NOT NULL,
	"response" jsonb,
	"flagged" boolean DEFAULT false NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"credit" numeric,
	"score" numeric,
	CONSTRAINT "attempt_answers_attempt_id_position_pk" PRIMARY KEY("attempt_id","position")
);
--> statement-breakpoint
CREATE TABLE "attempt_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attempt_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"attempt_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "attempt_key_overrides" (
	"exam_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"key_version_id" integer NOT NULL,
	CONSTRAINT "attempt_key_overrides_exam_id_question_id_pk" PRIMARY KEY("exam_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "essay_grades" (
	"attempt_id" integer NOT NULL,
	"position" integer NOT NULL,
	"grader_account_id" integer NOT NULL,
	"score" numeric NOT NULL,
	"comment" text,
	"graded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "essay_grades_attempt_id_position_grader_account_id_pk" PRIMARY KEY("attempt_id","position","grader_account_id")
);
--> statement-breakpoint
CREATE TABLE "exam_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"exam_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"attempt_no" integer NOT NULL,
	"paper_id" integer NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submit_reason" text,
	"active_device_id" text,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"switch_count" integer DEFAULT 0 NOT NULL,
	"score" numeric,
	"pending_grading" boolean DEFAULT false NOT NULL,
	"passed" boolean,
	"graded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exam_candidates" (
	"exam_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"source" text DEFAULT 'list' NOT NULL,
	"extra_seconds" integer DEFAULT 0 NOT NULL,
	"opens_at_override" timestamp with time zone,
	"closes_at_override" timestamp with time zone,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_candidates_exam_id_person_id_pk" PRIMARY KEY("exam_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "exam_papers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_papers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"exam_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"attempt_no" integer NOT NULL,
	"seed" integer NOT NULL,
	"items" jsonb NOT NULL,
	"expected_score" numeric NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_regrades" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_regrades_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"exam_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"key_version_id" integer NOT NULL,
	"reason" text,
	"changes" jsonb NOT NULL,
	"actor_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"makeup_of_exam_id" integer,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"pass_mark" numeric NOT NULL,
	"total_points" numeric NOT NULL,
	"settings" jsonb NOT NULL,
	"pool" jsonb,
	"fixed_items" jsonb,
	"target_expected_score" numeric,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"results_published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attempt_answers" ADD CONSTRAINT "attempt_answers_attempt_id_exam_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_events" ADD CONSTRAINT "attempt_events_attempt_id_exam_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_key_overrides" ADD CONSTRAINT "attempt_key_overrides_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_grades" ADD CONSTRAINT "essay_grades_attempt_id_exam_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_paper_id_exam_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."exam_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_candidates" ADD CONSTRAINT "exam_candidates_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_candidates" ADD CONSTRAINT "exam_candidates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_papers" ADD CONSTRAINT "exam_papers_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_papers" ADD CONSTRAINT "exam_papers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_regrades" ADD CONSTRAINT "exam_regrades_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attempt_events_attempt_idx" ON "attempt_events" USING btree ("attempt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempts_person_no_uq" ON "exam_attempts" USING btree ("exam_id","person_id","attempt_no");--> statement-breakpoint
CREATE INDEX "exam_attempts_running_idx" ON "exam_attempts" USING btree ("deadline_at") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "exam_attempts_person_idx" ON "exam_attempts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "exam_candidates_person_idx" ON "exam_candidates" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_papers_person_attempt_uq" ON "exam_papers" USING btree ("exam_id","person_id","attempt_no");--> statement-breakpoint
CREATE INDEX "exams_status_idx" ON "exams" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "exams_year_idx" ON "exams" USING btree ("year");--> statement-breakpoint
-- A drawn paper is frozen: what an examinee was shown can never be rewritten.
CREATE OR REPLACE FUNCTION exam_paper_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'exam_papers is immutable: a drawn paper never changes' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER exam_papers_immutable BEFORE UPDATE ON exam_papers
  FOR EACH ROW EXECUTE FUNCTION exam_paper_immutable();
