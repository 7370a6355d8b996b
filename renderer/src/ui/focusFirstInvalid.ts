/**
 * After a form was refused: move focus to the first field marked invalid (a long form's top notice may
 * be out of sight), else bring the error notice into view. Runs after the errors have been rendered.
 */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('form [aria-invalid="true"]');
    if (field) field.focus();
    else document.querySelector('.notice--error')?.scrollIntoView({ block: 'center' });
  });
}
