/* generated from schemas/ by scripts/gen-types.mjs — do not edit */

/**
 * What the emulation council decided about the proposed awards of one phase — Quyết định của Hội đồng Thi đua – Khen thưởng về các đề nghị khen thưởng của một giai đoạn
 */
export interface DecisionsFile {
  /**
   * Schema location, for editors — Đường dẫn lược đồ, dùng cho trình soạn thảo
   */
  $schema?: string;
  /**
   * File format and version — Định dạng và phiên bản tệp
   */
  format: 'thidua.decisions/v1';
  /**
   * The phase decided on (a phase id of the criteria) — Giai đoạn được xét (mã giai đoạn trong bảng tiêu chí)
   */
  phase: string;
  /**
   * One entry per unit and award — Mỗi dòng một đơn vị và một hình thức khen thưởng
   */
  decisions: Decision[];
}
/**
 * One decision of the council — Một quyết định của Hội đồng
 *
 * This interface was referenced by `DecisionsFile`'s JSON-Schema
 * via the `definition` "decision".
 */
export interface Decision {
  /**
   * Unit id — Mã đơn vị
   */
  unit: string | number;
  /**
   * Award id of the unit's tier — Mã hình thức khen thưởng của đối tượng
   */
  award: string;
  /**
   * true: give the award (settling a tie, or beyond the quota); false: withhold a proposed one — true: khen thưởng (kể cả khi đồng hạng ở ngưỡng hoặc vượt chỉ tiêu); false: không khen thưởng dù đã được đề nghị
   */
  grant: boolean;
  /**
   * Why, as the minutes say (shown in every output) — Lý do, theo biên bản (ghi trong mọi kết quả)
   */
  reason: string;
}
