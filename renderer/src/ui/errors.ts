import type { TFunction } from 'i18next';
import type { AppError } from '../../../shared/errors';

/** The message a person reads for an error: the catalog's wording for its code, else the server's own. */
export const errorText = (t: TFunction, e: AppError) => t(`errors.${e.code}`, { defaultValue: e.message });

/** The message under one field, from its catalog key. */
export const fieldText = (t: TFunction, key: string | undefined) => (key ? t(`validation.${key}`, { defaultValue: t('validation.invalid') }) : undefined);
