/* generated from schemas/ by scripts/gen-types.mjs — do not edit */

/**
 * Results of `thidua score` — Kết quả chấm điểm
 */
export interface ResultsFile {
  /**
   * Format — Định dạng
   */
  format: 'thidua.results/v1';
  /**
   * Movement id — Mã phong trào
   */
  movement: string;
  /**
   * Phase id — Mã giai đoạn
   */
  phase: string;
  /**
   * Report date, when fixed — Ngày báo cáo
   */
  date: string | null;
  /**
   * Tool — Công cụ
   */
  tool: {
    /**
     * name
     */
    name: string;
    /**
     * version
     */
    version: string;
  };
  criteria: File;
  /**
   * Units file — Tệp đơn vị
   */
  units_file: File | null;
  /**
   * Workbooks read — Các tệp đã đọc
   */
  inputs: File[];
  /**
   * Tiers — Các đối tượng
   */
  tiers: {
    /**
     * Tier id — Mã đối tượng
     */
    id: string;
    /**
     * Tier title — Tên đối tượng
     */
    title: string;
    /**
     * Layout — Dạng phiếu
     */
    layout: 'form' | 'roster';
    /**
     * Maximum — Điểm tối đa
     */
    max: number;
    /**
     * Ranking scope — Phạm vi xếp hạng
     */
    rank_by: 'block' | 'tier';
    /**
     * Counts — Số liệu tổng hợp
     */
    stats: {
      /**
       * Registered in the units file — Số đăng ký
       */
      registered: number | null;
      /**
       * Units that sent something — Số đã nộp
       */
      submitted: number;
      /**
       * Scored — Số đã chấm
       */
      scored: number;
      /**
       * Rejected — Số bị loại
       */
      rejected: number;
      /**
       * Registered and silent — Số chưa nộp
       */
      not_submitted: number;
      /**
       * Mean total of scored units — Điểm trung bình
       */
      mean: number | null;
      /**
       * Units per class — Số đơn vị theo xếp loại
       */
      classes: {
        [k: string]: number;
      };
      /**
       * Units per award — Số đơn vị theo khen thưởng
       */
      awards: {
        [k: string]: number;
      };
    };
    /**
     * Blocks in listing order — Các khối
     */
    blocks: string[];
    /**
     * Award lists per award and block (SPEC §9) — Danh sách đề nghị khen thưởng
     */
    award_lists: AwardList[];
    /**
     * Units — Các đơn vị
     */
    units: Unit[];
  }[];
  /**
   * Findings — Lỗi và cảnh báo
   */
  diagnostics: Diagnostic[];
}
/**
 * A file and its digest — Tệp và mã băm
 *
 * This interface was referenced by `ResultsFile`'s JSON-Schema
 * via the `definition` "file".
 */
export interface File {
  /**
   * File — Tệp
   */
  path: string;
  /**
   * SHA-256
   */
  sha256: string;
}
/**
 * Units proposed for one award in one block (or the tier) — Danh sách đề nghị một hình thức khen thưởng
 *
 * This interface was referenced by `ResultsFile`'s JSON-Schema
 * via the `definition` "award_list".
 */
export interface AwardList {
  /**
   * Award id — Mã hình thức khen thưởng
   */
  award: string;
  /**
   * Block, or null for the whole tier — Khối
   */
  block: string | null;
  /**
   * Quota — Chỉ tiêu
   */
  quota: number;
  /**
   * Units that hold the award, in rank order: those proposed, with the council's decisions applied when there are any — Đơn vị được khen thưởng/đề nghị, theo thứ hạng
   */
  units: string[];
  /**
   * Units tied across the quota's edge — Đồng hạng ở ngưỡng
   */
  ties: string[];
  /**
   * The council's decisions on this award in this block, when there are any — Quyết định của Hội đồng (nếu có)
   */
  decided?: Decision[];
}
/**
 * A council decision on one award of a unit (SPEC §12) — Quyết định của Hội đồng về một hình thức khen thưởng
 *
 * This interface was referenced by `ResultsFile`'s JSON-Schema
 * via the `definition` "decision".
 */
export interface Decision {
  /**
   * Unit id (in award_lists) — Mã đơn vị
   */
  unit?: string;
  /**
   * Award id — Mã hình thức khen thưởng
   */
  award: string;
  /**
   * true: granted; false: withheld — true: khen thưởng; false: không khen thưởng
   */
  grant: boolean;
  /**
   * Reason — Lý do
   */
  reason: string;
}
/**
 * A unit's result — Kết quả của một đơn vị
 *
 * This interface was referenced by `ResultsFile`'s JSON-Schema
 * via the `definition` "unit".
 */
