/**
 * Ctrl/Cmd+K: a filterable list of commands. Combobox pattern: focus stays in the input, arrows
 * move the active option (aria-activedescendant), Enter runs it, Escape closes.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SourceInfo } from '../../../shared/contract/sync';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { client, toastError } from '../lib/client';
import { fuzzyScore } from '../lib/fuzzy';
import { useActiveJobs } from '../lib/jobs';
import { useSettings } from '../lib/settings';
import { buildCommands, type Command } from './commands';

export function CommandPalette({
  open,
  onClose,
  openJobs,
}: {
  open: boolean;
  onClose: () => void;
  openJobs: () => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [sources, setSources] = useState<readonly SourceInfo[]>([]);
  const activeJobs = useActiveJobs();
  const settings = useSettings();
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setActive(0);
    let live = true;
    void client.call('sources.list', {}).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setSources(outcome.value);
      else toastError('Listing sources for the palette', outcome.error);
    });
    return () => {
      live = false;
    };
  }, [open]);

  const commands = useMemo(
    () => buildCommands({ sources, activeJobs, displayZone: settings?.displayZone ?? 'utc', openJobs }),
    [sources, activeJobs, settings?.displayZone, openJobs],
  );

  const matches = useMemo(() => {
    if (query.trim() === '') return commands;
    return commands
      .map((command) => ({ command, score: fuzzyScore(query, `${command.title} ${command.keywords ?? ''}`) }))
      .filter((m): m is { command: Command; score: number } => m.score !== null)
      .sort((a, b) => b.score - a.score)
      .map((m) => m.command);
  }, [commands, query]);

  const current = Math.min(active, Math.max(0, matches.length - 1));

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current, matches]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((current + 1) % Math.max(1, matches.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current - 1 + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(matches[current]);
    }
  };

  let lastSection = '';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Command palette"
      labelledBy="palette-title"
      className="palette"
      hideTitle
    >
      <div className="palette-input">
        <Icon name="search" />
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={matches[current] ? `cmd-${matches[current].id}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command or screen…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd>Esc</kbd>
      </div>
      <ul className="palette-list" id="palette-list" role="listbox" ref={listRef} aria-label="Commands">
        {matches.length === 0 ? <li className="palette-empty">No command matches “{query}”.</li> : null}
        {matches.map((command, index) => {
          const header = query.trim() === '' && command.section !== lastSection ? command.section : null;
          lastSection = command.section;
          return (
            <li key={command.id} role="presentation">
              {header ? (
                <div className="palette-section" role="presentation">
                  {header}
                </div>
              ) : null}
              <div
                id={`cmd-${command.id}`}
                role="option"
                aria-selected={index === current}
                className="palette-item"
                onMouseMove={() => index !== current && setActive(index)}
                onClick={() => run(command)}
              >
                <span className="truncate">{command.title}</span>
                {command.hint ? <kbd>{command.hint}</kbd> : null}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="palette-foot faint">
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> move
        </span>
        <span>
          <kbd>Enter</kbd> run
        </span>
        <span>
          <kbd>G</kbd> then a letter jumps to a screen
        </span>
      </div>
    </Dialog>
  );
}
