/* generated from schemas/ by scripts/gen-types.mjs — do not edit */

/**
 * Total of the regular groups' maxima — Tổng điểm tối đa của các nhóm tiêu chí chính
 */
export type PhaseNumber =
  | number
  | {
      [k: string]: number;
    };
/**
 * Group maximum — Điểm tối đa của nhóm
 */
export type PhaseNumber1 =
  | number
  | {
      [k: string]: number;
    };
/**
 * A number, or a map phase id → number — Một số, hoặc bảng mã giai đoạn → số
 *
 * This interface was referenced by `CriteriaFile`'s JSON-Schema
 * via the `definition` "phaseNumber".
 */
export type PhaseNumber2 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Lowest value accepted (number input) — Giá trị nhỏ nhất được nhận (số)
 */
export type PhaseNumber3 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Highest points (input: points) or highest value accepted (number input) — Điểm tối đa (chấm trực tiếp) hoặc giá trị lớn nhất được nhận (số)
 */
export type PhaseNumber4 =
  | number
  | {
      [k: string]: number;
    };
/**
 * yes_no: points for yes — yes_no: điểm khi đạt
 */
export type PhaseNumber5 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Lowest value of this step — Giá trị tối thiểu của bậc
 */
export type PhaseNumber6 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Points of this step — Điểm của bậc
 */
export type PhaseNumber7 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Highest value of this step — Giá trị tối đa của bậc
 */
export type PhaseNumber8 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Points of this step — Điểm của bậc
 */
export type PhaseNumber9 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Value that earns full points — Chỉ tiêu đạt điểm tối đa
 */
export type PhaseNumber10 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Full points — Điểm tối đa
 */
export type PhaseNumber11 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Values under this score 0 — Dưới mức này được 0 điểm
 */
export type PhaseNumber12 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Points for each one — Điểm cho mỗi đơn vị
 */
export type PhaseNumber13 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Cap — Điểm tối đa
 */
export type PhaseNumber14 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Points of this level — Điểm của mức
 */
export type PhaseNumber15 =
  | number
  | {
      [k: string]: number;
    };
/**
 * Points of this case — Điểm của trường hợp
 */
export type PhaseNumber16 =
  | number
  | {
      [k: string]: number;
    };

/**
 * Points table of an emulation movement — Bảng điểm phong trào thi đua
 */
export interface CriteriaFile {
  /**
   * Schema location, for editors — Đường dẫn lược đồ, dùng cho trình soạn thảo
   */
  $schema?: string;
  /**
   * File format and version — Định dạng và phiên bản tệp
   */
  format: 'thidua.criteria/v1';
  /**
   * The movement — Phong trào thi đua
   */
  movement: {
    /**
     * Movement id: lowercase letters, digits, hyphens — Mã phong trào: chữ thường, số, gạch nối
     */
    id: string;
    /**
     * Movement title — Tên phong trào
     */
    title: string;
    /**
     * Issuing body — Cơ quan ban hành
     */
    issuer: string;
    /**
     * Place written before the date of the board's documents (e.g. "Gia Lai") — Địa danh ghi trước ngày tháng trên văn bản (vd "Gia Lai")
     */
    place?: string;
    /**
     * Decision or plan number — Số quyết định, kế hoạch
     */
    decision?: string;
  };
  /**
   * Phases of the plan — Các giai đoạn của kế hoạch
   *
   * @minItems 1
   */
  phases: {
    /**
     * Phase id — Mã giai đoạn
     */
    id: string;
    /**
     * Phase title — Tên giai đoạn
     */
    title: string;
    /**
     * First day (YYYY-MM-DD) — Ngày bắt đầu (YYYY-MM-DD)
     */
    from?: string;
    /**
     * Last day (YYYY-MM-DD) — Ngày kết thúc (YYYY-MM-DD)
     */
    to?: string;
  }[];
  /**
   * Tag families: family id → values — Các họ nhãn: mã họ → danh sách nhãn
   */
  tags?: {
    /**
     * A tag family — Một họ nhãn
     */
    [k: string]: {
      /**
       * Family title — Tên họ nhãn
       */
      title: string;
      /**
       * Values of the family — Các nhãn
       *
       * @minItems 1
       */
      values: {
        /**
         * Tag id — Mã nhãn
         */
        id: string;
        /**
         * Tag title — Tên nhãn
         */
        title: string;
      }[];
    };
  };
  /**
   * Default class bands, highest first — Các mức xếp loại chung, từ cao xuống thấp
   *
   * @minItems 1
   */
  classes: Class[];
  /**
   * Tiers of participants — Các đối tượng thi đua
   *
   * @minItems 1
   */
  tiers: Tier[];
}
/**
 * A class band (xếp loại) — Mức xếp loại
 *
 * This interface was referenced by `CriteriaFile`'s JSON-Schema
 * via the `definition` "class".
 */
