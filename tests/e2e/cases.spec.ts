/**
 * Cases end to end against a real `ringside serve` with the demo loaded: from a demo ring (its
 * accounts taken from the workspace's ground_truth.json) open a case through the New case dialog,
 * pin evidence, decide with a rationale (S2: needs a second reviewer), see the two-person rule
 * refuse self-approval, approve as a second reviewer (identity switched), then appeal and
 * overturn. The subjects' lifecycle state is checked after each step; the audit chain verifies.
 * Screenshots of each state (light and dark) go to /tmp/shots-cases for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const SHOTS = process.env['RINGSIDE_SHOTS'] ?? '/tmp/shots-cases';
const ALICE = { name: 'Alice Reviewer', email: 'alice@example.com' };
const BOB = { name: 'Bob Approver', email: 'bob@example.com' };

async function shot(page: Page, name: string, server: { call: (m: string, p?: unknown) => Promise<unknown> }): Promise<void> {
  if (!fs.existsSync(SHOTS)) return;
  await page.screenshot({ path: path.join(SHOTS, `${name}-light.png`) });
  await server.call('settings.update', { theme: 'dark' });
  await expect(page.locator('html[data-theme="dark"]')).toBeAttached();
  await page.screenshot({ path: path.join(SHOTS, `${name}-dark.png`) });
  await server.call('settings.update', { theme: 'light' });
  await expect(page.locator('html[data-theme="light"]')).toBeAttached();
}

/** Lifecycle pills of the subjects in the open case, in row order. */
const lifecycles = (page: Page) => page.getByTestId('subjects').getByTestId('lifecycle');

