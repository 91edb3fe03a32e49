import type { templatesFr } from './templates-fr.ts';

/** English messages of facilitators' own templates (merged into `en`). */
export const templatesEn: { [K in keyof typeof templatesFr]: string } = {
	own_template_save: 'Save as template',
	own_template_dialog_title: 'Save this board as a template',
	own_template_dialog_hint:
		'The template keeps the objects and their layout, without their authors’ categories or the images. It will be offered under “New board” in your workshops.',
	own_template_title: 'Template name',
	own_template_submit: 'Save the template',
	own_template_cancel: 'Cancel',
	own_template_saved: 'Template “{title}” saved.',
	template_group_builtin: 'Croisée templates',
	template_group_mine: 'My templates',
	own_templates_title: 'My templates',
	own_templates_intro: 'Boards you saved as templates, to start new ones in your workshops.',
	own_templates_empty: 'No templates yet: on a board you facilitate, choose “Save as template”.',
	own_templates_name: 'Name of the template “{title}”',
	own_templates_rename: 'Rename',
	own_templates_rename_label: 'Rename the template “{title}”',
	own_templates_delete: 'Delete',
	own_templates_delete_label: 'Delete the template “{title}”',
	own_templates_renamed: 'Template renamed.',
	own_templates_deleted: 'Template deleted.',
	error_template_unknown: 'This template does not exist, or it is not one of yours.',
	error_template_limit: 'You have reached the largest number of templates: delete one first.',
	error_template_too_large: 'This board has too many objects to become a template.'
};
