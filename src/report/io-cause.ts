import type { Words } from "../i18n/words.js";

/** Plain words for the file-system error codes a user meets. */
function ioCause(code: string): string {
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

/** The same words in Chinese (src/errors.ts prints them in a zh-CN terminal). */
const CAUSES_ZH: Record<string, string> = {
  ENOSPC: "磁盘已满",
  EDQUOT: "磁盘配额已用完",
  EROFS: "文件系统只读",
  EACCES: "没有权限",
  EPERM: "不允许的操作",
  ENOTDIR: "路径中的一部分是文件，不是文件夹",
  EISDIR: "它是文件夹，不是文件",
  ENOENT: "路径上的某个文件夹不存在",
  ELOOP: "路径上的符号链接太多",
  ENAMETOOLONG: "名字太长",
  EEXIST: "它已存在",
  ENOTEMPTY: "文件夹不是空的",
  EBUSY: "它正被占用",
  EIO: "输入/输出错误",
};

/** A file-system error's cause in both languages. */
export function ioCauseWords(code: string): Words {
  return { en: ioCause(code), zh: CAUSES_ZH[code] ?? `文件系统错误 ${code}` };
}
