ALTER TABLE "invites" ADD COLUMN "short_code_hash" text;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "short_code_sealed" text;--> statement-breakpoint
CREATE UNIQUE INDEX "invites_short_code_hash_idx" ON "invites" USING btree ("short_code_hash");