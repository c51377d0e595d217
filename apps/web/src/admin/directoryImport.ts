/**
 * Excel export and import of a directory: the export is a plain download (`/api/directories/:ownerId/export.xlsx`,
 * authenticated by the session cookie); the import sends the workbook as base64 through `importDirectory`.
 */
import { graphql } from '../gql';
import { errorText } from '../common/errors';

export const ImportDirectoryDocument = graphql(`
  mutation ImportDirectory($ownerId: ID!, $fileBase64: String!) {
    importDirectory(ownerId: $ownerId, fileBase64: $fileBase64) {
      created
      updated
      unchanged
    }
  }
`);

/** One problem the server found in an uploaded workbook (`errors[0].extensions.problems`). */
export interface ImportProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

export function importProblems(extensions: Record<string, unknown>): ImportProblem[] {
  const list = extensions.problems;
  if (!Array.isArray(list)) return [];
  return list
    .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
    .map((p) => ({
      sheet: p.sheet ? String(p.sheet) : null,
      row: typeof p.row === 'number' && p.row > 0 ? p.row : null,
      column: p.column ? String(p.column) : null,
      // the reader's language: the server's key when the web knows it, else a plain "not valid" (sheet, row and
      // column say where)
      message: errorText('BAD_USER_INPUT', typeof p.messageKey === 'string' ? p.messageKey : null, (p.params as Record<string, unknown>) ?? {}, p.column ?? ''),
    }));
}

export function exportUrl(ownerId: string): string {
  return `/api/directories/${encodeURIComponent(ownerId)}/export.xlsx`;
}

/** The file's bytes as standard base64 (without the `data:` prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}
