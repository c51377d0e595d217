/**
 * One material of an item with its upload: what is asked for (necessity, form, copies, notes), a native file input
 * (several files at once), and the files chosen so far — name, size, upload state or the reason it failed — each
 * removable.
 */
import { useId, type ReactNode } from 'react';
import { Button } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, FileOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MaterialForm, MaterialMedium, MaterialNecessity } from '../gql/graphql';
import { Pill, type Tone } from '../common/Tags';
import { ACCEPT, formatBytes, type FileEntry, type MaterialFiles } from './upload';

export interface Requirement {
  name: string;
  necessity: MaterialNecessity;
  condition: string | null;
  form: MaterialForm;
  medium: MaterialMedium;
  copies: number;
  notes: string | null;
}

const NECESSITY_TONE: Record<MaterialNecessity, Tone> = { REQUIRED: 'red', CONDITIONAL: 'orange', OPTIONAL: 'neutral' };

export function NecessityPill({ necessity }: { necessity: MaterialNecessity }) {
  const { t } = useTranslation();
  return <Pill tone={NECESSITY_TONE[necessity]}>{t(`necessity.${necessity}`)}</Pill>;
}

function FileState({ file }: { file: FileEntry }) {
  const { t } = useTranslation();
  if (file.state === 'uploading') {
    return (
      <span className="file-state">
        <LoadingOutlined aria-hidden="true" /> {t('upload.uploading')}
      </span>
    );
  }
  if (file.state === 'done') {
    return (
      <span className="file-state file-ok">
        <CheckCircleFilled aria-hidden="true" /> {t('upload.done')}
      </span>
    );
  }
  return (
    <span className="file-state file-failed">
      <CloseCircleFilled aria-hidden="true" /> {t(`upload.problem.${file.problem ?? 'server'}`, { detail: file.detail ?? '' })}
    </span>
  );
}

export function MaterialUpload({
  material,
  index,
  files,
  error,
  children,
  after,
}: {
  material: Requirement;
  index: number;
  files: MaterialFiles;
  error?: string | null;
  /** Shown above the upload, e.g. what the deficiency notice says about this material. */
  children?: ReactNode;
  /** Shown below the upload, e.g. the station's or the window's "paper original received" tick. */
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const list = files.files[material.name] ?? [];
  return (
    <section className={`material-card${error ? ' material-card-error' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="material-head">
        <h3 id={`${id}-title`}>
          <span className="material-no">{index}.</span> {material.name}
        </h3>
        <NecessityPill necessity={material.necessity} />
      </div>
      <p className="material-facts">
        {t(`form.${material.form}`)} · {t('apply.copies', { count: material.copies })} · {t(`medium.${material.medium}`)}
      </p>
      {material.condition && <p className="material-note">{t('apply.condition', { condition: material.condition })}</p>}
      {material.notes && <p className="material-note">{material.notes}</p>}
      {children}
      <div className="upload-row">
        <input
          id={`${id}-file`}
          type="file"
          multiple
          accept={ACCEPT}
          className="upload-input"
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            if (e.target.files?.length) files.add(material.name, e.target.files);
            // the same file may be chosen again after removing it
            e.target.value = '';
          }}
        />
        <label htmlFor={`${id}-file`} className="upload-button">
          <UploadOutlined aria-hidden="true" /> {t('upload.choose')}
          <span className="visually-hidden">{t('upload.chooseFor', { name: material.name })}</span>
        </label>
        <span id={`${id}-hint`} className="hint upload-hint">
          {t('upload.hint')}
        </span>
      </div>
      {after}
      {list.length > 0 && (
        <ul className="file-list" aria-label={t('upload.listLabel', { name: material.name })} aria-live="polite">
          {list.map((f) => (
            <li key={f.key} className={`file-item file-item-${f.state}`}>
              <FileOutlined aria-hidden="true" className="file-icon" />
              <span className="file-name">{f.name}</span>
              <span className="file-size">{formatBytes(f.size)}</span>
              <FileState file={f} />
              <Button type="link" danger size="small" className="file-remove" onClick={() => files.remove(material.name, f.key)} aria-label={t('upload.removeNamed', { name: f.name })}>
                {t('upload.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