export interface Class {
  /**
   * Class id — Mã xếp loại
   */
  id: string;
  /**
   * Class title — Tên xếp loại
   */
  title: string;
  /**
   * Lowest total of this band — Tổng điểm tối thiểu của mức
   */
  min: number;
  /**
   * Each regular top-level group must score at least this share of its max — Mỗi nhóm tiêu chí chính phải đạt tối thiểu tỷ lệ này so với điểm tối đa của nhóm
   */
  min_share_each?: number;
  /**
   * Further conditions, every one needed for this class: {item|group: ID, min_points|max_points: N} or {group: ID, min_share: s}; a unit failing one is classed in the next band down — Điều kiện thêm, phải đạt tất cả để được xếp loại này: {item|group: MÃ, min_points|max_points: N} hoặc {group: MÃ, min_share: s}; không đạt thì xếp mức thấp hơn
   *
   * @minItems 1
   */
  requires?: Requirement[];
}
/**
 * One condition of a class on an item's or group's points — Một điều kiện về điểm của tiêu chí hoặc nhóm
 *
 * This interface was referenced by `CriteriaFile`'s JSON-Schema
 * via the `definition` "requirement".
 */
export interface Requirement {
  /**
   * Item id — Mã tiêu chí
   */
  item?: string;
  /**
   * Group id (a penalty group's points are the points deducted) — Mã nhóm (điểm của nhóm điểm trừ là số điểm bị trừ)
   */
  group?: string;
  /**
   * At least this many points — Đạt ít nhất số điểm này
   */
  min_points?: number;
  /**
   * At most this many points (max_points: 0 on a penalty group: no deduction) — Không quá số điểm này (max_points: 0 ở nhóm điểm trừ: không bị trừ điểm)
   */
  max_points?: number;
  /**
   * Group only: at least this share of its max — Chỉ cho nhóm: đạt ít nhất tỷ lệ này so với điểm tối đa
   */
  min_share?: number;
}
/**
 * A tier of participants with its own points table — Đối tượng thi đua với bảng điểm riêng
 *
 * This interface was referenced by `CriteriaFile`'s JSON-Schema
 * via the `definition` "tier".
 */
export interface Tier {
  /**
   * Tier id — Mã đối tượng thi đua
   */
  id: string;
  /**
   * Tier title — Tên đối tượng thi đua
   */
  title: string;
  /**
   * form: one workbook per unit; roster: one row per unit — form: mỗi đơn vị một phiếu; roster: danh sách, mỗi đơn vị một dòng
   */
  layout: 'form' | 'roster';
  max: PhaseNumber;
  /**
   * Phases in which this exists; absent means every phase — Các giai đoạn áp dụng; bỏ trống là mọi giai đoạn
   *
   * @minItems 1
   */
  phases?: string[];
  /**
   * Replaces the default class bands for this tier — Thay các mức xếp loại chung cho đối tượng này
   *
   * @minItems 1
   */
  classes?: Class[];
  /**
   * Highest class for a unit that failed a critical item — Xếp loại cao nhất khi không đạt tiêu chí bắt buộc
   */
  critical_cap?: string;
  /**
   * Rank inside each block (khối/cụm) or across the tier — Xếp hạng trong từng khối/cụm hoặc toàn đối tượng
   */
  rank_by?: 'block' | 'tier';
  /**
   * Keys that order equal totals — Tiêu chí phân định khi bằng điểm
   */
  tie_break?: string[];
  /**
   * Awards, applied in this order — Khen thưởng, xét theo thứ tự này
   */
  awards?: Award[];
  /**
   * Top-level groups — Các nhóm tiêu chí
   *
   * @minItems 1
   */
  criteria: Group[];
}
/**
 * An award proposed to the best units — Hình thức khen thưởng đề nghị cho các đơn vị dẫn đầu
 *
 * This interface was referenced by `CriteriaFile`'s JSON-Schema
 * via the `definition` "award".
 */
