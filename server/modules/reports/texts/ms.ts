import type { ReportTexts } from './types.ts';

export const ms: ReportTexts = {
  subject: 'Laporan mingguan {team}: {week}',
  heading: '{team} — minggu {week}',
  intro: 'Helo {name}, berikut prestasi {team} minggu lepas ({week}) berbanding keseluruhan {workspace}, bersama minggu sebelumnya sebagai perbandingan.',
  columns: { metric: 'Ukuran', team: '{team}', workspace: 'Seluruh ruang kerja', lastWeek: 'minggu lepas', weekBefore: 'minggu sebelumnya' },
  metrics: {
    created: 'Tiket dibuka',
    solved: 'Tiket diselesaikan',
    backlog: 'Tiket terbuka pada hujung minggu',
    firstReplyBusiness: 'Balasan pertama, median (waktu bekerja)',
    firstReplyCalendar: 'Balasan pertama, median (waktu kalendar)',
    resolution: 'Penyelesaian, median',
    slaAttainment: 'Sasaran SLA dicapai',
    reopenRate: 'Dibuka semula',
    oneTouchRate: 'Selesai dengan satu balasan',
    csat: 'Pelanggan berpuas hati (CSAT)',
    nps: 'Net Promoter Score',
  },
  n: 'n = {n}',
  flaggedAgents: 'Ejen pasukan di bawah had kawalan bawah: {names}',
  link: 'Buka papan pemuka',
  weekNote: 'Minggu bermula Isnin 00:00 hingga Isnin berikutnya 00:00 ({zone}). — bermaksud tiada data.',
  definitions: 'n ialah bilangan tiket atau jawapan yang menjadi asas sesuatu angka. Waktu bekerja hanya mengira jam bekerja.',
  optOut: 'Anda menerima laporan ini sebagai ketua {team}. Anda boleh mematikannya dalam profil anda.',
};
