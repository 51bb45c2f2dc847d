/* generated from schemas/ by scripts/gen-types.mjs — do not edit */

/**
 * Units registered in an emulation movement — Danh sách đơn vị đăng ký thi đua
 */
export interface UnitsFile {
  /**
   * Schema location, for editors — Đường dẫn lược đồ, dùng cho trình soạn thảo
   */
  $schema?: string;
  /**
   * File format and version — Định dạng và phiên bản tệp
   */
  format: 'thidua.units/v1';
  /**
   * The units — Các đơn vị
   */
  units: {
    /**
     * Unit id (Mã đơn vị) — Mã đơn vị
     */
    id: string | number;
    /**
     * Unit name — Tên đơn vị
     */
    name: string;
    /**
     * Tier id — Mã đối tượng thi đua
     */
    tier: string;
    /**
     * Block (khối/cụm thi đua) — Khối, cụm thi đua
     */
    block?: string;
    /**
     * Id of the unit above — Mã đơn vị cấp trên
     */
    parent?: string | number;
    /**
     * Phases in which this exists; absent means every phase — Các giai đoạn áp dụng; bỏ trống là mọi giai đoạn
     *
     * @minItems 1
     */
    phases?: string[];
    /**
     * Id the unit continues under after a merger — Mã đơn vị kế thừa sau sáp nhập
     */
    successor?: string | number;
  }[];
}
