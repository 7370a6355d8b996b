import { z } from 'zod';
import * as f from '../fields';
import { DOCUMENT_KINDS } from '../records';
import { isBase64 } from '../validation';
import { doctorDocument } from './accounts';
import { channel, none, ok } from './channel';
import { fileContent } from './records';
import { uploadId } from './uploads';

// What a doctor shows patients about themselves: photo, introduction, languages, and whether their email and
// mobile number appear on their profile.

/** The largest photo accepted, in bytes. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/**
 * The longest base64 text the contract lets through (about 3 MB of bytes): a somewhat larger photo still
 * reaches the service, which says how large it is; anything beyond is refused here.
 */
export const PHOTO_MAX_BASE64 = 4 * 1024 * 1024;

const base64 = z
  .string({ error: 'photo_required' })
  .max(PHOTO_MAX_BASE64, 'photo_too_large')
  .refine(isBase64, 'photo_unreadable')
  .refine((v) => v.length > 0, 'photo_required');

const ownProfile = z.object({
  fullName: z.string(),
  email: z.string(),
  phone: z.string(),
  bio: z.string().optional(),
  languages: z.array(z.string()),
  showEmail: z.boolean(),
  showPhone: z.boolean(),
  /** Data URL of the photo, when there is one. */
  photo: z.string().optional(),
  /** Set while the administrator has suspended the doctor. */
  suspended: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export type OwnDoctorProfile = z.infer<typeof ownProfile>;

export const doctorProfileChannels = {
  'doctors.myProfile': channel({ input: none, output: ownProfile, roles: ['doctor'] }),
  /** Any doctor, verified or not: what patients will see once they are. */
  'doctors.updateProfile': channel({
    input: z.strictObject({
      bio: f.doctorCredentials.shape.bio,
      languages: f.doctorCredentials.shape.languages,
      showEmail: z.boolean({ error: 'invalid' }),
      showPhone: z.boolean({ error: 'invalid' }),
    }),
    output: ownProfile,
    roles: ['doctor'],
  }),
  /** A JPEG or PNG (told by its bytes) of at most 2 MB; replaces the previous photo. */
  'doctors.uploadPhoto': channel({ input: z.strictObject({ base64 }), output: ownProfile, roles: ['doctor'] }),
  'doctors.removePhoto': channel({ input: none, output: ownProfile, roles: ['doctor'] }),
  /** A credential document (PDF, JPEG or PNG, told by its content) from a finished upload. */
  'doctors.addDocument': channel({
    input: z.strictObject({
      uploadId,
      kind: z.enum(DOCUMENT_KINDS, { error: 'document_kind_required' }),
      title: z.string({ error: 'title_required' }).trim().min(1, 'title_required').max(150, 'too_long'),
    }),
    output: doctorDocument,
    roles: ['doctor'],
  }),
  'doctors.removeDocument': channel({ input: z.strictObject({ documentId: f.id }), output: ok, roles: ['doctor'] }),
  /** A credential document's file: the doctor's own, or any for the administrator (each look in the audit log). */
  'doctors.document': channel({ input: z.strictObject({ documentId: f.id }), output: fileContent, roles: ['doctor', 'admin'] }),
} as const;
