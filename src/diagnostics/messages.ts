import type { Code } from './codes.js';
import type { Diagnostic, MessageArgs } from './types.js';

export type Lang = 'vi' | 'en';
type Wording = (a: MessageArgs, lang: Lang) => string;

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** Vietnamese decimal comma for figures shown to a clerk. */
const num = (v: unknown, lang: Lang): string => {
  if (typeof v !== 'number') return s(v);
  return lang === 'vi' ? String(v).replace('.', ',') : String(v);
};

const SCHEMA_VI: Record<string, (a: MessageArgs) => string> = {
  required: (a) => `thiếu khóa bắt buộc "${s(a.key)}"`,
  additional: (a) => `khóa "${s(a.key)}" không được phép ở đây (viết sai tên khóa?)`,
  type: (a) => `giá trị phải có kiểu ${typeVi(s(a.expected))}`,
  enum: (a) => `giá trị phải là một trong: ${s(a.allowed)}`,
  const: (a) => `giá trị phải là "${s(a.allowed)}"`,
  'phase-number': () => 'giá trị phải là một số, hoặc bảng theo giai đoạn như { gd1: 70, gd2: 80 }',
  pattern: () => 'giá trị sai định dạng (mã chỉ gồm chữ không dấu, số, dấu chấm, gạch nối, gạch dưới; ngày dạng YYYY-MM-DD)',
  minimum: (a) => `giá trị phải ≥ ${num(a.limit, 'vi')}`,
  exclusiveMinimum: (a) => `giá trị phải > ${num(a.limit, 'vi')}`,
  maximum: (a) => `giá trị phải ≤ ${num(a.limit, 'vi')}`,
  exclusiveMaximum: (a) => `giá trị phải < ${num(a.limit, 'vi')}`,
  empty: () => 'không được để trống',
  'too-long': (a) => `quá dài (tối đa ${s(a.limit)} ký tự)`,
  unique: () => 'danh sách có phần tử trùng nhau',
  'award-quota': () => 'hình thức khen thưởng phải có đúng một trong hai khóa per_block hoặc share',
  'unknown-ref': (a) => `"${s(a.ref)}" không trỏ tới mục nào có trong đối tượng này`,
  'cases-ref': (a) => `cases chỉ đọc số liệu của tiêu chí có số liệu báo cáo; "${s(a.ref)}" là tiêu chí tính từ cases hoặc chấm trực tiếp`,
  'requirement-form': () => 'mỗi điều kiện requires ghi đúng một trong item/group và đúng một trong min_points, max_points, min_share (min_share chỉ dùng cho group)',
  'class-order': (a) => `các mức xếp loại phải xếp từ cao xuống thấp; "${s(a.class)}" có min lớn hơn mức đứng trước`,
  other: (a) => s(a.detail),
};
const SCHEMA_EN: Record<string, (a: MessageArgs) => string> = {
  required: (a) => `missing required key "${s(a.key)}"`,
  additional: (a) => `key "${s(a.key)}" is not allowed here (misspelt?)`,
  type: (a) => `value must be of type ${s(a.expected)}`,
  enum: (a) => `value must be one of: ${s(a.allowed)}`,
  const: (a) => `value must be "${s(a.allowed)}"`,
  'phase-number': () => 'value must be a number, or a map by phase such as { gd1: 70, gd2: 80 }',
  pattern: () => 'value has the wrong form (ids: ASCII letters, digits, dot, hyphen, underscore; dates: YYYY-MM-DD)',
  minimum: (a) => `value must be ≥ ${s(a.limit)}`,
  exclusiveMinimum: (a) => `value must be > ${s(a.limit)}`,
  maximum: (a) => `value must be ≤ ${s(a.limit)}`,
  exclusiveMaximum: (a) => `value must be < ${s(a.limit)}`,
  empty: () => 'must not be empty',
  'too-long': (a) => `too long (at most ${s(a.limit)} characters)`,
  unique: () => 'the list has repeated entries',
  'award-quota': () => 'an award needs exactly one of per_block or share',
  'unknown-ref': (a) => `"${s(a.ref)}" names nothing in this tier`,
  'cases-ref': (a) => `cases read the reported values of other items; "${s(a.ref)}" is computed by cases or assessed directly`,
  'requirement-form': () => 'each requires entry names exactly one of item/group and exactly one of min_points, max_points, min_share (min_share for a group only)',
  'class-order': (a) => `classes must be listed from the highest down; "${s(a.class)}" has a higher min than the one before`,
  other: (a) => s(a.detail),
};

function typeVi(t: string): string {
  return t
    .replace('string', 'chuỗi')
    .replace('number', 'số')
    .replace('integer', 'số nguyên')
    .replace('boolean', 'đúng/sai')
    .replace('object', 'bảng khóa')
    .replace('array', 'danh sách');
}

