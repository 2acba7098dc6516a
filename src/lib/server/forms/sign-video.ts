/**
 * The start page's video in Deutsche Gebärdensprache on the legal settings page: what the page
 * shows of it, and the form actions that upload, replace and remove it. Their results sit under
 * `signVideo`, apart from the page's own messages.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { captionsMaxBytes } from '../../sign-video';
import { getDb } from '../db';
import { requireOrganisation } from '../guard';
import { signVideoLimitBytes, signVideoLimitMegabytes } from '../sign-video/config';
import { removeSignVideo, saveSignVideo, signVideoOf } from '../sign-video/sign-video';
import type { CaptionsRefusal, VideoRefusal } from '../sign-video/video-type';
import { askToConfirm } from './confirm';
import { parseForm } from './parse';
import { checkbox } from './process-fields';

type Guarded = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

export function loadSignVideo(event: Guarded) {
	const { organisation } = requireOrganisation(event, 'manageOrganisation');
	const video = signVideoOf(getDb(), organisation.id);
	return {
		maxMegabytes: signVideoLimitMegabytes(),
		current: video
			? {
					mediaType: video.mediaType,
					size: video.size,
					hasCaptions: video.captionsSha256 !== null,
					uploadedByName: video.uploadedByName,
					createdAt: video.createdAt
				}
			: null
	};
}

function refusal(reason: VideoRefusal | CaptionsRefusal | 'no_video'): string {
	switch (reason) {
		case 'empty':
			return m.sign_video_refused_empty();
		case 'too_large':
			return m.sign_video_refused_too_large({ max: signVideoLimitMegabytes() });
		case 'not_video':
			return m.sign_video_refused_not_video();
		case 'captions_empty':
			return m.sign_video_refused_captions_empty();
		case 'captions_too_large':
			return m.sign_video_refused_captions_too_large({ max: captionsMaxBytes / 1024 });
		case 'captions_not_webvtt':
			return m.sign_video_refused_captions_not_webvtt();
		case 'no_video':
			return m.sign_video_no_file();
	}
}

/** A file field a browser sent empty (nothing chosen) is no file. */
function chosenFile(data: FormData, name: string): File | null {
	const value = data.get(name);
	return value instanceof File && !(value.size === 0 && value.name === '') ? value : null;
}

const uploadForm = v.object({ replace: checkbox });
const removeForm = v.object({ confirmed: checkbox });

/** `?/uploadSignVideo`: a new video (with captions or none), or new captions for the video there is. */
export async function uploadSignVideo(event: RequestEvent) {
	const { organisation, user } = requireOrganisation(event, 'manageOrganisation');
	const data = await event.request.formData();
	const form = parseForm(uploadForm, data);
	if (!form.ok) return fail(400, { signVideo: { message: m.form_has_errors() } });
	const refuse = (message: string, status = 400) => fail(status, { signVideo: { message } });
	const video = chosenFile(data, 'video');
	const captions = chosenFile(data, 'captions');
	if (!video && !captions) return refuse(m.sign_video_no_file());
	const db = getDb();
	const maxBytes = signVideoLimitBytes();
	// Checked before the bytes are read.
	if (video && video.size > maxBytes) return refuse(refusal('too_large'));
	if (captions && captions.size > captionsMaxBytes) return refuse(refusal('captions_too_large'));
	if (video && signVideoOf(db, organisation.id) && !form.data.replace) {
		return refuse(m.sign_video_replace_unconfirmed(), 409);
	}
	const saved = saveSignVideo(
		db,
		organisation.id,
		{
			video: video ? new Uint8Array(await video.arrayBuffer()) : null,
			captions: captions ? new Uint8Array(await captions.arrayBuffer()) : null,
			maxBytes
		},
		{ id: user.id, name: user.name }
	);
	if (!saved.ok) return refuse(refusal(saved.reason));
	return {
		signVideo: {
			saved: video
				? saved.replaced
					? m.sign_video_replaced()
					: m.sign_video_added()
				: m.sign_video_captions_saved()
		}
	};
}

/** `?/removeSignVideo`: asks first, then removes the video and its captions. */
export async function deleteSignVideo(event: RequestEvent) {
	const { organisation } = requireOrganisation(event, 'manageOrganisation');
	const form = parseForm(removeForm, await event.request.formData());
	if (!form.ok) return fail(400, { signVideo: { message: m.form_has_errors() } });
	const db = getDb();
	if (!signVideoOf(db, organisation.id)) {
		return fail(409, { signVideo: { message: m.sign_video_none() } });
	}
	if (!form.data.confirmed) {
		const asked = askToConfirm({
			action: '?/removeSignVideo',
			fields: {},
			question: m.sign_video_remove_question()
		});
		return fail(409, { signVideo: { confirm: asked.data.confirm } });
	}
	removeSignVideo(db, organisation.id);
	return { signVideo: { saved: m.sign_video_removed() } };
}
