/** SPEC §14's three forms on a district Youth Union's kind of table. */
export const YAML = `format: thidua.criteria/v1
movement: { id: doan-huyen, title: Bảng điểm thi đua năm, issuer: Huyện đoàn }
phases: [ { id: n2025, title: Năm 2025 } ]
classes:
  - id: vmxs
    title: Vững mạnh xuất sắc
    min: 90
    requires: [ { group: D, max_points: 0 }, { item: "1.1", min_points: 5 } ]
  - id: vm
    title: Vững mạnh
    min: 80
    requires: [ { group: "3", min_share: 0.8 } ]
  - { id: kha, title: Khá, min: 50 }
  - { id: tb, title: Trung bình, min: 0 }
tiers:
  - id: co_so
    title: Đoàn cơ sở
    layout: form
    max: 100
    criteria:
      - id: "1"
        title: Công tác chỉ đạo
        max: 20
        items:
          - id: "1.1"
            title: Xây dựng chương trình công tác năm và tổ chức hội nghị triển khai
            input: choice
            choices:
              - { id: du, title: "Có chương trình năm và hội nghị triển khai cho 100% cơ sở", points: 5 }
              - { id: ct, title: "Có chương trình năm, không tổ chức hội nghị", points: 3 }
              - { id: khong, title: "Không xây dựng chương trình năm", points: 0 }
          - { id: "1.2", title: Tỷ lệ đoàn viên được học tập nghị quyết, input: percent, steps: [ { min: 90, points: 15 }, { min: 70, points: 10 } ] }
      - id: "2"
        title: Chế độ thông tin báo cáo
        max: 8
        items:
          - { id: "2.a", title: Số báo cáo tháng còn thiếu, input: count, info: true }
          - { id: "2.b", title: Số báo cáo quý còn thiếu, input: count, info: true }
          - id: "2.1"
            title: Gửi báo cáo đầy đủ, đúng hạn
            cases:
              - { when: { "2.a": { max: 0 }, "2.b": { max: 0 } }, points: 8 }
              - { when: { "2.a": { max: 2 }, "2.b": { max: 0 } }, points: 6 }
              - { when: { "2.a": { max: 3 }, "2.b": { max: 1 } }, points: 4 }
      - { id: "3", title: Kết quả thực hiện nhiệm vụ, max: 72, items: [ { id: "3.1", title: Điểm thẩm định, input: points, max: 72 } ] }
      - { id: D, title: Điểm trừ, kind: penalty, max: 10, items: [ { id: D.1, title: Đoàn viên bị kỷ luật, input: count, per_item: { points: 5 } } ] }
`;

