/** What a redaction profile will replace, per field, with three examples (original → pseudonym). */
import type { RedactionPreview } from '../../../../shared/contract/packets';
import { formatInt } from '../../lib/format';
import { FIELD_LABEL } from './fieldLabels';

export function RedactionPreviewTable({ preview }: { preview: RedactionPreview }) {
  if (preview.fields.length === 0) {
    return (
      <p className="empty-line muted" data-testid="redaction-none">
        Internal profile: nothing is redacted. The packet holds full personal data; share it only inside the
        organisation.
      </p>
    );
  }
  const total = preview.perField.reduce((sum, f) => sum + f.values, 0);
  return (
    <div className="table-scroll">
      <table className="table redaction-table" aria-label="Redaction preview" data-testid="redaction-preview">
        <thead>
          <tr>
            <th>Field</th>
            <th className="num">Values</th>
            <th>Examples (original → pseudonym)</th>
          </tr>
        </thead>
        <tbody>
          {preview.perField.map((f) => (
            <tr key={f.field} data-field={f.field}>
              <td>{FIELD_LABEL[f.field]}</td>
              <td className="num">{formatInt(f.values)}</td>
              <td>
                {f.examples.length === 0 ? (
                  <span className="faint">none in this case</span>
                ) : (
                  <ul className="redaction-examples">
                    {f.examples.map((e) => (
                      <li key={e.original}>
                        <span className="mono strike">{e.original}</span> <span className="faint">→</span>{' '}
                        <span className="mono">{e.pseudonym}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td className="num">{formatInt(total)}</td>
            <td className="faint">
              Replaced in every file: report, PDF, CSVs, images, packet.json, evidence and the audit excerpt.
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
