/** Palette commands of the timeline: open it on the working set, or pick accounts by hand. */
import type { Command } from '../../app/commands';
import { openScreen, workbench } from '../../lib/workbench';

export function timelineCommands(): Command[] {
  const { selectedAccounts, highlightedAccount } = workbench.get();
  const commands: Command[] = [];
  if (selectedAccounts.length > 0) {
    commands.push({
      id: 'timeline:selection',
      section: 'Actions',
      title: `Timeline of the selected accounts (${selectedAccounts.length})`,
      keywords: 'lanes events graph selection ring',
      run: () => openScreen('timeline', { accounts: selectedAccounts.join(',') }),
    });
  }
  if (highlightedAccount) {
    commands.push({
      id: 'timeline:highlighted',
      section: 'Actions',
      title: `Timeline of ${highlightedAccount}`,
      keywords: 'lanes events account',
      run: () => openScreen('timeline', { accounts: highlightedAccount }),
    });
  }
  commands.push({
    id: 'timeline:choose',
    section: 'Actions',
    title: 'Timeline: choose accounts…',
    keywords: 'lanes events accounts paste ids',
    run: () => {
      openScreen('timeline');
      requestAnimationFrame(() => document.getElementById('timeline-accounts')?.focus());
    },
  });
  return commands;
}