const YAML_VI: Record<string, (a: MessageArgs) => string> = {
  'too-big': (a) =>
    a.kind === 'units'
      ? `tệp đơn vị quá lớn (${s(a.size)} byte; tối đa ${s(a.limit)} byte, khoảng 800.000 đơn vị)`
      : `tệp quá lớn (${s(a.size)} byte; tối đa ${s(a.limit)} byte) — tệp tiêu chí không thể lớn như vậy`,
  'yaml-tag': (a) => `thẻ YAML ${s(a.tag)} không được dùng trong tệp này (chỉ chuỗi, số, đúng/sai, bảng và danh sách)`,
  'decimal-comma': (a) => `${a.key ? `${s(a.key)}: ` : ''}${s(a.text)} — trong YAML số thập phân viết bằng dấu chấm, không bằng dấu phẩy (trong { } dấu phẩy tách hai mục, ngoài { } giá trị thành chữ): viết ${a.key ? `${s(a.key)}: ` : ''}${s(a.text).replace(',', '.')}`,
  binary: () => 'đây không phải tệp văn bản YAML (có byte nhị phân)',
  encoding: () => 'tệp không được mã hóa UTF-8; hãy lưu lại với mã hóa UTF-8',
  'too-deep': (a) => `cấu trúc lồng nhau quá sâu (tối đa ${s(a.limit)} cấp)`,
  aliases: () => 'tệp dùng quá nhiều bí danh YAML (*alias) — có thể là tệp độc hại',
  'duplicate-key': (a) => `khóa bị lặp lại trong cùng một bảng (${s(a.detail)})`,
  tab: () => 'dùng ký tự Tab để thụt lề; YAML chỉ cho phép dấu cách',
  indent: () => 'thụt lề không đúng: các khóa cùng cấp phải thẳng cột, dùng dấu cách',
  'missing-char': (a) => `thiếu ký tự đóng (dấu ngoặc, dấu nháy hoặc dấu hai chấm) — ${s(a.detail)}`,
  'implicit-key': () => 'khóa viết sai: mỗi khóa phải nằm trên một dòng và theo sau là dấu hai chấm và dấu cách',
  unexpected: (a) => `ký tự không mong đợi ở đây — ${s(a.detail)}`,
  'multiple-docs': () => 'tệp chứa nhiều tài liệu YAML (dấu ---); chỉ được một',
  'scalar-start': () => 'giá trị bắt đầu bằng ký tự đặc biệt (@, `, %…): hãy đặt trong ngoặc kép',
};
const YAML_EN: Record<string, (a: MessageArgs) => string> = {
  'too-big': (a) =>
    a.kind === 'units'
      ? `units file too large (${s(a.size)} bytes; limit ${s(a.limit)}, some 800,000 units)`
      : `file too large (${s(a.size)} bytes; limit ${s(a.limit)}) — no criteria file is this big`,
  'yaml-tag': (a) => `the YAML tag ${s(a.tag)} is not allowed in this file (only text, numbers, true/false, maps and lists)`,
  'decimal-comma': (a) => `${a.key ? `${s(a.key)}: ` : ''}${s(a.text)} — YAML writes decimals with a point, not a comma (inside { } a comma separates entries, elsewhere the value becomes text): write ${a.key ? `${s(a.key)}: ` : ''}${s(a.text).replace(',', '.')}`,
  binary: () => 'not a YAML text file (binary bytes found)',
  encoding: () => 'the file is not UTF-8; save it again as UTF-8',
  'too-deep': (a) => `nesting too deep (at most ${s(a.limit)} levels)`,
  aliases: () => 'the file uses too many YAML aliases (*alias) — possibly a hostile file',
  'duplicate-key': (a) => `a key is repeated in the same map (${s(a.detail)})`,
  tab: () => 'a tab is used for indentation; YAML allows only spaces',
  indent: () => 'wrong indentation: keys of one level must line up, with spaces',
  'missing-char': (a) => `a closing character (bracket, quote or colon) is missing — ${s(a.detail)}`,
  'implicit-key': () => 'a malformed key: each key stands on one line, followed by a colon and a space',
  unexpected: (a) => `unexpected characters here — ${s(a.detail)}`,
  'multiple-docs': () => 'the file holds several YAML documents (---); only one is allowed',
  'scalar-start': () => 'a value starts with a reserved character (@, `, %…): put it in quotes',
};

