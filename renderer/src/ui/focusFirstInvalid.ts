/** The fields flagged when a form was last refused, so the next refusal can tell which are newly flagged. */
let flaggedBefore = new WeakSet<HTMLElement>();

/**
 * After a form was refused: move focus to the first field marked invalid (a long form's top notice may be out
 * of sight), preferring one flagged only now (the person fixed one field; the next problem is elsewhere), else
 * bring the error notice into view. Runs after the errors have been rendered.
 */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const fields = [...document.querySelectorAll<HTMLElement>('form [aria-invalid="true"]')];
    const field = fields.find((f) => !flaggedBefore.has(f)) ?? fields[0];
    flaggedBefore = new WeakSet(fields);
    if (field) field.focus();
    else document.querySelector('.notice--error')?.scrollIntoView({ block: 'center' });
  });
}
