/** Plain words for the file-system error codes a user meets. */
export function ioCause(code: string): string {
  const causes: Record<string, string> = {
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is used up",
    EROFS: "the file system is read-only",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a part of the path is a file, not a folder",
    EISDIR: "it is a folder, not a file",
    ENOENT: "a folder on the path does not exist",
    ELOOP: "too many symbolic links on the path",
    ENAMETOOLONG: "the name is too long",
    EEXIST: "it already exists",
    ENOTEMPTY: "the folder is not empty",
    EBUSY: "it is in use",
    EIO: "an input/output error",
  };
  return causes[code] ?? `file-system error ${code}`;
}
