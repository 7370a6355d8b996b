import type { Generated } from 'kysely';

/** Row types of every table. Booleans are 0/1 integers and instants ISO-8601 UTC text, the same on every dialect. */
export interface Database {
  schema_migrations: { version: number; applied_at: string };
  settings: { key: string; value: string };
  users: {
    id: Generated<number>;
    email: string;
    full_name: string;
    phone: string;
    password_hash: string;
    must_change_password: number;
    language: string;
    created_at: string;
    updated_at: string;
    /** Wrong passwords typed to confirm something (a password change, the recovery code) since the last right one. */
    confirm_failures: Generated<number>;
  };
  user_roles: { user_id: number; role: string };
  sessions: {
    token_hash: string;
    user_id: number;
    portal: string;
    created_at: string;
    last_seen_at: string;
    ended_at: string | null;
  };
  /** Per email address and door (portal), whether or not an account has the address. */
  login_failures: { email: string; door: string; failures: number; locked_until: string | null; updated_at: string };
  /** Codes mailed to an address (auth/mailed-codes.ts): a sign-up waiting for its code, a forgotten password. */
  mailed_codes: {
    id: string;
    purpose: string;
    email: string;
    door: string;
    code_hash: string;
    attempts: number;
    payload: string | null;
    created_at: string;
    expires_at: string;
  };
  patient_info: {
    id: Generated<number>;
    user_id: number | null;
    full_name: string;
    email: string | null;
    phone: string;
    /** Null for a walk-in who has not given it (as are sex, address line, city and PIN code). */
    date_of_birth: string | null;
    sex: string | null;
    address_line: string | null;
    city: string | null;
    state: string;
    pin_code: string | null;
    blood_group: string | null;
    allergies: string | null;
    medical_history: string | null;
    emergency_contact_name: string | null;
    emergency_contact_phone: string | null;
    chronic_conditions: string | null;
    current_medications: string | null;
    preferred_language: string;
    /** Set on a walk-in's record once linked to an account: the account's patient record. */
    merged_into: number | null;
    created_at: string;
    updated_at: string;
    /** The Latin-script spelling receipts print, when the name is written in another script. */
    latin_name: Generated<string | null>;
    /** A dependant's holder: the patient record whose account books for them and gets their mail (migration 013). */
    holder_patient_id: number | null;
    /** Who the dependant is to the holder. */
    relation: string | null;
    /** 1 when date_of_birth was worked out from an age in years. */
    birth_estimated: Generated<number>;
  };
  /** An invitation to a grown-up dependant to take over their record with an account of their own. */
  record_invitations: {
    code_hash: string;
    patient_id: number;
    email: string;
    invited_by: number;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  doctor_info: {
    id: Generated<number>;
    user_id: number;
    full_name: string;
    phone: string;
    speciality: string;
    speciality_other: string | null;
    registration_number: string;
    registration_council: string;
    hospital: string;
    experience_years: number;
    languages: string;
    bio: string | null;
    status: string;
    decision_reason: string | null;
    decided_by: number | null;
    decided_at: string | null;
    submitted_at: string;
    created_at: string;
    updated_at: string;
    photo_file: string | null;
    show_email: Generated<number>;
    show_phone: Generated<number>;
    suspended_at: string | null;
    suspended_reason: string | null;
    latin_name: Generated<string | null>;
    /** Set while a doctor verified before waits for their changed credentials to be checked again. */
    verified_before_at: string | null;
  };
  doctor_education: {
    id: Generated<number>;
    doctor_id: number;
    position: number;
    degree: string;
    institution: string;
    year: number;
  };
  audit_log: {
    id: number;
    at: string;
    actor_user_id: number | null;
    action: string;
    patient_id: number | null;
    detail: string;
    prev_hash: string;
    hash: string;
  };
  /** The patients an audit row about several of them names (a screen listing them); see migration 006. */
  audit_patients: { audit_id: number; patient_id: number };
  doctor_schedule: {
    doctor_id: number;
    slot_minutes: number;
    buffer_minutes: number;
    min_notice_minutes: number;
    horizon_days: number;
    updated_at: string;
  };
  /** Weekly hours (weekday set) or a date exception (date set; null times = the day off). */
  availability: {
    id: Generated<number>;
    doctor_id: number;
    weekday: number | null;
    date: string | null;
    start_time: string | null;
    end_time: string | null;
    online: number;
    in_person: number;
  };
  clinic_holidays: { date: string; name: string };
  appointments: {
    id: Generated<number>;
    doctor_id: number;
    patient_id: number;
    start_at: string;
    end_at: string;
    mode: string;
    reason: string | null;
    status: string;
    cancel_reason: string | null;
    ics_uid: string;
    ics_sequence: Generated<number>;
    /** The clinic-wide booking number people quote: 1, 2, 3, … without gaps (counters 'appointment'). */
    number: number;
    /** What the patient types or scans at the kiosk on the day (kiosk/check-in-code.ts); null before migration 5. */
    check_in_code: string | null;
    /** The patient's place in their doctor's queue that day, given at check-in. */
    queue_number: number | null;
    created_by: number;
    created_at: string;
    updated_at: string;
    /** Booked with others as a series (repeat visits), or null. */
    series_id: number | null;
  };
  appointment_series: {
    id: Generated<number>;
    doctor_id: number;
    patient_id: number;
    every_weeks: number;
    created_by: number;
    created_at: string;
  };
  /** A patient waiting for a doctor's time (days, parts of the day); see waitlist/. */
  waitlist_entries: {
    id: Generated<number>;
    doctor_id: number;
    patient_id: number;
    from_date: string;
    to_date: string;
    day_parts: string;
    reason: string | null;
    status: string;
    created_by: number;
    created_at: string;
    updated_at: string;
  };
  /** A freed time offered to one waiting patient and held for them until expires_at while 'open'. */
  waitlist_offers: {
    id: Generated<number>;
    entry_id: number;
    doctor_id: number;
    start_at: string;
    end_at: string;
    modes: string;
    status: string;
    offered_at: string;
    expires_at: string;
    answered_at: string | null;
    appointment_id: number | null;
  };
  appointment_history: {
    id: Generated<number>;
    appointment_id: number;
    at: string;
    actor_user_id: number | null;
    change: string;
    from_value: string | null;
    to_value: string | null;
  };
  blocked_times: {
    id: Generated<number>;
    doctor_id: number;
    start_at: string;
    end_at: string;
    reason: string | null;
    created_by: number;
    created_at: string;
  };
  outbox: {
    id: Generated<number>;
    message_id: string;
    kind: string;
    recipient: string;
    /** JSON: what the message is written from, rendered when it is sent (outbox.service renderRow). */
    content: string;
    ics: string | null;
    appointment_id: number | null;
    status: string;
    attempts: number;
    due_at: string;
    lease_until: string | null;
    last_error: string | null;
    created_at: string;
    sent_at: string | null;
    /** JSON [{fileId, filename, mime}]: files the sender reads from the file store when it sends. */
    attachments: Generated<string | null>;
  };
  doctor_invitations: {
    code_hash: string;
    email: string;
    full_name: string | null;
    invited_by: number;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  /** The file store on PostgreSQL (and a moved clinic's files); empty on SQLite, whose files live in the data folder. */
  files: {
    id: string;
    kind: string;
    mime: string;
    size: number;
    sha256: string;
    data: Buffer;
    created_at: string;
  };
  /** Gapless numbers (counters.repo.ts): the last value handed out, per name. */
  counters: { name: string; value: number };
  /** A health reading of a patient, in its measure's stored unit (blood pressure: systolic, diastolic in value2). */
  readings: {
    id: Generated<number>;
    patient_id: number;
    measure: string;
    value: number;
    value2: number | null;
    pulse: number | null;
    taken_at: string;
    note: string | null;
    entered_by: number;
    entered_as: string;
    created_at: string;
  };
  monitoring_plans: { id: Generated<number>; patient_id: number; doctor_id: number; height_cm: number | null; started_at: string; updated_at: string };
  plan_measures: { plan_id: number; measure: string; every_days: number; low: number | null; high: number | null; low2: number | null; high2: number | null };
  monitoring_alerts: {
    id: Generated<number>;
    plan_id: number;
    patient_id: number;
    doctor_id: number;
    rule: string;
    measure: string;
    reading_ids: string;
    figures: string;
    raised_at: string;
    acknowledged_at: string | null;
    acknowledged_by: number | null;
    note: string | null;
    mailed_at: string | null;
  };
  monitoring_digests: { doctor_id: number; sent_at: string };
  /** A visit a doctor logged for a monitored patient's home care. */
  monitoring_visits: {
    id: Generated<number>;
    patient_id: number;
    doctor_id: number;
    visited_on: string;
    kind: 'home' | 'phone' | 'video' | 'clinic';
    notes: string;
    created_at: string;
  };
  /** When a patient was last reminded of a missed reading of a measure. */
  monitoring_reminders: { patient_id: number; measure: string; sent_at: string };
  /** A patient's uploaded record; its bytes are a sealed file of the file store. */
  medical_records: {
    id: Generated<number>;
    patient_id: number;
    title: string;
    category: string;
    record_date: string;
    file_id: string;
    mime: string;
    size: number;
    file_name: string;
    uploaded_by: number;
    created_at: string;
    /** In the trash since; null while kept. */
    deleted_at: string | null;
  };
  record_shares: { record_id: number; doctor_id: number; shared_at: string };
  emergency_access: {
    id: Generated<number>;
    doctor_id: number;
    patient_id: number;
    reason: string;
    granted_at: string;
    expires_at: string;
  };
  consultations: {
    id: Generated<number>;
    appointment_id: number;
    doctor_id: number;
    patient_id: number;
    notes: string;
    created_at: string;
    updated_at: string;
  };
  prescription_items: {
    id: Generated<number>;
    consultation_id: number;
    position: number;
    medicine: string;
    strength: string;
    dose: string;
    frequency: string;
    duration: string;
    instructions: string | null;
  };
  doctor_documents: {
    id: Generated<number>;
    doctor_id: number;
    kind: string;
    title: string;
    file_id: string;
    mime: string;
    size: number;
    file_name: string;
    uploaded_at: string;
  };
  /** Work for other services (Google), queued in the change's transaction and done outside it (queue/worker.ts). */
  jobs: {
    id: Generated<number>;
    kind: string;
    appointment_id: number | null;
    payload: string | null;
    status: string;
    attempts: number;
    due_at: string;
    lease_until: string | null;
    last_error: string | null;
    created_at: string;
    done_at: string | null;
  };
  /** The clinic's ('clinic') and doctors' ('doctor:<id>') Google accounts; tokens sealed under the clinic key. */
  google_connections: {
    owner: string;
    doctor_id: number | null;
    status: string;
    tokens: string;
    connected_by: number;
    connected_at: string;
    broken_at: string | null;
    broken_reason: string | null;
    updated_at: string;
  };
  /** An online appointment's video link (one row per appointment that was ever online). */
  video_links: {
    appointment_id: number;
    provider: string;
    state: string;
    url: string | null;
    event_id: string | null;
    calendar_owner: string | null;
    generation: number;
    since: string;
    last_error: string | null;
    updated_at: string;
  };
  /** Red flags the health assistant met, open (handled_at null) until someone at the clinic marks them handled. */
  assistant_alerts: {
    id: Generated<number>;
    at: string;
    /** Null when asked without signing in (a kiosk). */
    patient_id: number | null;
    message: string;
    /** JSON array of red-flag ids. */
    flags: string;
    handled_at: string | null;
    handled_by: number | null;
  };
  /** A doctor's own fees in paise; null: the clinic's default (settings 'billing.fee.*') applies. */
  doctor_fees: {
    doctor_id: number;
    consultation_in_person: number | null;
    consultation_online: number | null;
    lab_test: number | null;
    medication: number | null;
    other: number | null;
    updated_at: string;
  };
  health_services: {
    id: Generated<number>;
    kind: string;
    name: string;
    description: string;
    price_paise: number;
    category: string;
    active: number;
    created_at: string;
    updated_at: string;
  };
  service_orders: {
    id: Generated<number>;
    patient_id: number;
    service_id: number;
    price_paise: number;
    note: string | null;
    status: string;
    scheduled_date: string | null;
    cancel_reason: string | null;
    created_by: number;
    created_at: string;
    updated_at: string;
  };
  service_order_history: {
    id: Generated<number>;
    order_id: number;
    at: string;
    actor_user_id: number | null;
    change: string;
    detail: string | null;
  };
  bills: {
    id: Generated<number>;
    patient_id: number;
    doctor_id: number | null;
    appointment_id: number | null;
    service_order_id: number | null;
    status: string;
    number: string | null;
    supply: string | null;
    taxable_paise: number | null;
    tax_paise: number | null;
    total_paise: number | null;
    /** JSON (billing/frozen.ts): the parties and the visit as they were when the bill was issued. */
    frozen: string | null;
    receipt_file: string | null;
    created_by: number;
    created_at: string;
    updated_at: string;
    issued_by: number | null;
    issued_at: string | null;
  };
  bill_lines: {
    id: Generated<number>;
    bill_id: number;
    position: number;
    description: string;
    category: string;
    sac_code: string;
    quantity: number;
    unit_paise: number;
    rate_bp: number;
    taxable_paise: number;
    cgst_paise: number;
    sgst_paise: number;
    igst_paise: number;
    total_paise: number;
  };
  payments: {
    id: Generated<number>;
    bill_id: number;
    method: string;
    reference: string | null;
    amount_paise: number;
    received_at: string;
    received_by: number;
  };
  credit_notes: {
    id: Generated<number>;
    bill_id: number;
    number: string;
    reason: string;
    amount_paise: number;
    refund_paise: number;
    refund_method: string | null;
    refund_reference: string | null;
    file_id: string;
    issued_at: string;
    issued_by: number;
  };
  /** Every backup attempt (backup/backup.service.ts): a set written and verified, or what went wrong. */
  backups: {
    id: Generated<number>;
    started_at: string;
    finished_at: string;
    reason: 'scheduled' | 'asked' | 'before_migration';
    folder: string;
    set_name: string | null;
    bytes: number | null;
    problem: string | null;
    problem_code: string | null;
    started_by: number | null;
  };
}
