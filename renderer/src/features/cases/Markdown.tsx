/**
 * A tiny, safe Markdown subset for case notes, rendered as React elements (never as HTML, so a
 * note cannot inject markup or script): headings (#, ##, ###), paragraphs, bullet and numbered
 * lists, fenced code blocks, and inline **bold**, *italic* and `code`. Links stay plain text:
 * evidence must not navigate anywhere from inside the app.
 */
import type { ReactNode } from 'react';
import { parseBlocks } from './markdownBlocks';

function inline(text: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*\s][^*]*\*)/g;
  let last = 0;
  let i = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    const token = match[0];
    const key = `${keyPrefix}-${i++}`;
    if (token.startsWith('**')) out.push(<strong key={key}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith('`')) out.push(<code key={key}>{token.slice(1, -1)}</code>);
    else out.push(<em key={key}>{token.slice(1, -1)}</em>);
    last = start + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseBlocks(source).map((block, b) => {
        const key = `b${b}`;
        switch (block.kind) {
          case 'code':
            return <pre key={key}>{block.text}</pre>;
          case 'h':
            return block.level === 1 ? <h3 key={key}>{inline(block.text, key)}</h3> : <h4 key={key}>{inline(block.text, key)}</h4>;
          case 'ul':
            return <ul key={key}>{block.items.map((item, i) => <li key={i}>{inline(item, `${key}-${i}`)}</li>)}</ul>;
          case 'ol':
            return <ol key={key}>{block.items.map((item, i) => <li key={i}>{inline(item, `${key}-${i}`)}</li>)}</ol>;
          case 'p':
            return (
              <p key={key}>
                {block.lines.flatMap((line, i) => (i === 0 ? inline(line, `${key}-${i}`) : [<br key={`${key}-br${i}`} />, ...inline(line, `${key}-${i}`)]))}
              </p>
            );
        }
      })}
    </div>
  );
}
