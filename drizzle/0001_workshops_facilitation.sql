CREATE TABLE "board_locks" (
	"board_id" text NOT NULL,
	"target_id" text NOT NULL,
	"locked_by" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_locks_board_id_target_id_pk" PRIMARY KEY("board_id","target_id")
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"workshop_id" text NOT NULL,
	"user_id" text NOT NULL,
	"category" text,
	"satisfaction" integer NOT NULL,
	"worked" text DEFAULT '' NOT NULL,
	"change" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_workshop_id_user_id_pk" PRIMARY KEY("workshop_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "vote_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"workshop_id" text NOT NULL,
	"board_id" text NOT NULL,
	"frame_id" text,
	"dots" integer NOT NULL,
	"one_per_object" boolean DEFAULT false NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"opened_by" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"user_id" text NOT NULL,
	"item_id" text NOT NULL,
	"category" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "max_uses" integer;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "uses" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invite_id" text;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "date" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "purpose" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "categories" jsonb DEFAULT '["usager","agent","manager","elu"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "admission" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "agenda" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "session" jsonb DEFAULT '{"phaseId":null,"timer":{"running":false,"endsAt":null,"remainingMs":0}}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "board_locks" ADD CONSTRAINT "board_locks_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_rounds" ADD CONSTRAINT "vote_rounds_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_rounds" ADD CONSTRAINT "vote_rounds_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_round_id_vote_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."vote_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vote_rounds_board_idx" ON "vote_rounds" USING btree ("board_id");--> statement-breakpoint
CREATE INDEX "votes_round_idx" ON "votes" USING btree ("round_id","user_id");