test('from a ring: open a case, pin evidence, decide, approve as a second reviewer, appeal and overturn', async ({ page, server }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const truth = JSON.parse(fs.readFileSync(path.join(server.workspace, 'extracts', 'demo', 'ground_truth.json'), 'utf8')) as { rings: { id: string; accounts: string[] }[] };
  const active = new Set(
    (await server.call<{ rows: { id: string }[] }>('accounts.list', { lifecycleState: 'active', limit: 1000 })).rows.map((r) => r.id),
  );
  const ring = truth.rings.find((r) => r.accounts.filter((a) => active.has(a)).length >= 2);
  expect(ring, 'a demo ring with two active accounts').toBeDefined();
  const subjects = ring!.accounts.filter((a) => active.has(a)).slice(0, 3);
  await server.call('settings.update', { identity: ALICE, theme: 'light' });

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Cases', exact: true }).click();
  await expect(page.locator('html[data-screen="cases"][data-screen-state="ready"]')).toBeAttached();
  // Loading the demo is not an act of judgement; the only entries are its three starter rules.
  await expect(page.getByTestId('audit-head')).toContainText('#3');
  await shot(page, '01-queue', server);

  // Open the case from the ring through the New case dialog.
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('Title').fill(`Ring ${ring!.id}: linked accounts`);
  await page.getByLabel(/Subject accounts/).fill(subjects.join('\n'));
  await page.getByLabel('Opened from').selectOption('ring');
  await page.getByLabel('Reference').fill(ring!.id);
  await page.getByLabel('Priority').selectOption('P1');
  await shot(page, '02-new-case', server);
  await page.getByTestId('new-case-submit').click();
  const workspace = page.getByTestId('case-workspace');
  await expect(workspace).toHaveAttribute('data-status', 'new');
  await expect(page.getByTestId('linked-rings')).toHaveText(ring!.id);
  await expect(lifecycles(page)).toHaveText(subjects.map(() => 'Active'));

  // Review, pin two pieces of evidence (S2 needs two), add a Markdown note.
  await workspace.getByRole('button', { name: 'Start review' }).click();
  await expect(workspace).toHaveAttribute('data-status', 'in_review');
  for (const [title, text] of [
    ['Shared device', `All ${subjects.length} accounts log in from the same device fingerprint.`],
    ['Shared payout', 'Payouts route to one instrument.'],
  ] as const) {
    await page.getByLabel('Evidence title').fill(title);
    await page.getByLabel('Evidence text').fill(text);
    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    await expect(page.getByTestId('evidence')).toContainText(title);
  }
  await page.getByLabel('New note (Markdown)').fill('Checked **device** and `payout` links.\n- no family relation found');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('notes').locator('strong', { hasText: 'device' })).toBeVisible();
  // Created, moved to review, two evidence items, one note: five entries, the head follows.
  await expect(page.getByTestId('audit-head')).toContainText('#8');
  await shot(page, '03-workspace', server);

  // Decide: S2 under multiple accounts; the ladder proposes the first step; needs approval.
  await workspace.getByRole('button', { name: 'Decide…' }).click();
  const dialog = page.getByRole('dialog', { name: /Decide/ });
  await dialog.getByLabel('Policy').selectOption('multiple_accounts');
  await dialog.getByLabel('Severity tier').selectOption('S2');
  // The ladder proposes per subject from its prior sanctions (ring members with a past offense
  // climb to offboarding); this decision sets one sanction for all of them explicitly.
  await expect(dialog.getByRole('table', { name: 'Subjects and ladder proposal' })).toContainText(/Suspension pending review|Offboarding/);
  await dialog.getByLabel('Sanction').selectOption('suspension_pending_review');
  await dialog.getByLabel(/^Rationale/).fill('Accounts operated as one farm: same device fingerprint and one payout instrument across all of them (evidence #1, #2).');
  await expect(dialog.getByTestId('decision-submit')).toHaveText('Submit for approval');
  await shot(page, '04-decision-form', server);
  await dialog.getByTestId('decision-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(workspace).toHaveAttribute('data-status', 'decided');
  const decisions = page.getByTestId('decisions').locator('li.decision');
  await expect(decisions).toHaveCount(subjects.length);
  await expect(decisions.first()).toHaveAttribute('data-status', 'pending_approval');
  await expect(lifecycles(page)).toHaveText(subjects.map(() => 'Active'));

  // The decider cannot approve their own decision.
  await decisions.first().getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: 'Two-person rule' }).first()).toBeVisible();
  await expect(decisions.first()).toHaveAttribute('data-status', 'pending_approval');

  // A second reviewer approves: the lifecycle follows.
  await server.call('settings.update', { identity: BOB });
  await expect(page.getByText(`Acting as ${BOB.name}`)).toBeVisible();
  for (let i = 0; i < subjects.length; i++) {
    await decisions.nth(i).getByRole('button', { name: 'Approve' }).click();
    await expect(decisions.nth(i)).toHaveAttribute('data-status', 'effective');
  }
  await expect(lifecycles(page)).toHaveText(subjects.map(() => 'Suspended'));
  await shot(page, '05-approved', server);

  // Appeal the first decision and overturn it (Bob did not decide it): its account is active again.
  await decisions.first().getByRole('button', { name: 'Open appeal…' }).click();
  await page.getByRole('dialog').getByLabel(/Appeal reason/).fill('The holder says the device is a shared family laptop.');
  await page.getByTestId('action-submit').click();
  await expect(workspace).toHaveAttribute('data-status', 'appealed');
  await expect(page.getByTestId('appeal-open')).toBeVisible();
  await shot(page, '06-appealed', server);
  await page.getByTestId('appeal-open').getByRole('button', { name: 'Overturn…' }).click();
  await page.getByRole('dialog').getByLabel(/Rationale/).fill('Household documents show a real second person; the device link alone does not meet the S2 standard.');
  await page.getByTestId('action-submit').click();
  await expect(workspace).toHaveAttribute('data-status', 'decided');
  await expect(decisions.first()).toHaveAttribute('data-status', 'overturned');
  await expect(lifecycles(page).first()).toHaveText('Active');
  await expect(lifecycles(page).nth(1)).toHaveText('Suspended');
  await expect(page.getByTestId('appeal-outcome')).toContainText('overturn');
  await expect(page.getByTestId('activity')).toContainText('appeal.overturn');

  // The chain verifies and the UI says so.
  await page.getByTestId('audit-head').getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('audit-verify-result')).toContainText('Intact');
  await shot(page, '07-overturned', server);

  // Close the case with a reason (a dialog: window.prompt does not exist in Electron).
  await workspace.getByRole('button', { name: 'Close…' }).click();
  await page.getByRole('dialog').getByLabel(/Reason/).fill('Decided and appeal resolved.');
  await page.getByTestId('action-submit').click();
  await expect(workspace).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('activity')).toContainText('case.status_changed');
});
