/** Palette commands of the SQL scratchpad (appended by app/commands.ts). */
import type { Command } from '../../app/commands';
import { navigate } from '../../app/routes';
import { openTab } from './tabs';

export function sqlCommands(): Command[] {
  return [
    {
      id: 'sql:new-tab',
      section: 'Actions',
      title: 'New SQL query tab',
      keywords: 'scratchpad query select database',
      run: () => {
        openTab();
        navigate('sql');
      },
    },
  ];
}
