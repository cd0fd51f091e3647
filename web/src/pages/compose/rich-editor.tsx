import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { type FormEvent, useId, useState } from 'react';
import { Dialog, DialogActions } from '../../components/dialog';
import { Icon, type IconName } from '../../components/icons';
import { useI18n } from '../../i18n/i18n';

export interface EditorValue {
  readonly html: string;
  readonly text: string;
  readonly empty: boolean;
}

interface RichEditorProps {
  readonly label: string;
  readonly initialHtml: string;
  readonly onChange: (value: EditorValue) => void;
}

/** The body: TipTap (ProseMirror) with what mail needs — paragraphs, bold, italic, lists, links. */
export function RichEditor({ label, initialHtml, onChange }: RichEditorProps) {
  const labelId = useId();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        code: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['http', 'https', 'mailto'],
        },
      }),
    ],
    content: initialHtml,
    // The app's CSP allows no inline <style>: the editor's few rules live in styles.css.
    injectCSS: false,
    shouldRerenderOnTransaction: true,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        class: 'editor-content',
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor: e }) =>
      onChange({
        html: e.getHTML(),
        text: e.getText({ blockSeparator: '\n\n' }),
        empty: e.isEmpty,
      }),
  });

  return (
    <div className="field">
      <span id={labelId} className="label">
        {label}
      </span>
      <div className="editor">
        {editor && <Toolbar editor={editor} />}
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const [linking, setLinking] = useState(false);
  const button = (name: string, label: string, glyph: string | IconName, run: () => void) => (
    <button
      type="button"
      className={`tool ${editor.isActive(name) ? 'active' : ''}`}
      aria-pressed={editor.isActive(name)}
      aria-label={label}
      title={label}
      onClick={run}
    >
      {glyph.length > 2 ? (
        <Icon name={glyph as IconName} />
      ) : (
        <span aria-hidden="true">{glyph}</span>
      )}
    </button>
  );
  return (
    <div role="toolbar" aria-label={t.compose.toolbar} className="toolbar">
      {button('bold', t.compose.bold, 'B', () => editor.chain().focus().toggleBold().run())}
      {button('italic', t.compose.italic, 'I', () => editor.chain().focus().toggleItalic().run())}
      {button('bulletList', t.compose.bulletList, 'bulletList', () =>
        editor.chain().focus().toggleBulletList().run(),
      )}
      {button('orderedList', t.compose.orderedList, 'orderedList', () =>
        editor.chain().focus().toggleOrderedList().run(),
      )}
      {button('link', t.compose.link, 'link', () => setLinking(true))}
      {editor.isActive('link') && (
        <button
          type="button"
          className="tool"
          aria-label={t.compose.unlink}
          title={t.compose.unlink}
          onClick={() => editor.chain().focus().extendMarkRange('link').unsetLink().run()}
        >
          <Icon name="unlink" />
        </button>
      )}
      {linking && <LinkDialog editor={editor} onClose={() => setLinking(false)} />}
    </div>
  );
}

function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState(() => (editor.getAttributes('link').href as string) ?? 'https://');
  const [error, setError] = useState('');
  const inputId = useId();
  const apply = (event: FormEvent) => {
    event.preventDefault();
    let href: string;
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      href = parsed.href;
    } catch {
      setError(t.compose.linkInvalid);
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      chain.extendMarkRange('link').setLink({ href }).run();
    }
    onClose();
  };
  return (
    <Dialog title={t.compose.linkTitle} onClose={onClose}>
      <form onSubmit={apply} className="stack">
        <div className="field">
          <label htmlFor={inputId}>{t.compose.linkUrl}</label>
          <input
            id={inputId}
            type="url"
            value={url}
            required
            aria-invalid={error ? true : undefined}
            onChange={(event) => setUrl(event.target.value)}
          />
          {error && <p className="error">{error}</p>}
        </div>
        <DialogActions submit={t.compose.linkApply} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