export interface Award {
  /**
   * Award id — Mã hình thức khen thưởng
   */
  id: string;
  /**
   * Award title — Tên hình thức khen thưởng
   */
  title: string;
  /**
   * How many per block (or tier) — Số lượng mỗi khối (hoặc đối tượng)
   */
  per_block?: number;
  /**
   * Share of the units registered in the block (floor) — Tỷ lệ trên số đơn vị đăng ký trong khối (làm tròn xuống)
   */
  share?: number;
  /**
   * Lowest class that may receive it — Xếp loại tối thiểu
   */
  min_class?: string;
  /**
   * Units holding any of these awards are skipped — Không xét đơn vị đã được đề nghị các hình thức này
   */
  exclusive_of?: string[];
  /**
   * Phases the award exists in; absent in the others (all phases when left out) — Các giai đoạn có hình thức khen thưởng này; không có ở giai đoạn khác (bỏ trống: mọi giai đoạn)
   *
   * @minItems 1
   */
  phases?: string[];
}
/**
 * A group of criteria; it scores the sum of its children, capped at max — Nhóm tiêu chí; điểm nhóm là tổng điểm các tiêu chí con, không quá max
 *
 * This interface was referenced by `CriteriaFile`'s JSON-Schema
 * via the `definition` "group".
 */
export interface Group {
  /**
   * Group id, unique in its tier (e.g. "1", "T", "D") — Mã nhóm, không trùng trong đối tượng (vd "1", "T", "D")
   */
  id: string;
  /**
   * Group title — Tên nhóm tiêu chí
   */
  title: string;
  /**
   * Notes — Ghi chú
   */
  description?: string;
  /**
   * regular (default), bonus (added) or penalty (subtracted) — regular (mặc định), bonus (điểm thưởng) hoặc penalty (điểm trừ)
   */
  kind?: 'regular' | 'bonus' | 'penalty';
  max: PhaseNumber1;
  /**
   * Phases in which this exists; absent means every phase — Các giai đoạn áp dụng; bỏ trống là mọi giai đoạn
   *
   * @minItems 1
   */
  phases?: string[];
  /**
   * Labels by tag family: family id → value id — Nhãn theo họ nhãn: mã họ → mã nhãn
   */
  tags?: {
    /**
     * A value id of that tag family — Mã nhãn thuộc họ nhãn đó
     */
    [k: string]: string;
  };
  /**
   * Items, or further groups (an entry with its own items) — Các tiêu chí, hoặc nhóm con (mục có items riêng)
   *
   * @minItems 1
   */
  items: (Item | Group)[];
}
/**
 * A criterion scored from one value — Tiêu chí chấm từ một số liệu
 *
 * This interface was referenced by `CriteriaFile`'s JSON-Schema
 * via the `definition` "item".
 */
