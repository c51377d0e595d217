import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Role } from '@weimin/domain';
import { RequireRole } from '../../common/access';
import type { RequestContext } from '../../common/context';
import { InputError } from '../../common/errors';
import { ArgLimit } from '../../common/input-guard';
import { MAX_IMPORT_BYTES } from './directory.service';

/** The guard lets a little more than 5 MB of base64 through, so that the import itself says "over 5 MB". */
const MAX_IMPORT_BASE64_CHARS = 8 * 1024 * 1024;

@ObjectType({ description: 'What an Excel import did to a directory; nothing is published by an import' })
export class DirectoryImportResult {
  @Field(() => Int, { description: 'New codes, saved as DRAFT items' }) created: number;
  @Field(() => Int, { description: 'Existing items whose working copy was replaced' }) updated: number;
  @Field(() => Int, { description: 'Existing items the file does not change' }) unchanged: number;
}

/** Strict standard base64 (padding required, no line breaks or other characters). */
export function decodeBase64Strict(text: string, field: string): Buffer {
  const s = text.trim();
  if (!s) throw new InputError(field, 'is empty: send the .xlsx file as base64', {}, 'file.empty');
  // Checked before decoding: a file over the limit is refused without holding it twice in memory.
  if (s.length > Math.ceil(MAX_IMPORT_BYTES / 3) * 4) {
    throw new InputError(field, `the file is over 5 MB; at most 5 MB can be imported at once: split the directory into several files`, { maxBytes: MAX_IMPORT_BYTES, maxMb: 5 }, 'file.tooLargeMb');
  }
  // No regular expression with repeated groups here: on megabytes of text it would overflow the stack.
  const pad = s.indexOf('=');
  if (s.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(s) || (pad >= 0 && pad < s.length - 2) || (pad >= 0 && !s.endsWith('='))) {
    throw new InputError(field, 'is not valid base64 (standard alphabet A–Z a–z 0–9 + /, with = padding)', {}, 'file.badBase64');
  }
  const buf = Buffer.from(s, 'base64');
  // Rejects non-zero padding bits, which Node would silently drop.
  if (buf.toString('base64') !== s) throw new InputError(field, 'is not valid base64 (non-canonical encoding)', {}, 'file.badBase64');
  return buf;
}

function ownerIdOf(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw ?? '') || !Number.isSafeInteger(n) || n <= 0) throw new InputError('ownerId', 'is not a jurisdiction id', {}, 'input.badId');
  return n;
}

@Resolver()
export class DirectoryResolver {
  @RequireRole(Role.DIRECTORY_ADMIN, Role.SYSTEM_ADMIN)
  @Mutation(() => DirectoryImportResult, {
    description:
      'Imports a directory workbook (.xlsx, base64, at most 5 MB and 2,000 items) into a directory you administer. The whole file is checked first: ' +
      'any problem fails with BAD_USER_INPUT and `extensions.problems` ({ sheet, row, column, message }), and nothing is saved. ' +
      'New codes become DRAFT items; changed items get a new working copy to publish.',
  })
  async importDirectory(
    @Arg('ownerId', () => ID, { description: 'The jurisdiction whose directory is imported' }) ownerId: string,
    @Arg('fileBase64', { description: 'The .xlsx file, standard base64' }) @ArgLimit({ maxLength: MAX_IMPORT_BASE64_CHARS }) fileBase64: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DirectoryImportResult> {
    const id = ownerIdOf(ownerId);
    // Scope first: someone else's directory is refused before the file is even looked at.
    const owner = await ctx.services.jurisdictions.get(id);
    ctx.services.catalogue.assertEditor(ctx, owner.path, owner.name);
    return ctx.services.directories.import(ctx, id, decodeBase64Strict(fileBase64, 'fileBase64'));
  }
}
