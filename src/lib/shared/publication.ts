import * as z from 'zod';

/** Input of `PUT /api/workshops/<id>/publication`: the boards the public results page shows. */
export const publicationInput = z.object({
	boardIds: z.array(z.string().min(1).max(64)).max(100)
});
export type PublicationInput = z.infer<typeof publicationInput>;
