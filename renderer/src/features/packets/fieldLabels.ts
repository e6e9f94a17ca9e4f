/** Human labels for redactable fields (humanize() would say "Ip"). */
import type { RedactableField } from '../../../../shared/contract/packets';

export const FIELD_LABEL: Record<RedactableField, string> = {
  email: 'Email',
  phone: 'Phone',
  ip: 'IP address',
  payment_instrument: 'Payment instrument',
  bank_account: 'Bank account',
  display_name: 'Name',
  address: 'Postal address',
  device: 'Device',
  account_id: 'Account id',
};