export interface Unit {
  /**
   * Unit id — Mã đơn vị
   */
  id: string;
  /**
   * Unit name — Tên đơn vị
   */
  name: string;
  /**
   * Block — Khối thi đua
   */
  block: string | null;
  /**
   * The unit this one belongs to (SPEC §11), when known — Đơn vị cấp trên
   */
  parent?: string;
  /**
   * scored, rejected or not_submitted — đã chấm, bị loại, chưa nộp
   */
  status: 'scored' | 'rejected' | 'not_submitted';
  /**
   * Total points — Tổng điểm
   */
  total: number | null;
  /**
   * Total of the self points — Tổng điểm tự chấm
   */
  self_total: number | null;
  /**
   * Class id — Xếp loại
   */
  class: string | null;
  /**
   * Rank in block or tier — Thứ hạng
   */
  rank: number | null;
  /**
   * Critical items failed — Tiêu chí bắt buộc không đạt
   */
  critical_failed: string[];
  /**
   * Awards proposed — Đề nghị khen thưởng
   */
  awards: string[];
  /**
   * Awards tied across the quota's edge, for the board — Khen thưởng bằng điểm ở ngưỡng, Hội đồng quyết định
   */
  award_ties: string[];
  /**
   * The council's decisions on this unit, when there are any: its awards above already follow them (SPEC §12) — Quyết định của Hội đồng về đơn vị (nếu có); danh sách khen thưởng ở trên đã theo các quyết định này
   */
  decisions?: Decision[];
  /**
   * Why the unit got its class and not an award (scored units) — Giải trình xếp loại, khen thưởng
   */
  why?: Why[];
  /**
   * Points per group id — Điểm theo nhóm
   */
  groups: {
    [k: string]: number;
  };
  /**
   * Bonus points — Điểm thưởng
   */
  bonus: number | null;
  /**
   * Penalty points deducted — Điểm trừ
   */
  penalty: number | null;
  /**
   * Points per tag family and value — Điểm theo nhãn
   */
  tags: {
    [k: string]: {
      [k: string]: number;
    };
  };
  /**
   * Items by id — Các tiêu chí
   */
  items: {
    /**
     * An item's value and points — Số liệu và điểm của một tiêu chí
     */
    [k: string]: {
      /**
       * Value as reported (yes/no as true/false; a choice as its id; null when blank) — Số liệu báo cáo (mức lựa chọn ghi bằng mã mức)
       */
      value: number | boolean | string | null;
      /**
       * Points (assessed points where given) — Điểm
       */
      points: number;
      /**
       * Self points — Điểm tự chấm
       */
      self?: number | null;
      /**
       * Assessed points — Điểm thẩm định
       */
      assessed?: number | null;
      /**
       * Evidence and notes typed beside the item (form column "Minh chứng, ghi chú") — Minh chứng, ghi chú
       */
      note?: string | null;
      /**
       * How a roll-up item's value was computed from the child tier (SPEC §11): share = numerator/denominator in percent; count: denominator null; mean: sum over count — Cách tính từ kết quả đối tượng cấp dưới
       */
      from?: {
        /**
         * numerator — Tử số
         */
        numerator: number;
        /**
         * denominator — Mẫu số
         */
        denominator: number | null;
      };
    };
  };
  /**
   * Where the unit was read — Nơi đọc được
   */
  source: {
    /**
     * File — Tệp
     */
    path: string;
    /**
     * Sheet — Trang tính
     */
    sheet: string;
    /**
     * Row (rosters) — Dòng
     */
    row?: number;
  } | null;
  /**
   * Why a unit was rejected — Lý do bị loại
   */
  reasons?: Diagnostic[];
}
/**
 * One reason (SPEC §9) with its arguments — Một lý do
 *
 * This interface was referenced by `ResultsFile`'s JSON-Schema
 * via the `definition` "why".
 */
export interface Why {
  /**
   * Reason code — Mã lý do
   */
  code:
    | 'below-share'
    | 'critical-cap'
    | 'requirement-unmet'
    | 'award-class'
    | 'award-critical'
    | 'award-exclusive'
    | 'award-quota'
    | 'award-tie';
  /**
   * The reason in words, in the run's language — Lý do bằng lời
   */
  message: string;
  [k: string]: unknown;
}
/**
 * A finding — Một lỗi hoặc cảnh báo
 *
 * This interface was referenced by `ResultsFile`'s JSON-Schema
 * via the `definition` "diagnostic".
 */
export interface Diagnostic {
  /**
   * error or warning — lỗi hoặc cảnh báo
   */
  severity: 'error' | 'warning';
  /**
   * Diagnostic code (SPEC §7) — Mã lỗi
   */
  code: string;
  /**
   * Message in the report's language — Nội dung
   */
  message: string;
  /**
   * File — Tệp
   */
  path: string;
  /**
   * Sheet — Trang tính
   */
  sheet: string | null;
  /**
   * Cell, e.g. D14 — Ô, vd D14
   */
  cell: string | null;
  /**
   * Line (YAML files) — Dòng
   */
  line: number | null;
  /**
   * Column (YAML files) — Cột
   */
  column: number | null;
  /**
   * Unit id — Mã đơn vị
   */
  unit?: string;
  /**
   * Tier id — Mã đối tượng
   */
  tier?: string;
}
/**
 * An item's value and points — Số liệu và điểm của một tiêu chí
 *
 * This interface was referenced by `ResultsFile`'s JSON-Schema
 * via the `definition` "item".
 */
export interface Item {
  /**
   * Value as reported (yes/no as true/false; a choice as its id; null when blank) — Số liệu báo cáo (mức lựa chọn ghi bằng mã mức)
   */
  value: number | boolean | string | null;
  /**
   * Points (assessed points where given) — Điểm
   */
  points: number;
  /**
   * Self points — Điểm tự chấm
   */
  self?: number | null;
  /**
   * Assessed points — Điểm thẩm định
   */
  assessed?: number | null;
  /**
   * Evidence and notes typed beside the item (form column "Minh chứng, ghi chú") — Minh chứng, ghi chú
   */
  note?: string | null;
  /**
   * How a roll-up item's value was computed from the child tier (SPEC §11): share = numerator/denominator in percent; count: denominator null; mean: sum over count — Cách tính từ kết quả đối tượng cấp dưới
   */
  from?: {
    /**
     * numerator — Tử số
     */
    numerator: number;
    /**
     * denominator — Mẫu số
     */
    denominator: number | null;
  };
}
