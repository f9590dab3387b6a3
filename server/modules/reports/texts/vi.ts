import type { ReportTexts } from './types.ts';

export const vi: ReportTexts = {
  subject: 'Báo cáo tuần của {team}: {week}',
  heading: '{team} — tuần {week}',
  intro: 'Xin chào {name}, đây là kết quả của {team} trong tuần trước ({week}) so với toàn bộ {workspace}, kèm số liệu của tuần trước đó để so sánh.',
  columns: { metric: 'Chỉ số', team: '{team}', workspace: 'Toàn bộ không gian làm việc', lastWeek: 'tuần trước', weekBefore: 'tuần trước đó' },
  metrics: {
    created: 'Phiếu được tạo',
    solved: 'Phiếu đã giải quyết',
    backlog: 'Phiếu còn mở cuối tuần',
    firstReplyBusiness: 'Phản hồi đầu tiên, trung vị (giờ làm việc)',
    firstReplyCalendar: 'Phản hồi đầu tiên, trung vị (giờ lịch)',
    resolution: 'Thời gian giải quyết, trung vị',
    slaAttainment: 'Đạt mục tiêu SLA',
    reopenRate: 'Bị mở lại',
    oneTouchRate: 'Giải quyết với một lần trả lời',
    csat: 'Khách hàng hài lòng (CSAT)',
    nps: 'Chỉ số Net Promoter Score',
  },
  n: 'n = {n}',
  flaggedAgents: 'Nhân viên của nhóm dưới giới hạn kiểm soát dưới: {names}',
  link: 'Mở bảng điều khiển',
  weekNote: 'Mỗi tuần tính từ 00:00 thứ Hai đến 00:00 thứ Hai tuần sau ({zone}). Dấu — nghĩa là không có dữ liệu.',
  definitions: 'n là số phiếu hoặc câu trả lời làm cơ sở cho mỗi số liệu. Giờ làm việc chỉ tính thời gian trong ca làm việc.',
  optOut: 'Bạn nhận được báo cáo này với vai trò trưởng nhóm {team}. Bạn có thể tắt báo cáo trong hồ sơ của mình.',
};
