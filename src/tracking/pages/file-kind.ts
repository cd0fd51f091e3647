export type FileKind =
  | 'pdf'
  | 'image'
  | 'document'
  | 'spreadsheet'
  | 'presentation'
  | 'archive'
  | 'text'
  | 'audio'
  | 'video'
  | 'email'
  | 'program'
  | 'other';

const EXTENSIONS: Record<Exclude<FileKind, 'other'>, readonly string[]> = {
  pdf: ['pdf'],
  image: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'bmp', 'tif', 'tiff', 'svg'],
  document: ['doc', 'docx', 'odt', 'rtf', 'pages'],
  spreadsheet: ['xls', 'xlsx', 'xlsm', 'ods', 'csv', 'numbers'],
  presentation: ['ppt', 'pptx', 'odp', 'key'],
  archive: ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz'],
  text: ['txt', 'md', 'log'],
  audio: ['mp3', 'm4a', 'wav', 'ogg', 'oga', 'flac', 'aac', 'opus'],
  video: ['mp4', 'm4v', 'mov', 'webm', 'avi', 'mkv'],
  email: ['eml', 'msg'],
  // What runs when opened: the hint says so, since a mail attachment is a classic way in.
  program: [
    'exe',
    'msi',
    'bat',
    'cmd',
    'com',
    'scr',
    'ps1',
    'vbs',
    'js',
    'jse',
    'wsf',
    'hta',
    'jar',
    'apk',
    'app',
    'dmg',
    'pkg',
    'sh',
    'lnk',
    'iso',
  ],
};

const BY_EXTENSION = new Map<string, FileKind>(
  Object.entries(EXTENSIONS).flatMap(([kind, extensions]) =>
    extensions.map((extension) => [extension, kind as FileKind] as const),
  ),
);

const BY_TYPE: [RegExp, FileKind][] = [
  [/^application\/pdf$/, 'pdf'],
  [/^image\//, 'image'],
  [/^audio\//, 'audio'],
  [/^video\//, 'video'],
  [/^message\/rfc822$/, 'email'],
  [/^text\/csv$/, 'spreadsheet'],
  [/^text\//, 'text'],
  [/(?:spreadsheet|excel)/, 'spreadsheet'],
  [/(?:presentation|powerpoint)/, 'presentation'],
  [/(?:wordprocessing|msword|opendocument\.text|rtf)/, 'document'],
  [/(?:zip|x-rar|x-7z|x-tar|gzip|x-bzip2|x-xz)/, 'archive'],
  [/(?:x-msdownload|x-msi|x-sh|java-archive|vnd\.android\.package)/, 'program'],
];

/** The file's extension as a badge shows it (`PDF`, `XLSX`), when it has a short, plain one. */
export function fileExtension(filename: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(filename.trim());
  return match ? match[1]!.toUpperCase() : undefined;
}

/**
 * What kind of file this is, for a hint beside its name. The extension decides when there is
 * one, because it is what the reader's computer will act on (`invoice.pdf.exe` is a program,
 * whatever type the sender's browser declared); the declared type is the fallback.
 */
export function fileKind(filename: string, contentType: string): FileKind {
  const extension = fileExtension(filename)?.toLowerCase();
  if (extension !== undefined) return BY_EXTENSION.get(extension) ?? 'other';
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  return BY_TYPE.find(([pattern]) => pattern.test(type))?.[1] ?? 'other';
}