const FILE_KIND_VI: Record<string, string> = {
  xls: 'tệp Excel 97–2003 (.xls)', ods: 'bảng tính OpenDocument (.ods)', xlsb: 'sổ Excel nhị phân (.xlsb)',
  numbers: 'tệp Apple Numbers', png: 'ảnh PNG', jpeg: 'ảnh JPEG', gif: 'ảnh GIF', pdf: 'tệp PDF', html: 'trang HTML',
  csv: 'tệp văn bản/CSV', text: 'tệp văn bản', empty: 'tệp rỗng (0 byte)', 'lock-file': 'tệp khóa tạm của Excel (~$…)',
  'not-zip': 'không phải sổ Excel .xlsx', 'zip-corrupt': 'tệp .xlsx bị hỏng (nén zip lỗi hoặc bị cắt cụt)',
  'bad-xml': 'nội dung XML bên trong bị hỏng', doctype: 'XML có khai báo DOCTYPE/ENTITY (không được phép, có thể độc hại)',
  encoding: 'XML dùng bảng mã không hỗ trợ', 'no-sheets': 'sổ không có trang tính nào', 'no-workbook': 'thiếu phần workbook.xml',
  missing: 'không tìm thấy tệp', unreadable: 'không đọc được tệp',
  doc: 'văn bản Word 97–2003 (.doc)', docx: 'văn bản Word (.docx)', ppt: 'bản trình chiếu PowerPoint 97–2003', pptx: 'bản trình chiếu PowerPoint (.pptx)',
  odf: 'tài liệu OpenDocument', tiff: 'ảnh TIFF', gzip: 'tệp nén gzip', '7z': 'tệp nén 7-Zip', rar: 'tệp nén RAR', rtf: 'văn bản RTF', xml: 'tệp XML',
  'xml-spreadsheet-2003': 'bảng tính XML 2003 (Excel 2003 XML)', 'zip-method': 'tệp .xlsx nén theo cách không hỗ trợ',
  'missing-part': 'tệp .xlsx thiếu phần bắt buộc (có thể do công cụ khác lưu hỏng)', 'unsafe-path': 'tệp .xlsx chứa đường dẫn không an toàn (có thể độc hại)',
  'shared-string-index': 'tệp .xlsx tham chiếu chuỗi không tồn tại',
};
const FILE_KIND_EN: Record<string, string> = {
  xls: 'an Excel 97–2003 workbook (.xls)', ods: 'an OpenDocument spreadsheet (.ods)', xlsb: 'a binary Excel workbook (.xlsb)',
  numbers: 'an Apple Numbers document', png: 'a PNG image', jpeg: 'a JPEG image', gif: 'a GIF image', pdf: 'a PDF file', html: 'an HTML page',
  csv: 'a text/CSV file', text: 'a text file', empty: 'an empty file (0 bytes)', 'lock-file': "an Excel lock file (~$…)",
  'not-zip': 'not an .xlsx workbook', 'zip-corrupt': 'a damaged .xlsx (broken or truncated zip)',
  'bad-xml': 'broken XML inside the workbook', doctype: 'XML with a DOCTYPE/ENTITY declaration (refused, possibly hostile)',
  encoding: 'XML in an unsupported encoding', 'no-sheets': 'a workbook with no worksheet', 'no-workbook': 'a package without workbook.xml',
  missing: 'file not found', unreadable: 'the file could not be read',
  doc: 'a Word 97–2003 document (.doc)', docx: 'a Word document (.docx)', ppt: 'a PowerPoint 97–2003 presentation', pptx: 'a PowerPoint presentation (.pptx)',
  odf: 'an OpenDocument file', tiff: 'a TIFF image', gzip: 'a gzip archive', '7z': 'a 7-Zip archive', rar: 'a RAR archive', rtf: 'an RTF document', xml: 'an XML file',
  'xml-spreadsheet-2003': 'an Excel 2003 XML spreadsheet', 'zip-method': 'an .xlsx compressed in an unsupported way',
  'missing-part': 'an .xlsx missing a required part (saved badly by some tool)', 'unsafe-path': 'an .xlsx with unsafe paths inside (possibly hostile)',
  'shared-string-index': 'an .xlsx that refers to strings it does not hold',
};

const SPECIAL_VI: Record<string, string> = { fifo: 'một đường ống (FIFO)', device: 'một thiết bị', socket: 'một socket', directory: 'một thư mục', other: 'một tệp đặc biệt' };
const SPECIAL_EN: Record<string, string> = { fifo: 'a pipe (FIFO)', device: 'a device', socket: 'a socket', directory: 'a folder', other: 'a special file' };
const ERRNO_VI: Record<string, string> = { EACCES: 'không có quyền đọc', EPERM: 'không có quyền đọc', EIO: 'lỗi đọc đĩa', ENOENT: 'tệp đã bị xóa hoặc đổi tên', ELOOP: 'liên kết tượng trưng lặp vòng' };
const ERRNO_EN: Record<string, string> = { EACCES: 'no permission to read it', EPERM: 'no permission to read it', EIO: 'a disk read error', ENOENT: 'the file was deleted or renamed', ELOOP: 'a symbolic link loop' };
const errno = (d: unknown, words: Record<string, string>): string => (words[s(d)] ? `${words[s(d)]} (${s(d)})` : s(d));

/** A file or folder that was not read for what it is on disk, not for its content: no advice about Excel. */
const NOT_READ_VI: Record<string, (a: MessageArgs) => string> = {
  unreadable: (a) => `không đọc được tệp${a.detail ? `: ${errno(a.detail, ERRNO_VI)}` : ''}`,
  special: (a) => `không đọc: đây không phải tệp thường mà là ${SPECIAL_VI[s(a.detail)] ?? SPECIAL_VI.other}`,
  'broken-link': (a) => `liên kết tượng trưng (symlink) trỏ tới nơi không có${a.target ? ` (${s(a.target)})` : ''}`,
  'link-loop': () => 'liên kết tượng trưng (symlink) lặp vòng: không đọc',
  folder: (a) => `không đọc được thư mục${a.detail ? `: ${errno(a.detail, ERRNO_VI)}` : ''}; các tệp trong đó không được chấm`,
};
const NOT_READ_EN: Record<string, (a: MessageArgs) => string> = {
  unreadable: (a) => `cannot read the file${a.detail ? `: ${errno(a.detail, ERRNO_EN)}` : ''}`,
  special: (a) => `not read: this is no regular file but ${SPECIAL_EN[s(a.detail)] ?? SPECIAL_EN.other}`,
  'broken-link': (a) => `a symbolic link to nothing${a.target ? ` (${s(a.target)})` : ''}`,
  'link-loop': () => 'a symbolic link loop: not read',
  folder: (a) => `cannot read the folder${a.detail ? `: ${errno(a.detail, ERRNO_EN)}` : ''}; the files in it were not scored`,
};

