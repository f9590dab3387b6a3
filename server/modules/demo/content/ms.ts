import type { LanguageContent } from './types.ts';

/**
 * Malay (Malaysia). Agents address customers as Encik (men) or Puan (women)
 * with their given name; customers write the plain, polite register of
 * customer-service mail and chat.
 */
export const ms: LanguageContent = {
  locale: 'ms',
  scenarios: {
    late_delivery: {
      subject: 'Pesanan {order} masih belum sampai',
      lines: [
        { by: 'customer', text: 'Salam,\n\nSaya telah memesan sebuah sofa dua minggu lalu (pesanan {order}), tetapi halaman penjejakan masih menunjukkan "dalam perjalanan". Penghantaran dijanjikan pada hari Jumaat lepas. Boleh tolong semak apa yang berlaku?\n\n{fullname}' },
        { by: 'note', text: 'Syarikat kurier mengesahkan bungkusan tersangkut di hab pengasingan kerana label rosak. Penghantaran segera telah dimohon.' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nMohon maaf atas kelewatan ini. Pihak kurier telah menemui sofa {c:Encik|Puan} di hab pengasingan mereka; labelnya rosak, jadi bungkusan itu tertahan. Penghantaran kini dijadualkan pada hari Khamis antara 9:00 pagi hingga 12:00 tengah hari. Adakah masa ini sesuai?\n\nSalam hormat,\n{agent}' },
        { by: 'customer', text: 'Khamis pagi boleh, ada orang di rumah. Terima kasih.' },
        { by: 'agent', status: 'solved', text: 'Baik, penghantaran pada pagi Khamis telah disahkan. Pemandu akan menelefon kira-kira 30 minit sebelum tiba. Jika ada apa-apa lagi, jangan segan untuk menghubungi kami.\n\n{agent}' },
      ],
    },
    refund_request: {
      subject: 'Bayaran balik untuk mesin kopi yang dipulangkan',
      lines: [
        { by: 'customer', text: 'Hai, saya telah memulangkan mesin kopi daripada pesanan {order} pada 3 haribulan dan menerima pengesahan bahawa ia sudah sampai di gudang. Sudah 10 hari tetapi bayaran balik masih belum masuk ke kad saya. Bila saya akan menerimanya?' },
        { by: 'note', text: 'Barang pulangan diterima dan diperiksa, keadaan baik. Bayaran balik tidak dicetuskan secara automatik kerana pulangan tidak dipautkan kepada pembayaran. Bayaran balik dibuat secara manual.' },
        { by: 'agent', status: 'solved', text: 'Salam {c:Encik|Puan} {name},\n\nTerima kasih atas kesabaran {c:Encik|Puan}. Mesin kopi yang dipulangkan telah kami terima dalam keadaan baik, tetapi bayaran balik tidak dimulakan secara automatik. Ini kesilapan pihak kami. Saya telah memproses bayaran balik penuh ke kad asal sebentar tadi. Biasanya bank mengambil masa 3–5 hari bekerja untuk memaparkannya.\n\nSalam hormat,\n{agent}' },
        { by: 'customer', text: 'Terima kasih, saya sudah nampak transaksi itu dalam status belum selesai di kad saya.' },
        { by: 'agent', status: 'solved', text: 'Sama-sama. Sekali lagi kami mohon maaf atas kesulitan ini.\n\n{agent}' },
      ],
    },
    wrong_size: {
      subject: 'Tilam yang dihantar salah saiz',
      lines: [
        { by: 'customer', text: 'Kami memesan tilam saiz queen (150 × 190 cm) tetapi yang dihantar hari ini bersaiz super single (107 × 190 cm). Tak muat dengan katil kami. Tolong tukarkan.' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nMohon maaf atas kesilapan ini. Boleh {c:Encik|Puan} hantarkan gambar label di tepi tilam? Selepas saya terima gambar itu, saya akan aturkan penukaran: pemandu akan membawa tilam saiz yang betul dan mengambil semula tilam yang salah tanpa sebarang caj.\n\n{agent}' },
        { by: 'customer', text: 'Gambar label sudah saya hantar, tertulis 107 × 190.' },
        { by: 'note', text: 'Gudang tersalah ambil SKU (MT-107 dan bukannya MT-150). Penukaran ditempah tanpa caj.' },
        { by: 'agent', status: 'solved', text: 'Terima kasih, {c:Encik|Puan} {name}. Penukaran telah ditetapkan pada pagi Sabtu. Pemandu akan menukar tilam di rumah, dan {c:Encik|Puan} tidak perlu membungkus semula tilam yang salah. Sekali lagi kami mohon maaf.\n\n{agent}' },
      ],
    },
    billing_question: {
      subject: 'Dicaj dua kali untuk satu pesanan',
      lines: [
        { by: 'customer', text: 'Hai, penyata kad saya menunjukkan dua caj untuk pesanan {order} dengan jumlah yang sama. Saya hanya membuat satu pesanan. Tolong semak dan pulangkan caj berganda itu.' },
        { by: 'note', text: 'Gerbang pembayaran: satu caj sebenar dan satu sekatan kebenaran daripada percubaan pertama yang gagal. Sekatan akan dilepaskan sendiri, tiada bayaran balik diperlukan.' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nSaya telah menyemak dengan penyedia pembayaran kami: hanya satu caj yang benar-benar dibuat. Baris kedua ialah sekatan sementara daripada percubaan pembayaran pertama yang gagal, dan bank akan melepaskannya secara automatik dalam masa 7 hari. Jika masih ada selepas seminggu, sila balas mesej ini dan saya akan uruskan dengan pihak bank.\n\n{agent}' },
      ],
    },
    password_reset: {
      subject: 'Tidak dapat log masuk ke akaun',
      lines: [
        { by: 'customer', text: 'Saya tidak dapat log masuk ke akaun saya. E-mel untuk menetapkan semula kata laluan langsung tidak sampai, sudah cuba tiga kali.' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nE-mel tetapan semula kata laluan telah ditolak oleh penapis spam penyedia e-mel {c:Encik|Puan}. Saya sudah membuang sekatan di pihak kami dan menghantar pautan baharu sebentar tadi; pautan ini sah selama satu jam. Boleh semak peti masuk (termasuk folder spam) dan maklumkan kepada saya jika berjaya?\n\n{agent}' },
        { by: 'customer', text: 'Dah boleh, saya sudah log masuk. Terima kasih!' },
        { by: 'agent', status: 'solved', text: 'Sama-sama! Semoga hari {c:Encik|Puan} menyenangkan.\n\n{agent}' },
      ],
    },
    product_defect: {
      subject: 'Penulen udara berbunyi kuat',
      lines: [
        { by: 'customer', text: 'Penulen udara yang saya beli bulan lepas (pesanan {order}) mula berbunyi berdetak-detak dengan kuat pada kelajuan kipas paling tinggi. Pada kelajuan rendah ia senyap. Adakah ini normal?' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nItu tidak normal. Sila cuba dahulu: cabut plag, keluarkan penapis dan periksa sama ada plastik pembalut penapis tertanggal atau ada sesuatu tersangkut pada gril kipas. Jika bunyi itu masih ada, hantarkan video pendek kepada saya dan saya akan aturkan penggantian.\n\n{agent}' },
        { by: 'customer', text: 'Sudah saya periksa, penapis elok dan tiada apa-apa yang tersangkut. Masih berbunyi. Video sudah dihantar.' },
        { by: 'note', text: 'Video menunjukkan galas kipas haus, masalah yang diketahui dalam kelompok pengeluaran 2403. Penggantian di bawah waranti diluluskan.' },
        { by: 'agent', status: 'solved', text: 'Terima kasih atas video itu, {c:Encik|Puan} {name}. Galas kipas rosak, jadi kami akan menggantikan unit tersebut. Kurier akan menghantar penulen udara baharu dan mengambil yang lama pada hari Selasa. Sila simpan penapis kerana ia boleh digunakan pada unit baharu.\n\n{agent}' },
      ],
    },
    installation_visit: {
      subject: 'Temu janji pemasangan penghawa dingin',
      lines: [
        { by: 'customer', text: 'Salam, penghawa dingin yang saya pesan (pesanan {order}) telah dihantar semalam. Bila juruteknik boleh datang untuk memasangnya? Saya ada di rumah pada hari bekerja selepas pukul 4 petang dan sepanjang hari Sabtu.' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nSlot paling awal ialah hari Sabtu, 9:00 pagi hingga 12:00 tengah hari. Pemasangan mengambil masa kira-kira 3 jam. Pastikan ada soket elektrik dalam jarak 1.5 m dari unit dalaman. Boleh saya tempah slot ini?\n\n{agent}' },
        { by: 'customer', text: 'Ya, tolong tempah pagi Sabtu.' },
        { by: 'note', text: 'Juruteknik pasukan B ditempah, Sabtu 9–12. Perlu paip tambahan 4 m.' },
        { by: 'agent', status: 'solved', text: 'Sudah ditempah! Juruteknik akan menelefon {c:Encik|Puan} pada pagi Sabtu sebelum datang. Paip tambahan sudah termasuk dalam pakej pemasangan, jadi tiada bayaran tambahan.\n\n{agent}' },
      ],
    },
    warranty_claim: {
      subject: 'Mesin basuh tidak mengeluarkan air (tuntutan waranti)',
      lines: [
        { by: 'customer', text: 'Mesin basuh saya tidak mengeluarkan air. Air bertakung dalam dram dan skrin menunjukkan ralat E21. Mesin ini baru 14 bulan, jadi sepatutnya masih dalam waranti 2 tahun, kan?' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nRalat E21 biasanya bermaksud penapis pam saliran tersumbat. Penapis itu terletak di sebalik penutup kecil di bahagian bawah hadapan mesin. Boleh {c:Encik|Puan} cuba bersihkannya? Letakkan tuala dahulu kerana sedikit air akan keluar. Jika ralat masih ada, kami akan hantar juruteknik di bawah waranti.\n\n{agent}' },
        { by: 'customer', text: 'Saya sudah bersihkan penapis, ada syiling tersangkut di dalamnya. Mesin dah berfungsi semula!' },
        { by: 'agent', status: 'solved', text: 'Berita baik! Syiling memang punca yang biasa. Jika ada apa-apa masalah lain, jangan segan untuk hubungi kami.\n\n{agent}' },
      ],
    },
    address_change: {
      subject: 'Tukar alamat penghantaran',
      lines: [
        { by: 'customer', text: 'Hai, saya baru sahaja membuat pesanan {order} tetapi tersilap masukkan alamat lama. Boleh tukar alamat penghantaran ke pejabat saya?' },
        { by: 'agent', status: 'pending', text: 'Salam {c:Encik|Puan} {name},\n\nTiada masalah, pesanan belum keluar dari gudang. Sila hantarkan alamat baharu yang lengkap dan nombor telefon yang boleh dihubungi oleh pemandu.\n\n{agent}' },
        { by: 'customer', text: 'Alamat baharu: Tingkat 12, Menara A, 99 Jalan Sultan Ismail, 50250 Kuala Lumpur. Nombor telefon sama seperti dalam pesanan.' },
        { by: 'agent', status: 'solved', text: 'Selesai. Alamat penghantaran sudah dikemas kini dan pemandu akan menghubungi nombor yang sama. {c:Encik|Puan} akan menerima e-mel pengesahan baharu dalam beberapa minit.\n\n{agent}' },
      ],
    },
    product_question: {
      subject: 'Pertanyaan tentang meja makan Oslo',
      lines: [
        { by: 'customer', text: 'Hai, adakah meja makan Oslo ada saiz 180 cm? Dan boleh dihantar sebelum hujung bulan ini?' },
        { by: 'agent', status: 'solved', text: 'Salam {c:Encik|Puan} {name},\n\nYa, meja Oslo ada dalam saiz 160 cm dan 180 cm, dalam kemasan kayu oak dan walnut. Versi oak 180 cm ada dalam stok, jadi penghantaran dalam masa 5 hari bekerja boleh dibuat. {c:Encik|Puan} boleh membuat pesanan di laman web, atau balas mesej ini dan saya akan buatkan pesanan untuk {c:Encik|Puan}.\n\n{agent}' },
      ],
    },
    invoice_request: {
      subject: 'Invois atas nama syarikat',
      lines: [
        { by: 'customer', text: 'Salam, boleh keluarkan semula invois untuk pesanan {order} atas nama syarikat kami? Saya lampirkan nama syarikat, alamat dan nombor pendaftaran SST.' },
        { by: 'note', text: 'Butiran syarikat disemak dengan rekod SSM. Invois baharu dikeluarkan; invois asal dibatalkan.' },
        { by: 'agent', status: 'solved', text: 'Salam {c:Encik|Puan} {name},\n\nInvois baharu atas nama syarikat {c:Encik|Puan} dilampirkan bersama mesej ini, dan invois asal telah dibatalkan. Maklumkan kepada saya jika bahagian akaun memerlukan apa-apa lagi.\n\n{agent}' },
      ],
    },
  },
  customers: [
    ['Ahmad Faizal bin Rahman', 'Faizal', 'faizal.rahman', 'm'],
    ['Siti Aminah binti Omar', 'Siti', 'siti.aminah', 'f'],
    ['Mohd Amirul bin Hassan', 'Amirul', 'amirul.hassan', 'm'],
    ['Nur Izzati binti Hassan', 'Izzati', 'izzati.hassan', 'f'],
    ['Muhammad Syafiq bin Yusof', 'Syafiq', 'syafiq.yusof', 'm'],
    ['Farah Nadia binti Kamal', 'Farah', 'farah.kamal', 'f'],
    ['Hakim bin Abdullah', 'Hakim', 'hakim.abdullah', 'm'],
    ['Aisyah binti Rahim', 'Aisyah', 'aisyah.rahim', 'f'],
    ['Azlan bin Omar', 'Azlan', 'azlan.omar', 'm'],
    ['Nadia binti Yusof', 'Nadia', 'nadia.yusof', 'f'],
    ['Firdaus bin Ismail', 'Firdaus', 'firdaus.ismail', 'm'],
    ['Zulaikha binti Ahmad', 'Zulaikha', 'zulaikha.ahmad', 'f'],
    ['Khairul Anuar bin Salleh', 'Khairul', 'khairul.salleh', 'm'],
    ['Noraini binti Sulaiman', 'Noraini', 'noraini.sulaiman', 'f'],
    ['Zulkifli bin Ahmad', 'Zulkifli', 'zulkifli.ahmad', 'm'],
    ['Rosnah binti Hashim', 'Rosnah', 'rosnah.hashim', 'f'],
    ['Razak bin Mahmud', 'Razak', 'razak.mahmud', 'm'],
    ['Liyana binti Zainal', 'Liyana', 'liyana.zainal', 'f'],
  ],
};
