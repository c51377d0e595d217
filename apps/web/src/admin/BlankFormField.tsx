/**
 * A material's blank form in the item editor: the PDF or Word file citizens download from the guide to fill in.
 * Uploaded at once (POST /api/files?purpose=blank-form); the working copy keeps the file's id when it is saved,
 * and the guide offers it once the item is published.
 */
import { useId, useState } from 'react';
import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FORM_ACCEPT, UploadError, uploadFile } from '../applications/upload';

export interface BlankFormValue {
  id: string;
  fileName: string;
}

export function BlankFormField({ value, onChange, material }: { value?: BlankFormValue | null; onChange?(v: BlankFormValue | null): void; material: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      const stored = await uploadFile(file, 'blank-form');
      onChange?.({ id: stored.id, fileName: stored.originalName });
    } catch (e) {
      const kind = e instanceof UploadError ? e.problem : 'server';
      setProblem(kind === 'type' ? t('editor.blankFormType') : t(`upload.problem.${kind}`, { detail: "" }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="upload-row blank-form-field">
      <span className="file-name">{value ? value.fileName : t('editor.blankFormNone')}</span>
      <input
        id={`${id}-file`}
        type="file"
        accept={FORM_ACCEPT}
        className="upload-input"
        disabled={busy}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void choose(f);
        }}
      />
      <label htmlFor={`${id}-file`} className="upload-button">
        <UploadOutlined aria-hidden="true" /> {value ? t('editor.blankFormReplace') : t('editor.blankFormChoose')}
        <span className="visually-hidden">{t('editor.blankFormFor', { n: material })}</span>
      </label>
      {value && (
        <Button danger onClick={() => onChange?.(null)}>
          {t('editor.blankFormRemove')}
        </Button>
      )}
      {busy && <span role="status">{t('editor.blankFormUploading')}</span>}
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
