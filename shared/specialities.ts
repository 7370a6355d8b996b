export const SPECIALITIES = [
  'general_medicine',
  'paediatrics',
  'gynaecology',
  'cardiology',
  'dermatology',
  'orthopaedics',
  'ent',
  'ophthalmology',
  'psychiatry',
  'neurology',
  'gastroenterology',
  'endocrinology',
  'pulmonology',
  'nephrology',
  'urology',
  'oncology',
  'dentistry',
  'physiotherapy',
  'ayurveda',
  'homoeopathy',
  'other',
] as const;
export type Speciality = (typeof SPECIALITIES)[number];

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export const SEXES = ['female', 'male', 'other'] as const;
/** Who a family member on a patient's account is to the account's holder. */
export const RELATIONS = ['child', 'parent', 'spouse', 'sibling', 'other'] as const;
export const LANGUAGES = ['en', 'hi'] as const;
export type Language = (typeof LANGUAGES)[number];

export const INDIAN_STATES = [
  'Andaman and Nicobar Islands', 'Andhra Pradesh', 'Arunachal Pradesh', 'Assam', 'Bihar', 'Chandigarh',
  'Chhattisgarh', 'Dadra and Nagar Haveli and Daman and Diu', 'Delhi', 'Goa', 'Gujarat', 'Haryana',
  'Himachal Pradesh', 'Jammu and Kashmir', 'Jharkhand', 'Karnataka', 'Kerala', 'Ladakh', 'Lakshadweep',
  'Madhya Pradesh', 'Maharashtra', 'Manipur', 'Meghalaya', 'Mizoram', 'Nagaland', 'Odisha', 'Puducherry',
  'Punjab', 'Rajasthan', 'Sikkim', 'Tamil Nadu', 'Telangana', 'Tripura', 'Uttar Pradesh', 'Uttarakhand',
  'West Bengal',
] as const;
