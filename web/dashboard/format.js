// How numbers, times and people read on the dashboard.

const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** "3 days ago", "in 2 hours". */
export function ago(iso, now = Date.now()) {
  if (!iso) return '—';
  const seconds = (Date.parse(iso) - now) / 1000;
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600],
    ['minute', 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** +15, −10, 0: a change reads with its sign (a real minus sign). */
export function signed(n) {
  if (n > 0) return '+' + n.toLocaleString();
  if (n < 0) return '\u2212' + Math.abs(n).toLocaleString();
  return '0';
}

/** A lead's name as sales would say it, else the email, else the id. */
export function leadName(lead, profile = lead.profile || {}) {
  const name = lead.name || [profile.firstName, profile.lastName].filter(Boolean).join(' ');
  return name || lead.email || profile.email || lead.leadId;
}

export function plural(n, one, many = one + 's') {
  return n + ' ' + (n === 1 ? one : many);
}

/** Who made something: an IAM caller by its user or role name (the ARN's last part), anyone else as written. */
export function author(name) {
  if (!name) return '—';
  return name.startsWith('arn:') ? name.slice(name.lastIndexOf('/') + 1) || name : name;
}
