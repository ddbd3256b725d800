export const PUBLICATION_COLUMNS =
  'id, unit_id, unit_path, matter, period, title, body, content_hash, published_at, published_by, published_role, published_role_unit_id, chain_seq, prev_hash, hash';

export interface PublicationRow {
  id: string;
  unit_id: string;
  unit_path: string;
  matter: string;
  period: string | null;
  title: string;
  body: string;
  content_hash: string;
  published_at: string;
  published_by: string;
  published_role: string;
  published_role_unit_id: string | null;
  chain_seq: number | string;
  prev_hash: string;
  hash: string;
}

export interface SettingsRow {
  unit_id: string;
  finance_cadence: string;
  grace_days: number | string;
  tracked_from: string;
  updated_at: string;
  updated_by: string;
}