export interface Item {
  /**
   * Item id, unique in its tier (e.g. "1.2") — Mã tiêu chí, không trùng trong đối tượng (vd "1.2")
   */
  id: string;
  /**
   * What is measured — Nội dung tiêu chí
   */
  title: string;
  /**
   * Guidance for the unit filling it in — Hướng dẫn cho đơn vị tự chấm
   */
  description?: string;
  /**
   * Evidence the unit should attach — Minh chứng cần có
   */
  evidence?: string;
  /**
   * Kind of value reported: yes_no, percent (0–100), count (whole ≥ 0), number, points (assessed directly), choice (one of choices); absent for an item scored by cases — Loại số liệu: yes_no (có/không), percent (tỷ lệ 0–100), count (số đếm), number (số), points (chấm trực tiếp), choice (chọn một mức trong choices); bỏ trống khi tiêu chí tính theo cases
   */
  input?: 'yes_no' | 'percent' | 'count' | 'number' | 'points' | 'choice';
  /**
   * Unit of a count or number (e.g. "lớp") — Đơn vị tính (vd "lớp")
   */
  unit?: string;
  min?: PhaseNumber3;
  max?: PhaseNumber4;
  /**
   * Scoring 0 caps the class (critical_cap) — Tiêu chí bắt buộc: đạt 0 điểm thì bị giới hạn xếp loại
   */
  critical?: boolean;
  /**
   * Only records a figure (count, number…): no rule, no points; cases and templates use it — Chỉ ghi nhận số liệu: không tính điểm; dùng cho cases và phiếu
   */
  info?: boolean;
  /**
   * Phases in which this exists; absent means every phase — Các giai đoạn áp dụng; bỏ trống là mọi giai đoạn
   *
   * @minItems 1
   */
  phases?: string[];
  /**
   * Labels by tag family: family id → value id — Nhãn theo họ nhãn: mã họ → mã nhãn
   */
  tags?: {
    /**
     * A value id of that tag family — Mã nhãn thuộc họ nhãn đó
     */
    [k: string]: string;
  };
  points?: PhaseNumber5;
  /**
   * Points of the highest min reached; listed from the highest min down — Điểm theo bậc: bậc có min cao nhất đạt được; liệt kê từ min cao xuống thấp
   *
   * @minItems 1
   */
  steps?: {
    min: PhaseNumber6;
    points: PhaseNumber7;
  }[];
  /**
   * Lower is better: points of the lowest max the value stays under; listed from the lowest max up — Càng thấp càng tốt: điểm của bậc max thấp nhất mà số liệu không vượt; liệt kê từ max thấp lên cao
   *
   * @minItems 1
   */
  steps_below?: {
    max: PhaseNumber8;
    points: PhaseNumber9;
  }[];
  /**
   * points × min(value / target, 1); 0 under zero_below — điểm × min(số liệu / chỉ tiêu, 1); 0 điểm khi dưới zero_below
   */
  linear?: {
    target: PhaseNumber10;
    points: PhaseNumber11;
    zero_below?: PhaseNumber12;
  };
  /**
   * points × value, capped at max — điểm × số lượng, tối đa max
   */
  per_item?: {
    points: PhaseNumber13;
    max?: PhaseNumber14;
  };
  /**
   * input: choice — the levels a unit picks from, each with its points; typed as the title or the id — input: choice — các mức để đơn vị chọn, mỗi mức một số điểm; ghi tên mức hoặc mã mức
   *
   * @minItems 1
   */
  choices?: {
    /**
     * Level id — Mã mức
     */
    id: string;
    /**
     * What the level says, as the unit reads it — Nội dung mức, như đơn vị đọc
     */
    title: string;
    points: PhaseNumber15;
  }[];
  /**
   * Points from other items' values: the first case whose every condition holds, else 0 — Điểm tính từ số liệu của các tiêu chí khác: trường hợp đầu tiên thỏa mọi điều kiện, không có thì 0 điểm
   *
   * @minItems 1
   */
  cases?: {
    /**
     * Item id → condition on its value; all must hold — Mã tiêu chí → điều kiện về số liệu; phải thỏa tất cả
     */
    when: {
      /**
       * min, max (inclusive) or equals (a number, yes/no, or a choice id) — min, max (tính cả biên) hoặc equals (số, có/không, hoặc mã mức)
       */
      [k: string]: {
        /**
         * Value at least — Số liệu tối thiểu
         */
        min?: number;
        /**
         * Value at most — Số liệu tối đa
         */
        max?: number;
        /**
         * Value equal to — Số liệu bằng
         */
        equals?: number | string | boolean;
      };
    };
    points: PhaseNumber16;
  }[];
  /**
   * Take the value from another tier's results instead of the unit's workbook (SPEC §11) — Lấy số liệu từ kết quả của đối tượng cấp dưới thay vì phiếu của đơn vị
   */
  from?: {
    /**
     * The child tier whose units belong to this unit (e.g. ho_gia_dinh) — Đối tượng cấp dưới (vd ho_gia_dinh)
     */
    tier: string;
    /**
     * share: percent of children classed in `classes`; count: children classed in `classes` or holding one of `awards`; mean: mean total of scored children (or of `item`'s points); sum: sum of `item`'s value — share: tỷ lệ % đơn vị cấp dưới đạt xếp loại trong classes; count: số đơn vị đạt (hoặc được khen thưởng awards); mean: điểm trung bình; sum: tổng số liệu của item
     */
    measure: 'share' | 'count' | 'mean' | 'sum';
    /**
     * Class ids of the child tier that count (share, count) — Các xếp loại được tính
     *
     * @minItems 1
     */
    classes?: string[];
    /**
     * Award ids of the child tier that count (count) — Các hình thức khen thưởng được tính
     *
     * @minItems 1
     */
    awards?: string[];
    /**
     * An item of the child tier (mean of its points, sum of its value) — Tiêu chí của đối tượng cấp dưới (điểm trung bình, tổng số liệu)
     */
    item?: string;
    /**
     * share's denominator: submitted (default), scored, registered (units file), or item:ID (a count this unit reported itself, e.g. its number of households) — Mẫu số của tỷ lệ: submitted (mặc định, số đơn vị đã nộp), scored (đã chấm), registered (đăng ký), hoặc item:MÃ (số liệu đơn vị tự báo cáo, vd tổng số hộ)
     */
    of?: string;
  };
}
