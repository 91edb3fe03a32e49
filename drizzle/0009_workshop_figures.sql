CREATE TABLE "workshop_figures" (
	"workshop_id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workshop_figures" ADD CONSTRAINT "workshop_figures_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;