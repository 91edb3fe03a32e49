import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formString } from '$lib/server/forms';
import { isFailure, joinUrl, publicOrigin, refuseForm, refusePageWith } from '$lib/server/http';
import { archiveWorkshop } from '$lib/server/services/archive';
import { erasePerson } from '$lib/server/services/erasure';
import { listInvites, revokeInvite } from '$lib/server/services/invite-links';
import { createInvite } from '$lib/server/services/invites';
import {
	assignProgramme,
	ownedProgrammes,
	programmeOfWorkshop
} from '$lib/server/services/programmes';
import { publicationOf, publishResults, unpublishResults } from '$lib/server/services/publication';
import { admitPerson, listPeople, removePerson, updatePerson } from '$lib/server/services/people';
import { listOwnTemplates } from '$lib/server/services/own-templates';
import { addBoard, updateWorkshop } from '$lib/server/services/workshops';
import { OWN_TEMPLATE_PREFIX } from '$lib/shared/template-validation';
import { facilitatorOfRoute } from '$lib/server/workshop-guard';
import {
	createInviteInput,
	createWorkshopBoardInput,
	updatePersonInput,
	workshopSettingsInput
} from '$lib/shared/workshop-validation';
import { fromZonedWallClock } from '$lib/i18n/format';
import { joinDateFields } from '$lib/shared/date-fields';
import type { Actions, PageServerLoad } from './$types';

/** The facilitator's access, or the matching error page (sign-in first). */
async function facilitator(event: RequestEvent) {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) refusePageWith(access);
	return access;
}

/** The facilitator's access for a change: an archived workshop changes no more (409). */
async function changing(event: RequestEvent, action: string) {
	const access = await facilitator(event);
	return access.workshop.archived
		? { access, refused: refuseForm(409, { action, code: 'workshop_archived' }) }
		: { access, refused: null };
}

/** The workshop's settings, boards, links (with QR codes) and people (facilitators only). */
export const load: PageServerLoad = async (event) => {
	const access = await facilitator(event);
	const links = await listInvites(access.workshop.id);
	const publication = await publicationOf(access.workshop.id);
	return {
		workshop: access.workshop,
		invites: links.map(({ code, ...link }) => ({ ...link, joinUrl: joinUrl(event, code) })),
		people: await listPeople(access.workshop.id),
		me: access.userId,
		ownTemplates: await listOwnTemplates(access.userId),
		programmes: await ownedProgrammes(access.userId),
		programme: await programmeOfWorkshop(access.workshop.id),
		publication,
		publicUrl: publication.token ? `${publicOrigin(event)}/results/${publication.token}` : null
	};
};

/** Splits a textarea of categories (one per line) into a list. */
function categoryLines(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
}

/** The retention field: empty keeps the logs (null), otherwise a number of months. */
function retentionOf(data: FormData): number | null {
	const months = formString(data, 'retentionMonths').trim();
	return months === '' ? null : Number(months);
}

function settingsOf(data: FormData, archived: boolean) {
	const archiveSettings = {
		evaluatorsSeeNames: formString(data, 'evaluatorsSeeNames') === 'on',
		retentionMonths: retentionOf(data)
	};
	// An archived workshop's form shows, and may change, only how its record is read and kept.
	if (archived) return archiveSettings;
	// Two text fields (day, time), read the same whatever the browser's language.
	const when = joinDateFields(formString(data, 'date_day'), formString(data, 'date_time'));
	return {
		...archiveSettings,
		title: formString(data, 'title'),
		purpose: formString(data, 'purpose'),
		place: formString(data, 'place'),
		// Invalid fields fail the schema (400 `settings_invalid`) rather than clearing the date.
		date: when === undefined ? 'invalid' : when ? fromZonedWallClock(when).toISOString() : null,
		categories: categoryLines(formString(data, 'categories')),
		admission: formString(data, 'admission') === 'admit' ? 'admit' : 'open',
		anonymous: formString(data, 'anonymous') === 'on'
	};
}

