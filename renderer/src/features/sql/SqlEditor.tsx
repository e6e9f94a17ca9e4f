/**
 * The SQL editor: CodeMirror 6 with the SQLite dialect and completion from the cache's schema
 * (tables, then columns with their declared types). One EditorView for the screen; each tab keeps
 * its own EditorState (text, selection, undo history) while the screen is open.
 *
 * Keys: Ctrl/Cmd+Enter runs the selection or the statement under the cursor; Shift+Ctrl/Cmd+Enter
 * runs the whole text; Ctrl/Cmd+Shift+E explains; Escape cancels a running query.
 */
import {
  autocompletion,
  closeBrackets,
  closeCompletion,
  closeBracketsKeymap,
  completionKeymap,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { sql as sqlLanguage, SQLite } from '@codemirror/lang-sql';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { SqlSchemaTable } from '../../../../shared/contract/sql';
import { statementAt } from '../../../../shared/contract/sqlLexer';

export interface EditorCommands {
  /** Run `text` (selection, statement under the cursor, or everything). */
  run(text: string, scope: 'selection' | 'statement' | 'all'): void;
  explain(text: string): void;
  cancel(): void;
}

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--syntax-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--syntax-number)' },
  { tag: [tags.lineComment, tags.blockComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.operator, tags.punctuation], color: 'var(--text-muted)' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--syntax-type)' },
  { tag: tags.special(tags.name), color: 'var(--syntax-param)', fontWeight: '600' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)', padding: '6px 0' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--text-faint)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--surface-hover)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--surface-hover)', color: 'var(--text-muted)' },
  '&.cm-focused': { outline: 'none' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--accent-soft) !important',
  },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-placeholder': { color: 'var(--text-faint)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border-strong)',
    borderRadius: 'var(--radius)',
    boxShadow: 'var(--shadow-pop)',
  },
  '.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--font-mono)', fontSize: '12px', maxHeight: '16em' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '2px 8px !important' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: 'var(--accent-text)',
  },
  '.cm-completionDetail': { color: 'inherit', opacity: '0.65', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--accent)' },
});

/** lang-sql's schema option: tables with their columns, each column labelled with its type. */
function completionSchema(tables: readonly SqlSchemaTable[]) {
  const schema: Record<string, Completion[]> = {};
  const tableCompletions: Completion[] = [];
  for (const t of tables) {
    schema[t.name] = t.columns.map((c) => ({
      label: c.name,
      type: 'property',
      detail: c.type + (c.pk ? ' · key' : ''),
      boost: c.pk ? 1 : 0,
    }));
    tableCompletions.push({
      label: t.name,
      type: t.kind === 'view' ? 'class' : 'type',
      detail: `${t.kind} · ${t.columns.length} columns`,
    });
  }
  return { schema, tables: tableCompletions };
}

/**
 * Unqualified column names of the tables the query mentions (`SELECT risk_sc|  FROM accounts`):
 * lang-sql completes columns only after `table.`, which is not how analysts type.
 */
function columnsInScope(tables: readonly SqlSchemaTable[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
    if (!word && !context.explicit) return null;
    const from = word?.from ?? context.pos;
    if (context.state.sliceDoc(from - 1, from) === '.') return null;
    const mentioned = new Set(
      context.state.doc
        .toString()
        .toLowerCase()
        .match(/[a-z_][a-z0-9_]*/g) ?? [],
    );
    const options: Completion[] = [];
    for (const t of tables) {
      if (!mentioned.has(t.name.toLowerCase())) continue;
      for (const c of t.columns)
        options.push({ label: c.name, type: 'property', detail: `${c.type.toLowerCase()} · ${t.name}`, boost: 2 });
    }
    return options.length > 0 ? { from, options, validFor: /^[A-Za-z0-9_]*$/ } : null;
  };
}

function languageFor(tables: readonly SqlSchemaTable[]) {
  const language = sqlLanguage({ dialect: SQLite, upperCaseKeywords: true, ...completionSchema(tables) });
  return [language, SQLite.language.data.of({ autocomplete: columnsInScope(tables) })];
}

export function SqlEditor({
  tabId,
  value,
  onChange,
  schema,
  commands,
}: {
  tabId: string;
  value: string;
  onChange: (text: string) => void;
  schema: readonly SqlSchemaTable[];
  commands: EditorCommands;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const states = useRef(new Map<string, EditorState>());
  const language = useRef(new Compartment());
  const currentTab = useRef(tabId);
  const latest = useRef({ onChange, commands, schema });
  latest.current = { onChange, commands, schema };

  const createState = (doc: string) => {
    const runKeys = Prec.highest(
      keymap.of([
        {
          key: 'Mod-Enter',
          run: (v) => {
            closeCompletion(v);
            const sel = v.state.selection.main;
            if (!sel.empty) latest.current.commands.run(v.state.sliceDoc(sel.from, sel.to), 'selection');
            else latest.current.commands.run(statementAt(v.state.doc.toString(), sel.head)?.text ?? '', 'statement');
            return true;
          },
        },
        {
          key: 'Shift-Mod-Enter',
          run: (v) => (closeCompletion(v), latest.current.commands.run(v.state.doc.toString(), 'all'), true),
        },
        {
          key: 'Mod-Shift-e',
          run: (v) => {
            const sel = v.state.selection.main;
            latest.current.commands.explain(
              sel.empty
                ? (statementAt(v.state.doc.toString(), sel.head)?.text ?? '')
                : v.state.sliceDoc(sel.from, sel.to),
            );
            return true;
          },
        },
        { key: 'Escape', run: () => (latest.current.commands.cancel(), false) },
      ]),
    );
    return EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        autocompletion({ icons: false, activateOnTyping: true }),
        syntaxHighlighting(highlight),
        runKeys,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
        language.current.of(languageFor(latest.current.schema)),
        placeholder('SELECT … (Ctrl+Enter runs the statement under the cursor)'),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': 'SQL editor', 'data-testid': 'sql-editor' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
      ],
    });
  };

  // Create the view once.
  useEffect(() => {
    if (!host.current) return undefined;
    const v = new EditorView({ state: createState(value), parent: host.current });
    view.current = v;
    states.current.set(tabId, v.state);
    return () => {
      v.destroy();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; tabs swap states below
  }, []);

  // Switching tabs swaps the whole state (undo history included).
  useEffect(() => {
    const v = view.current;
    if (!v || currentTab.current === tabId) return;
    states.current.set(currentTab.current, v.state);
    currentTab.current = tabId;
    const saved = states.current.get(tabId);
    v.setState(saved && saved.doc.toString() === value ? saved : createState(value));
    v.dispatch({ effects: language.current.reconfigure(languageFor(latest.current.schema)) });
    v.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- value is read only at the switch
  }, [tabId]);

  // Text replaced from outside (history, library): load it into the editor.
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageFor(schema)) });
  }, [schema]);

  return <div className="sql-editor" ref={host} />;
}
