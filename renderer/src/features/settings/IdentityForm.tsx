/**
 * Who you are in this workspace: the name and email recorded on sync runs, decisions and audit
 * entries. Validation is the contract's (zod on the host); a BAD_REQUEST's `details.issues`
 * are placed next to the field they name.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import type { Identity } from '../../../../shared/contract/types';
import { updateSettings } from '../../lib/settings';
import { pushToast } from '../../lib/toasts';

type Field = 'name' | 'email';

export function issuesByField(error: ApiError): { fields: Partial<Record<Field, string>>; other: string | null } {
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  const fields: Partial<Record<Field, string>> = {};
  const other: string[] = [];
  for (const issue of Array.isArray(issues) ? issues : []) {
    const field = issue.path.replace(/^identity\./, '');
    if (field === 'name' || field === 'email')
      fields[field] = fields[field] ? `${fields[field]}; ${issue.message}` : issue.message;
    else other.push(`${issue.path}: ${issue.message}`);
  }
  if (!Array.isArray(issues)) other.push(error.message);
  return { fields, other: other.length ? other.join('; ') : null };
}

export function IdentityForm({ identity }: { identity: Identity | null }) {
  const [name, setName] = useState(identity?.name ?? '');
  const [email, setEmail] = useState(identity?.email ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<{ message: string; code: string } | null>(null);
  const [saving, setSaving] = useState(false);

  // Saved elsewhere (another window, the CLI): show the stored values.
  useEffect(() => {
    setName(identity?.name ?? '');
    setEmail(identity?.email ?? '');
  }, [identity?.name, identity?.email]);

  const dirty = name !== (identity?.name ?? '') || email !== (identity?.email ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const outcome = await updateSettings({ identity: { name, email } });
    setSaving(false);
    if (outcome.ok) {
      setErrors({});
      setFormError(null);
      pushToast({
        kind: 'success',
        title: 'Identity saved',
        message: `Actions are now recorded as ${name.trim()} <${email.trim()}>.`,
      });
      return;
    }
    const { fields, other } = issuesByField(outcome.error);
    setErrors(fields);
    setFormError(other ? { message: other, code: outcome.error.code } : null);
    const first = fields.name ? 'identity-name' : fields.email ? 'identity-email' : null;
    if (first) document.getElementById(first)?.focus();
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Identity">
      <p className="muted form-lead">
        Recorded as “who” on every sync run, decision and audit entry in this workspace.
      </p>
      <div className="field">
        <label htmlFor="identity-name">Name</label>
        <input
          id="identity-name"
          className={errors.name ? 'input input-invalid' : 'input'}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setErrors((prev) => ({ ...prev, name: undefined }));
          }}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'identity-name-error' : undefined}
          autoComplete="name"
        />
        {errors.name ? (
          <p className="field-error" id="identity-name-error" data-testid="identity-name-error">
            {errors.name}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="identity-email">Email</label>
        <input
          id="identity-email"
          type="email"
          className={errors.email ? 'input input-invalid' : 'input'}
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setErrors((prev) => ({ ...prev, email: undefined }));
          }}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? 'identity-email-error' : undefined}
          autoComplete="email"
        />
        {errors.email ? (
          <p className="field-error" id="identity-email-error" data-testid="identity-email-error">
            {errors.email}
          </p>
        ) : null}
      </div>
      {formError ? (
        <p className="field-error" role="alert">
          {formError.message} <code className="notice-code">{formError.code}</code>
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save identity'}
        </button>
        {identity === null ? (
          <span className="faint">Not set: actions are recorded under your OS user name.</span>
        ) : null}
      </div>
    </form>
  );
}