export const actions: Actions = {
	/**
	 * Saves title, date, purpose, place, categories, admission mode and retention; once archived, only
	 * whether evaluators see names and the retention.
	 */
	settings: async (event) => {
		const access = await facilitator(event);
		const data = await event.request.formData();
		const parsed = workshopSettingsInput.safeParse(settingsOf(data, access.workshop.archived));
		if (!parsed.success) return refuseForm(400, { action: 'settings', code: 'settings_invalid' });
		await updateWorkshop({
			workshopId: access.workshop.id,
			actorId: access.userId,
			settings: parsed.data
		});
		return { action: 'settings', saved: true };
	},
	/** Adds a board (e.g. a peer-group board), possibly from a template. */
	board: async (event) => {
		const { access, refused: archived } = await changing(event, 'board');
		if (archived) return archived;
		const data = await event.request.formData();
		// One select offers both kinds: a built-in key, or `own:<id>` for one of mine.
		const choice = formString(data, 'template');
		const own = choice.startsWith(OWN_TEMPLATE_PREFIX);
		const parsed = createWorkshopBoardInput.safeParse({
			title: formString(data, 'title'),
			template: (!own && choice) || undefined,
			ownTemplateId: own ? choice.slice(OWN_TEMPLATE_PREFIX.length) : undefined
		});
		if (!parsed.success) return refuseForm(400, { action: 'board', code: 'title_invalid' });
		const { ownTemplateId, ...rest } = parsed.data;
		const added = await addBoard({
			workshopId: access.workshop.id,
			...rest,
			ownTemplate: ownTemplateId ? { id: ownTemplateId, ownerId: access.userId } : undefined
		});
		if (isFailure(added)) return refuseForm(added.status, { action: 'board', code: added.code });
		return { action: 'board', saved: true };
	},
	/** Creates an invitation link. */
	invite: async (event) => {
		const access = await facilitator(event);
		const data = await event.request.formData();
		// Two text fields (day, time), read the same whatever the browser's language; a day without
		// a time lasts until its end.
		const expiresDay = formString(data, 'expires_day');
		const expires = joinDateFields(
			expiresDay,
			formString(data, 'expires_time') || (expiresDay ? '23:59' : '')
		);
		const maxUses = formString(data, 'maxUses');
		const parsed = createInviteInput.safeParse({
			role: formString(data, 'role') || 'participant',
			category: formString(data, 'category') || null,
			boardId: formString(data, 'boardId') || undefined,
			expiresAt:
				expires === undefined
					? 'invalid'
					: expires
						? fromZonedWallClock(expires).toISOString()
						: null,
			maxUses: maxUses ? Number(maxUses) : null,
			label: formString(data, 'label')
		});
		const { workshop } = access;
		const input = parsed.success ? parsed.data : null;
		const boardId = input?.boardId ?? workshop.boards[0]?.id;
		if (!input || !boardId || !workshop.boards.some((board) => board.id === boardId)) {
			return refuseForm(400, { action: 'invite', code: 'invite_invalid' });
		}
		if (input.category !== null && !workshop.categories.includes(input.category)) {
			return refuseForm(400, { action: 'invite', code: 'category_invalid' });
		}
		// Evaluator links stay possible once archived: that is how evaluators get the archive.
		if (workshop.archived && input.role !== 'evaluator') {
			return refuseForm(409, { action: 'invite', code: 'workshop_archived' });
		}
		await createInvite({
			...input,
			workshopId: workshop.id,
			boardId,
			expiresAt: input.expiresAt ? new Date(input.expiresAt) : null
		});
		return { action: 'invite', saved: true };
	},
	/** Archives the workshop: read-only for everyone, final snapshots, open to evaluators. */
	archive: async (event) => {
		const access = await facilitator(event);
		const data = await event.request.formData();
		if (formString(data, 'confirm') !== 'on') {
			return refuseForm(400, { action: 'archive', code: 'archive_unconfirmed' });
		}
		const archived = await archiveWorkshop({
			workshopId: access.workshop.id,
			actorId: access.userId
		});
		if (isFailure(archived))
			return refuseForm(archived.status, { action: 'archive', code: archived.code });
		return { action: 'archive', saved: true };
	},
	/** Revokes a link. */
	revoke: async (event) => {
		const access = await facilitator(event);
		const data = await event.request.formData();
		const refused = await revokeInvite({
			workshopId: access.workshop.id,
			inviteId: formString(data, 'inviteId'),
			actorId: access.userId
		});
		return refused ? refuseForm(refused.status, { action: 'revoke', code: refused.code }) : null;
	},
	/** Changes someone's role. */
	role: async (event) => {
		const { access, refused: archived } = await changing(event, 'role');
		if (archived) return archived;
		const data = await event.request.formData();
		const parsed = updatePersonInput.safeParse({ role: formString(data, 'role') });
		if (!parsed.success) return refuseForm(400, { action: 'role', code: 'role_invalid' });
		const refused = await updatePerson({
			workshopId: access.workshop.id,
			actorId: access.userId,
			userId: formString(data, 'userId'),
			role: parsed.data.role
		});
		return refused ? refuseForm(refused.status, { action: 'role', code: refused.code }) : null;
	},
	/** Admits someone from the waiting list. */
	admit: async (event) => {
		const { access, refused: archived } = await changing(event, 'admit');
		if (archived) return archived;
		const data = await event.request.formData();
		const refused = await admitPerson({
			workshopId: access.workshop.id,
			actorId: access.userId,
			userId: formString(data, 'userId')
		});
		return refused ? refuseForm(refused.status, { action: 'admit', code: refused.code }) : null;
	},
	/** Removes someone (and, when asked, revokes the link they came with). */
	remove: async (event) => {
		const access = await facilitator(event);
		const data = await event.request.formData();
		const refused = await removePerson({
			workshopId: access.workshop.id,
			actorId: access.userId,
			userId: formString(data, 'userId'),
			revokeLink: formString(data, 'revokeLink') === 'on'
		});
		return refused ? refuseForm(refused.status, { action: 'remove', code: refused.code }) : null;
	},
	/** Puts the workshop in one of the facilitator's programmes, or out of any (archived too). */
	programme: async (event) => {
		const access = await facilitator(event);
		const value = formString(await event.request.formData(), 'programmeId');
		const refused = await assignProgramme({
			workshopId: access.workshop.id,
			actorId: access.userId,
			programmeId: value || null
		});
		if (refused) return refuseForm(refused.status, { action: 'programme', code: refused.code });
		return { action: 'programme', saved: true };
	},
	/** Publishes the archived workshop's results with the ticked boards. */
	publish: async (event) => {
		const access = await facilitator(event);
		const data = await event.request.formData();
		const published = await publishResults({
			workshopId: access.workshop.id,
			actorId: access.userId,
			archived: access.workshop.archived,
			boardIds: data.getAll('boardIds').filter((value) => typeof value === 'string')
		});
		if (isFailure(published)) {
			return refuseForm(published.status, { action: 'publish', code: published.code });
		}
		return { action: 'publish', saved: true };
	},
	/** Unpublishes the results: the public link stops working at once. */
	unpublish: async (event) => {
		const access = await facilitator(event);
		await unpublishResults({ workshopId: access.workshop.id, actorId: access.userId });
		return { action: 'unpublish', saved: true };
	},
	/** Erases someone's personal data from the workshop (RGPD; archived workshops included). */
	erase: async (event) => {
		const access = await facilitator(event);
		const data = await event.request.formData();
		const erased = await erasePerson({
			workshopId: access.workshop.id,
			actorId: access.userId,
			userId: formString(data, 'userId')
		});
		return isFailure(erased)
			? refuseForm(erased.status, { action: 'erase', code: erased.code })
			: { action: 'erase', erased: true };
	}
};
