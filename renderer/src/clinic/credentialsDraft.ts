import type { DoctorView } from '../../../shared/contract';
import type { DoctorCredentialsInput } from '../../../shared/fields';
import type { Speciality } from '../../../shared/specialities';

/** What the credentials form holds while a doctor types: text as typed, turned into the channel's input on submit. */
export interface EducationDraft {
  degree: string;
  institution: string;
  year: string;
}

export interface CredentialsDraft {
  fullName: string;
  phone: string;
  education: EducationDraft[];
  speciality: Speciality | '';
  specialityOther: string;
  registrationNumber: string;
  registrationCouncil: string;
  hospital: string;
  experienceYears: string;
  /** Comma-separated, as typed. */
  languages: string;
  bio: string;
}

export const emptyEducation = (): EducationDraft => ({ degree: '', institution: '', year: '' });

export const emptyCredentials = (): CredentialsDraft => ({
  fullName: '', phone: '', education: [emptyEducation()], speciality: '', specialityOther: '', registrationNumber: '',
  registrationCouncil: '', hospital: '', experienceYears: '', languages: '', bio: '',
});

export const credentialsFromView = (d: DoctorView): CredentialsDraft => ({
  fullName: d.fullName,
  phone: d.phone,
  education: d.education.length ? d.education.map((e) => ({ ...e, year: String(e.year) })) : [emptyEducation()],
  speciality: d.speciality,
  specialityOther: d.specialityOther ?? '',
  registrationNumber: d.registrationNumber,
  registrationCouncil: d.registrationCouncil,
  hospital: d.hospital,
  experienceYears: String(d.experienceYears),
  languages: d.languages.join(', '),
  bio: d.bio ?? '',
});

/** An empty or non-numeric entry becomes NaN, which the schema reports with the field's own message. */
const whole = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()));

export const credentialsInput = (d: CredentialsDraft): DoctorCredentialsInput => ({
  fullName: d.fullName,
  phone: d.phone,
  education: d.education.map((e) => ({ degree: e.degree, institution: e.institution, year: whole(e.year) })),
  speciality: d.speciality as Speciality,
  specialityOther: d.speciality === 'other' ? d.specialityOther : undefined,
  registrationNumber: d.registrationNumber,
  registrationCouncil: d.registrationCouncil,
  hospital: d.hospital,
  experienceYears: whole(d.experienceYears),
  languages: d.languages.split(',').map((l) => l.trim()).filter(Boolean),
  bio: d.bio,
});