const LIMIT_VI: Record<string, string> = {
  'file-size': 'dung lượng tệp', uncompressed: 'dung lượng sau giải nén', ratio: 'tỷ lệ nén', entries: 'số phần trong gói zip',
  'string-length': 'độ dài chuỗi trong một ô', nesting: 'độ sâu lồng XML', cells: 'số ô của trang tính', rows: 'số dòng',
  'shared-strings': 'dung lượng bảng chuỗi dùng chung', styles: 'số kiểu định dạng',
};
const LIMIT_EN: Record<string, string> = {
  'file-size': 'file size', uncompressed: 'uncompressed size', ratio: 'compression ratio', entries: 'zip entries',
  'string-length': 'string length in a cell', nesting: 'XML nesting depth', cells: 'cells in a sheet', rows: 'rows',
  'shared-strings': 'shared-string table size', styles: 'number of cell styles',
};

/** Wording of every code in both languages (STYLE: one place, exhaustive). */
export const MESSAGES = {
  'yaml-syntax': {
    vi: (a) => (a.reason && YAML_VI[s(a.reason)] ? YAML_VI[s(a.reason)]!(a) : `lỗi cú pháp YAML: ${s(a.detail)}`),
    en: (a) => (a.reason && YAML_EN[s(a.reason)] ? YAML_EN[s(a.reason)]!(a) : `YAML syntax error: ${s(a.detail)}`),
  },
  schema: {
    vi: (a) => `${(SCHEMA_VI[s(a.rule)] ?? SCHEMA_VI.other!)(a)} (tại ${s(a.at) || 'gốc'})`,
    en: (a) => `${(SCHEMA_EN[s(a.rule)] ?? SCHEMA_EN.other!)(a)} (at ${s(a.at) || 'root'})`,
  },
  'duplicate-id': {
    vi: (a) => a.kind === 'choice-title' ? `tên mức "${s(a.id)}" bị trùng (không phân biệt hoa thường, dấu)` : `mã "${s(a.id)}" bị trùng (${({ phase: 'giai đoạn', tag: 'nhãn', class: 'xếp loại', tier: 'đối tượng', award: 'khen thưởng', criterion: 'nhóm/tiêu chí', unit: 'đơn vị', choice: 'mức lựa chọn', 'choice-title': 'tên mức lựa chọn' } as Record<string, string>)[s(a.kind)] ?? s(a.kind)})`,
    en: (a) => (a.kind === 'choice-title' ? `duplicate choice title "${s(a.id)}" (titles must differ ignoring case and diacritics)` : `duplicate ${s(a.kind)} id "${s(a.id)}"`),
  },
  'unknown-tag': {
    vi: (a) => `nhãn "${s(a.tag)}" không có trong phần tags`,
    en: (a) => `tag "${s(a.tag)}" is not defined under tags`,
  },
  'unknown-phase': {
    vi: (a) => (a.reason === 'no-value' ? `không có giá trị cho giai đoạn "${s(a.phase)}"` : `giai đoạn "${s(a.phase)}" không có trong phần phases`),
    en: (a) => (a.reason === 'no-value' ? `no value for phase "${s(a.phase)}"` : `phase "${s(a.phase)}" is not defined under phases`),
  },
  'unknown-class': {
    vi: (a) => `xếp loại "${s(a.class)}" không có trong danh sách xếp loại của đối tượng`,
    en: (a) => `class "${s(a.class)}" is not among the tier's classes`,
  },
  'max-mismatch': {
    vi: (a, l) => `đối tượng "${s(a.tier)}" (giai đoạn ${s(a.phase)}): tổng điểm tối đa các nhóm chính là ${num(a.sum, l)}, khác max = ${num(a.max, l)}`,
    en: (a) => `tier "${s(a.tier)}" (phase ${s(a.phase)}): the regular groups' maxima add up to ${s(a.sum)}, not max = ${s(a.max)}`,
  },
  'steps-order': {
    vi: (a) =>
      a.kind === 'steps_below'
        ? `tiêu chí ${s(a.item)}: các bậc steps_below phải xếp theo max tăng dần và điểm không tăng`
        : `tiêu chí ${s(a.item)}: các bậc steps phải xếp theo min giảm dần và điểm không tăng khi min giảm`,
    en: (a) =>
      a.kind === 'steps_below'
        ? `item ${s(a.item)}: steps_below must be listed by rising max with points never rising`
        : `item ${s(a.item)}: steps must be listed from the highest min down, with points never rising as min falls`,
  },
  'rule-missing': {
    vi: (a) =>
      ({
        none: `tiêu chí ${s(a.item)} chưa có cách tính điểm (points, steps, steps_below, linear hoặc per_item)`,
        several: `tiêu chí ${s(a.item)} có nhiều cách tính điểm (${s(a.rules)}); chỉ được một`,
        input: `tiêu chí ${s(a.item)}: cách tính "${s(a.rules)}" không hợp với loại số liệu ${s(a.input)} (points: N chỉ dùng cho yes_no)`,
        'points-max': `tiêu chí ${s(a.item)} chấm trực tiếp (input: points) cần khóa max`,
        'points-rule': `tiêu chí ${s(a.item)} chấm trực tiếp (input: points) không dùng cách tính điểm`,
        choices: `tiêu chí ${s(a.item)} (input: choice) cần danh sách mức choices`,
        'choices-input': `tiêu chí ${s(a.item)}: choices chỉ dùng với input: choice (đang là ${s(a.input)})`,
        'cases-input': `tiêu chí ${s(a.item)} tính theo cases từ số liệu của tiêu chí khác, không có input riêng`,
        'info-rule': `tiêu chí ${s(a.item)} chỉ ghi nhận số liệu (info: true): không dùng cách tính điểm${a.input === 'points' ? ' và không chấm trực tiếp' : ` (${s(a.rules)})`}`,
      })[s(a.reason)] ?? `tiêu chí ${s(a.item)}: cách tính điểm không hợp lệ`,
    en: (a) =>
      ({
        none: `item ${s(a.item)} has no rule (points, steps, steps_below, linear or per_item)`,
        several: `item ${s(a.item)} has several rules (${s(a.rules)}); exactly one is allowed`,
        input: `item ${s(a.item)}: rule "${s(a.rules)}" does not fit input ${s(a.input)} (points: N is for yes_no)`,
        'points-max': `item ${s(a.item)} is assessed directly (input: points) and needs max`,
        'points-rule': `item ${s(a.item)} is assessed directly (input: points) and takes no rule`,
        choices: `item ${s(a.item)} (input: choice) needs its list of choices`,
        'choices-input': `item ${s(a.item)}: choices go with input: choice only (it is ${s(a.input)})`,
        'cases-input': `item ${s(a.item)} is computed by cases from other items' values and takes no input`,
        'info-rule': `item ${s(a.item)} only records a figure (info: true): it takes no rule${a.input === 'points' ? ' and is not assessed' : ` (${s(a.rules)})`}`,
      })[s(a.reason)] ?? `item ${s(a.item)}: invalid rule`,
  },
  unreachable: {
    vi: (a, l) =>
      a.requirement
        ? `xếp loại "${s(a.class)}" yêu cầu ${s(a.requirement).replace(/^item /, 'tiêu chí ').replace(/^group /, 'nhóm ')} đạt ${num(a.min, l)} điểm, vượt điểm tối đa ${num(a.max, l)} (giai đoạn ${s(a.phase)}): không đơn vị nào đạt được`
        : a.class
        ? `xếp loại "${s(a.class)}" cần ${num(a.min, l)} điểm, vượt điểm tối đa ${num(a.max, l)} (giai đoạn ${s(a.phase)}): không đơn vị nào đạt được`
        : `nhóm ${s(a.group)} có max = ${num(a.max, l)} nhưng các tiêu chí con chỉ cho tối đa ${num(a.fill, l)} (giai đoạn ${s(a.phase)})`,
    en: (a) =>
      a.requirement
        ? `class "${s(a.class)}" requires ${s(a.requirement)} to score ${s(a.min)}, above its maximum ${s(a.max)} (phase ${s(a.phase)}): no unit can meet it`
        : a.class
        ? `class "${s(a.class)}" needs ${s(a.min)} points, above the maximum ${s(a.max)} (phase ${s(a.phase)}): no unit can reach it`
        : `group ${s(a.group)} has max = ${s(a.max)} but its children give at most ${s(a.fill)} (phase ${s(a.phase)})`,
  },
  'unknown-tier': {
    vi: (a) => `tiêu chí ${s(a.item)} lấy số liệu từ đối tượng "${s(a.tier)}", không có trong bảng tiêu chí`,
    en: (a) => `item ${s(a.item)} takes its value from tier "${s(a.tier)}", which the criteria do not have`,
  },
  'rollup-cycle': {
    vi: (a) => `các đối tượng lấy số liệu của nhau thành vòng: ${s(a.cycle)} — một đối tượng không thể vừa là cấp trên vừa là cấp dưới`,
    en: (a) => `tiers take their values from each other in a loop: ${s(a.cycle)} — a tier cannot be both above and below another`,
  },
  'rollup-differs': {
    vi: (a, l) => `tiêu chí ${s(a.item)}: đơn vị báo cáo ${num(a.reported, l)}, nhưng kết quả của đối tượng cấp dưới (${s(a.tier)}) cho ${num(a.computed, l)}${a.numerator !== undefined && a.denominator !== undefined ? ` (${num(a.numerator, l)}/${num(a.denominator, l)})` : ''}; dùng số tính được`,
    en: (a) => `item ${s(a.item)}: the unit reported ${s(a.reported)}, but the child tier's results (${s(a.tier)}) give ${s(a.computed)}${a.numerator !== undefined && a.denominator !== undefined ? ` (${s(a.numerator)}/${s(a.denominator)})` : ''}; the computed figure is used`,
  },
  'no-parent': {
    vi: (a) => `đơn vị ${s(a.unit)} (${s(a.tier)}) không có đơn vị cấp trên (cột "Cấp trên", ô "Đơn vị cấp trên" hoặc parent trong danh sách đơn vị): không được tính cho đơn vị nào`,
    en: (a) => `unit ${s(a.unit)} (${s(a.tier)}) has no parent ("Cấp trên" column, "Đơn vị cấp trên" cell or parent in the units file): it counts for no unit`,
  },
  'from-mismatch': {
    vi: (a) => `tệp kết quả này thuộc ${a.reason === 'phase' ? `giai đoạn "${s(a.found)}", không phải "${s(a.expected)}"` : a.reason === 'movement' ? `phong trào "${s(a.found)}", không phải "${s(a.expected)}"` : 'định dạng khác, không phải results.json của thidua'}`,
    en: (a) => `this results file is ${a.reason === 'phase' ? `for phase "${s(a.found)}", not "${s(a.expected)}"` : a.reason === 'movement' ? `of movement "${s(a.found)}", not "${s(a.expected)}"` : 'not a thidua results.json'}`,
  },
  'items-exceed-group': {
    vi: (a, l) => `các tiêu chí con của nhóm ${s(a.group)} cộng lại ${num(a.fill, l)} điểm, vượt max = ${num(a.max, l)} của nhóm (giai đoạn ${s(a.phase)}); phần vượt sẽ bị cắt`,
    en: (a) => `the children of group ${s(a.group)} add up to ${s(a.fill)}, past the group's max = ${s(a.max)} (phase ${s(a.phase)}); the excess is cut`,
  },
  'unquoted-comma': {
    vi: (a) => `dấu phẩy trong giá trị không đặt trong ngoặc kép; đã hiểu là "${s(a.text)}" — nên viết trong ngoặc kép`,
    en: (a) => `a comma inside an unquoted value; read as "${s(a.text)}" — put it in quotes`,
  },
  'unreadable-file': {
    vi: (a) =>
      NOT_READ_VI[s(a.reason)]?.(a) ??
      `không đọc được tệp: đây là ${FILE_KIND_VI[s(a.reason)] ?? s(a.reason)}${a.detail ? ` (${s(a.detail)})` : ''}. Hãy mở bằng Excel và lưu lại dạng "Excel Workbook (.xlsx)"`,
    en: (a) =>
      NOT_READ_EN[s(a.reason)]?.(a) ??
      `cannot read the file: it is ${FILE_KIND_EN[s(a.reason)] ?? s(a.reason)}${a.detail ? ` (${s(a.detail)})` : ''}. Open it in Excel and save as "Excel Workbook (.xlsx)"`,
  },
  encrypted: {
    vi: () => 'sổ Excel được đặt mật khẩu (mã hóa): hãy gỡ mật khẩu (File › Info › Protect Workbook) và lưu lại',
    en: () => 'the workbook is password-protected (encrypted): remove the password and save it again',
  },
  'too-large': {
    vi: (a) =>
      a.reason === 'cell-text'
        ? `ô có hơn ${s(a.limit)} ký tự (giới hạn của một ô Excel): không đọc ô này; đơn vị của dòng này không được chấm, các dòng khác vẫn được chấm`
        : `tệp vượt giới hạn ${LIMIT_VI[s(a.reason)] ?? s(a.reason)}: ${a.actual !== undefined ? `${s(a.actual)} > ` : 'tối đa '}${s(a.limit)}${a.flag ? ` (nâng bằng ${s(a.flag)})` : ''}`,
    en: (a) =>
      a.reason === 'cell-text'
        ? `the cell holds more than ${s(a.limit)} characters (the most an Excel cell holds): it is not read; this row's unit is not scored, the other rows are`
        : `the file exceeds the ${LIMIT_EN[s(a.reason)] ?? s(a.reason)} limit: ${a.actual !== undefined ? `${s(a.actual)} > ` : 'at most '}${s(a.limit)}${a.flag ? ` (raise with ${s(a.flag)})` : ''}`,
  },
  'header-not-found': {
    vi: () => 'không tìm thấy dòng tiêu đề bảng (các cột "Mã", "Số liệu báo cáo"… hoặc "Mã đơn vị" và mã tiêu chí)',
    en: () => 'the table header row was not found (columns "Mã", "Số liệu báo cáo"… or "Mã đơn vị" and item ids)',
  },
  'unit-unknown': {
    vi: () => 'không xác định được đơn vị: ô "Mã đơn vị" trống hoặc không có',
    en: () => 'the unit cannot be identified: "Mã đơn vị" is missing or blank',
  },
  'unit-not-registered': {
    vi: (a) => `đơn vị "${s(a.unit)}" không có trong danh sách đơn vị đăng ký (${s(a.tier)})`,
    en: (a) => `unit "${s(a.unit)}" is not in the units file (${s(a.tier)})`,
  },
  'tier-mismatch': {
    vi: (a) => `phiếu ghi đối tượng "${s(a.found)}" nhưng ${a.expected ? `cần "${s(a.expected)}"` : 'không có đối tượng này trong bảng tiêu chí'}`,
    en: (a) => `the workbook says tier "${s(a.found)}" but ${a.expected ? `"${s(a.expected)}" is expected` : 'the criteria have no such tier'}`,
  },
  'phase-mismatch': {
    vi: (a) => `phiếu thuộc giai đoạn "${s(a.found)}" nhưng đang chấm giai đoạn "${s(a.expected)}"`,
    en: (a) => `the workbook is for phase "${s(a.found)}" but phase "${s(a.expected)}" is being scored`,
  },
  'duplicate-entry': {
    vi: (a) => a.award !== undefined ? `quyết định về ${s(a.award)} cho đơn vị ${s(a.unit)} được ghi hai lần: tại đây và tại ${s(a.other)}` : `tiêu chí ${s(a.item)} của đơn vị ${s(a.unit)} được khai hai lần: tại đây và tại ${s(a.other)}`,
    en: (a) => a.award !== undefined ? `the decision on ${s(a.award)} for unit ${s(a.unit)} is given twice: here and at ${s(a.other)}` : `item ${s(a.item)} of unit ${s(a.unit)} is given twice: here and at ${s(a.other)}`,
  },
  'unknown-item': {
    vi: (a) => `mã tiêu chí "${s(a.item)}" không có trong bảng tiêu chí của đối tượng ${s(a.tier)} (giai đoạn ${s(a.phase)})`,
    en: (a) => `item id "${s(a.item)}" is not in tier ${s(a.tier)}'s table (phase ${s(a.phase)})`,
  },
  'missing-value': {
    vi: (a) => `tiêu chí ${s(a.item)}${col(a, 'vi')} bỏ trống: tính 0 điểm${a.critical ? ' (tiêu chí bắt buộc — không đạt)' : ''}`,
    en: (a) => `item ${s(a.item)}${col(a, 'en')} is blank: it scores 0${a.critical ? ' (a critical item — failed)' : ''}`,
  },
  'bad-value': {
    vi: (a) => `tiêu chí ${s(a.item)}${col(a, 'vi')}: giá trị "${s(a.value)}" không hợp lệ — cần ${a.column === 'self' || a.column === 'assessed' ? 'số điểm' : a.expected === 'choice' ? `ghi đúng một trong các mức: ${s(a.choices)}` : expectVi(s(a.expected))}`,
    en: (a) => `item ${s(a.item)}${col(a, 'en')}: value "${s(a.value)}" is not valid — expected ${a.column === 'self' || a.column === 'assessed' ? 'points' : a.expected === 'choice' ? `one of the levels: ${s(a.choices)}` : expectEn(s(a.expected))}`,
  },
  'out-of-range': {
    vi: (a, l) => `tiêu chí ${s(a.item)}${col(a, 'vi')}: giá trị ${num(a.value, l)} nằm ngoài khoảng cho phép ${num(a.min, l)}–${a.max === undefined ? '…' : num(a.max, l)}`,
    en: (a) => `item ${s(a.item)}${col(a, 'en')}: value ${s(a.value)} is outside the allowed range ${s(a.min)}–${a.max === undefined ? '…' : s(a.max)}`,
  },
  'suspect-percent': {
    vi: (a, l) => `tiêu chí ${s(a.item)}${col(a, 'vi')}: tỷ lệ ghi là ${num(a.value, l)} — có phải ${num(Math.round(Number(a.value) * 10000) / 100, l)} % không? Tỷ lệ ghi theo thang 0–100 (85 nghĩa là 85 %); đã chấm theo ${num(a.value, l)} %, hãy sửa lại nếu cần`,
    en: (a) => `item ${s(a.item)}${col(a, 'en')}: the rate is ${s(a.value)} — was ${Math.round(Number(a.value) * 10000) / 100}% meant? Rates are on a 0–100 scale (85 means 85%); scored as ${s(a.value)}%, correct it if needed`,
  },
  'self-score-invalid': {
    vi: (a, l) => `tiêu chí ${s(a.item)}${col(a, 'vi')}: điểm tự chấm "${num(a.value, l)}" không hợp lệ${a.max !== undefined ? ` (từ 0 đến ${num(a.max, l)})` : ''}; chỉ để đối chiếu nên không ảnh hưởng kết quả chấm`,
    en: (a) => `item ${s(a.item)}${col(a, 'en')}: self points "${s(a.value)}" are not valid${a.max !== undefined ? ` (0 to ${s(a.max)})` : ''}; they are for comparison only and do not change the score`,
  },
  'empty-form': {
    vi: (a) => `phiếu của đơn vị ${s(a.unit)} gửi về còn trống (chưa điền số liệu, điểm tự chấm hay điểm thẩm định): coi như chưa nộp`,
    en: (a) => `the form of unit ${s(a.unit)} came back empty (no value, self points or assessed points): treated as not submitted`,
  },
  'formula-not-calculated': {
    vi: (a) => `ô chứa công thức chưa được tính (=${s(a.formula)}): hãy mở tệp bằng Excel, nhấn F9 rồi lưu lại`,
    en: (a) => `the cell holds a formula that was never calculated (=${s(a.formula)}): open the file in Excel, press F9 and save`,
  },
  'criteria-changed': {
    vi: () => 'phiếu được tạo từ phiên bản khác của bảng tiêu chí; đã đọc theo mã tiêu chí — hãy kiểm tra lại',
    en: () => 'the workbook was made from another version of the criteria; it was read by item id — please check',
  },
  'self-score-differs': {
    vi: (a, l) => `${a.item ? `tiêu chí ${s(a.item)}` : 'tổng điểm'}: đơn vị tự chấm ${num(a.self, l)}, tính được ${num(a.computed, l)}`,
    en: (a) => `${a.item ? `item ${s(a.item)}` : 'total'}: self-assessed ${s(a.self)}, computed ${s(a.computed)}`,
  },
  'not-submitted': {
    vi: (a) => `đơn vị ${s(a.unit)} – ${s(a.name)} (${s(a.tier)}) chưa nộp phiếu`,
    en: (a) => `unit ${s(a.unit)} – ${s(a.name)} (${s(a.tier)}) sent nothing`,
  },
  'legacy-encoding': {
    vi: (a) => `văn bản dùng bảng mã cũ ${s(a.encoding).toUpperCase()} (phông ${s(a.font)}); đã chuyển sang Unicode: "${s(a.text)}"`,
    en: (a) => `text in the legacy ${s(a.encoding).toUpperCase()} encoding (font ${s(a.font)}); converted to Unicode: "${s(a.text)}"`,
  },
  'lock-file-skipped': {
    vi: () => 'bỏ qua tệp khóa tạm của Excel (~$…)',
    en: () => "skipped Excel's lock file (~$…)",
  },
  'path-skipped': {
    vi: (a) =>
      ({
        'dir-link': `bỏ qua liên kết tượng trưng tới thư mục${a.target ? ` ${s(a.target)}` : ''}: chỉ đọc các thư mục nằm thật trong thư mục đã chỉ`,
        'broken-link': 'bỏ qua liên kết tượng trưng trỏ tới nơi không có',
        'link-loop': 'bỏ qua liên kết tượng trưng lặp vòng',
        special: `bỏ qua ${SPECIAL_VI[s(a.detail)] ?? SPECIAL_VI.other}: không phải tệp thường`,
      })[s(a.reason)] ?? `bỏ qua (${s(a.reason)})`,
    en: (a) =>
      ({
        'dir-link': `skipped a symbolic link to a folder${a.target ? ` ${s(a.target)}` : ''}: only folders really inside the one named are read`,
        'broken-link': 'skipped a symbolic link to nothing',
        'link-loop': 'skipped a symbolic link loop',
        special: `skipped ${SPECIAL_EN[s(a.detail)] ?? SPECIAL_EN.other}: not a regular file`,
      })[s(a.reason)] ?? `skipped (${s(a.reason)})`,
  },
  'units-file': {
    vi: (a) => ({ 'unknown-tier': `đơn vị ${s(a.unit)} thuộc đối tượng "${s(a.tier)}" không có trong bảng tiêu chí`, header: 'không tìm thấy dòng tiêu đề (id, name, tier…) trong tệp đơn vị', 'missing-field': `dòng ${s(a.row)} thiếu ${s(a.field)}` })[s(a.reason)] ?? s(a.detail),
    en: (a) => ({ 'unknown-tier': `unit ${s(a.unit)} is of tier "${s(a.tier)}", which the criteria do not have`, header: 'no header row (id, name, tier…) in the units workbook', 'missing-field': `row ${s(a.row)} lacks ${s(a.field)}` })[s(a.reason)] ?? s(a.detail),
  },
  'decision-unknown': {
    vi: (a) =>
      ({
        phase: `tệp quyết định ghi giai đoạn "${s(a.phase)}" nhưng đang chấm giai đoạn "${s(a.expected)}"`,
        unit: `không có đơn vị "${s(a.unit)}" trong kết quả chấm (quyết định về ${s(a.award)})`,
        'not-scored': `đơn vị ${s(a.unit)} không được chấm điểm (chưa nộp hoặc phiếu có lỗi): không áp dụng quyết định về ${s(a.award)}`,
        award: `đối tượng ${s(a.tier)} của đơn vị ${s(a.unit)} không có hình thức khen thưởng "${s(a.award)}" trong giai đoạn ${s(a.phase)}${a.known ? ` (có: ${s(a.known)})` : ''}`,
      })[s(a.what)] ?? s(a.what),
    en: (a) =>
      ({
        phase: `the decisions file is for phase "${s(a.phase)}" but phase "${s(a.expected)}" is being scored`,
        unit: `no unit "${s(a.unit)}" in the results (decision on ${s(a.award)})`,
        'not-scored': `unit ${s(a.unit)} was not scored (nothing sent, or errors): the decision on ${s(a.award)} does not apply`,
        award: `tier ${s(a.tier)} of unit ${s(a.unit)} has no award "${s(a.award)}" in phase ${s(a.phase)}${a.known ? ` (it has: ${s(a.known)})` : ''}`,
      })[s(a.what)] ?? s(a.what),
  },
  'quota-zero': {
    vi: (a) =>
      `hình thức khen thưởng ${s(a.award)} (đối tượng ${s(a.tier)}, giai đoạn ${s(a.phase)}): tỷ lệ ${s(a.share)} × số đơn vị làm tròn xuống bằng 0 ở mọi ${a.blocks ? `khối (${s(a.blocks)} khối, lớn nhất ${s(a.largest)} đơn vị)` : `đối tượng (${s(a.largest)} đơn vị)`}: không đơn vị nào có thể được đề nghị — tăng tỷ lệ hoặc dùng per_block`,
    en: (a) =>
      `award ${s(a.award)} (tier ${s(a.tier)}, phase ${s(a.phase)}): share ${s(a.share)} × units rounds down to 0 in every ${a.blocks ? `block (${s(a.blocks)} blocks, the largest has ${s(a.largest)} units)` : `tier (${s(a.largest)} units)`}: no unit can ever be proposed — raise the share or use per_block`,
  },
} satisfies Record<Code, Record<Lang, Wording>>;

