import { useRef } from 'react';
import { Button } from './Layout';

/** A button that opens the file chooser and hands over the chosen file's text (its first `maxChars`). */
export function FileButton({ label, accept, maxChars, onText }: { label: string; accept: string; maxChars: number; onText: (text: string, name: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          // The same file chosen again (after an edit on disk) is read again.
          e.target.value = '';
          if (file) void file.slice(0, maxChars).text().then((text) => onText(text, file.name));
        }}
      />
      <Button kind="secondary" onClick={() => input.current?.click()}>{label}</Button>
    </>
  );
}
