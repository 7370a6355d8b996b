import type { Ctx } from '../context';

/** Removes a file no row names any more: with the transaction in the database store, after the commit on disk. */
export async function discardFile(ctx: Ctx, fileId: string): Promise<void> {
  const files = ctx.deps.files;
  if (files.transactional) return files.remove(fileId, ctx.db);
  ctx.afterCommit(() => {
    files.remove(fileId).catch((e: unknown) => ctx.deps.log(`file store: could not remove ${fileId}: ${String(e)}`));
  });
}