/** The form column a finding is in, by its header: " (cột Điểm tự chấm)". */
function col(a: MessageArgs, lang: Lang): string {
  const c = a.column;
  if (c !== 'value' && c !== 'self' && c !== 'assessed') return '';
  const name = lang === 'vi' ? { value: 'Số liệu báo cáo', self: 'Điểm tự chấm', assessed: 'Điểm thẩm định' }[c] : { value: 'Số liệu báo cáo — reported value', self: 'Điểm tự chấm — self points', assessed: 'Điểm thẩm định — assessed points' }[c];
  return lang === 'vi' ? ` (cột ${name})` : ` (column ${name})`;
}

function expectVi(e: string): string {
  return ({ yes_no: 'Có/Không (hoặc Đạt/Không đạt, x, 1/0)', percent: 'tỷ lệ % từ 0 đến 100', count: 'số nguyên không âm', number: 'một số', points: 'số điểm' } as Record<string, string>)[e] ?? e;
}
function expectEn(e: string): string {
  return ({ yes_no: 'yes/no (Có/Không, x, 1/0)', percent: 'a percentage 0–100', count: 'a whole number ≥ 0', number: 'a number', points: 'points' } as Record<string, string>)[e] ?? e;
}

/** The message of a diagnostic in a language. */
export function formatMessage(d: Pick<Diagnostic, 'code' | 'args'>, lang: Lang): string {
  return MESSAGES[d.code][lang](d.args, lang);
}
