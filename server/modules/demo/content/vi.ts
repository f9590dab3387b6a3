import type { LanguageContent } from './types.ts';

/**
 * Vietnamese. Agents write in the usual customer-care register: they call
 * themselves "em", open with "Dạ", address the customer as anh (men) or
 * chị (women) followed by the given name, and end sentences with "ạ".
 */
export const vi: LanguageContent = {
  locale: 'vi',
  scenarios: {
    late_delivery: {
      subject: 'Đơn hàng {order} vẫn chưa được giao',
      lines: [
        { by: 'customer', text: 'Chào bên bạn,\n\nTôi đặt một chiếc sofa cách đây hai tuần (đơn {order}) mà trang theo dõi vẫn báo "đang vận chuyển". Lúc đặt hàng bên bạn hẹn giao vào thứ Sáu tuần trước. Nhờ bạn kiểm tra giúp tôi với.\n\n{fullname}' },
        { by: 'note', text: 'Đơn vị vận chuyển báo kiện hàng bị kẹt ở kho phân loại do nhãn bị rách. Đã yêu cầu giao lại ưu tiên.' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nEm xin lỗi vì để {c:anh|chị} phải chờ lâu. Bên vận chuyển đã tìm thấy sofa của {c:anh|chị} ở kho phân loại, do nhãn hàng bị hỏng nên bị giữ lại. Hiện đơn đã được hẹn giao vào thứ Năm, từ 9:00 đến 12:00. Khung giờ này có tiện cho {c:anh|chị} không ạ?\n\nTrân trọng,\n{agent}' },
        { by: 'customer', text: 'Sáng thứ Năm được nhé, nhà tôi có người. Cảm ơn bạn.' },
        { by: 'agent', status: 'solved', text: 'Dạ em đã xác nhận lịch giao sáng thứ Năm ạ. Tài xế sẽ gọi cho {c:anh|chị} khoảng 30 phút trước khi đến. Nếu cần hỗ trợ thêm, {c:anh|chị} cứ liên hệ bên em nhé.\n\n{agent}' },
      ],
    },
    refund_request: {
      subject: 'Chưa nhận được tiền hoàn cho máy pha cà phê',
      lines: [
        { by: 'customer', text: 'Chào bạn, tôi đã gửi trả máy pha cà phê của đơn {order} từ ngày 3 và đã nhận được xác nhận là hàng về kho. Đã 10 ngày rồi mà tôi vẫn chưa thấy tiền hoàn vào thẻ. Khi nào tôi nhận được tiền ạ?' },
        { by: 'note', text: 'Hàng trả về đã kiểm tra, tình trạng tốt. Lệnh hoàn tiền không được tạo tự động vì phiếu trả hàng không liên kết với giao dịch thanh toán. Đã hoàn tiền thủ công.' },
        { by: 'agent', status: 'solved', text: 'Dạ em chào {c:anh|chị} {name},\n\nCảm ơn {c:anh|chị} đã kiên nhẫn chờ. Bên em đã nhận máy trả về trong tình trạng tốt, nhưng hệ thống không tự động tạo lệnh hoàn tiền, đây là lỗi của bên em. Em vừa hoàn lại toàn bộ số tiền vào thẻ {c:anh|chị} đã dùng để thanh toán. Thông thường ngân hàng cần 3–5 ngày làm việc để hiển thị ạ.\n\nTrân trọng,\n{agent}' },
        { by: 'customer', text: 'Cảm ơn bạn, tôi đã thấy giao dịch đang chờ xử lý trên thẻ rồi.' },
        { by: 'agent', status: 'solved', text: 'Dạ vâng ạ. Một lần nữa em xin lỗi {c:anh|chị} vì sự bất tiện này.\n\n{agent}' },
      ],
    },
    wrong_size: {
      subject: 'Giao nhầm kích thước nệm',
      lines: [
        { by: 'customer', text: 'Tôi đặt nệm 1m6 x 2m nhưng hôm nay giao tới lại là nệm 1m5 x 2m, không vừa khung giường. Nhờ bên bạn đổi giúp tôi.' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nEm rất xin lỗi vì sự nhầm lẫn này. {c:Anh|Chị} chụp giúp em tấm nhãn ở cạnh nệm được không ạ? Khi nhận được ảnh, em sẽ sắp xếp đổi hàng: tài xế sẽ mang nệm đúng kích thước đến và nhận lại nệm cũ, {c:anh|chị} không mất phí gì ạ.\n\n{agent}' },
        { by: 'customer', text: 'Tôi gửi ảnh rồi nhé, trên nhãn ghi 150 x 200.' },
        { by: 'note', text: 'Kho lấy nhầm mã hàng (MT-150 thay vì MT-160). Đã đặt lịch đổi, miễn phí.' },
        { by: 'agent', status: 'solved', text: 'Dạ em cảm ơn {c:anh|chị} {name}. Lịch đổi nệm là sáng thứ Bảy ạ. Tài xế sẽ đổi nệm ngay tại nhà, {c:anh|chị} không cần đóng gói lại nệm cũ. Một lần nữa em xin lỗi vì sự phiền phức này.\n\n{agent}' },
      ],
    },
    billing_question: {
      subject: 'Bị trừ tiền hai lần cho một đơn hàng',
      lines: [
        { by: 'customer', text: 'Chào bạn, sao kê thẻ của tôi có hai lần trừ tiền cho đơn {order}, cùng một số tiền. Tôi chỉ đặt một đơn thôi. Nhờ bạn kiểm tra và hoàn lại khoản bị trừ trùng.' },
        { by: 'note', text: 'Cổng thanh toán ghi nhận một lần trừ tiền và một lần tạm giữ từ lần thanh toán lỗi. Khoản tạm giữ sẽ tự hủy, không cần hoàn tiền.' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nEm đã kiểm tra với đơn vị thanh toán: thực tế chỉ có một lần trừ tiền thôi ạ. Dòng thứ hai là khoản tạm giữ từ lần thanh toán đầu tiên bị lỗi, ngân hàng sẽ tự động giải phóng trong vòng 7 ngày. Nếu sau 7 ngày khoản này vẫn còn, {c:anh|chị} phản hồi lại giúp em, em sẽ làm việc với ngân hàng ạ.\n\n{agent}' },
      ],
    },
    password_reset: {
      subject: 'Không đăng nhập được tài khoản',
      lines: [
        { by: 'customer', text: 'Tôi không đăng nhập được. Tôi đã bấm "Quên mật khẩu" ba lần mà không nhận được email đặt lại mật khẩu nào cả.' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nEmail đặt lại mật khẩu đã bị bộ lọc thư rác của nhà cung cấp email trả về ạ. Em đã gỡ chặn phía bên em và vừa gửi lại đường link mới, link có hiệu lực trong 1 giờ. {c:Anh|Chị} kiểm tra hộp thư (cả thư mục spam) và báo lại giúp em nhé.\n\n{agent}' },
        { by: 'customer', text: 'Được rồi, tôi đăng nhập được rồi. Cảm ơn bạn nhiều!' },
        { by: 'agent', status: 'solved', text: 'Dạ vâng ạ. Chúc {c:anh|chị} một ngày tốt lành!\n\n{agent}' },
      ],
    },
    product_defect: {
      subject: 'Máy lọc không khí kêu to bất thường',
      lines: [
        { by: 'customer', text: 'Máy lọc không khí tôi mua tháng trước (đơn {order}) bắt đầu kêu lạch cạch rất to khi bật mức gió cao nhất. Ở các mức thấp hơn thì vẫn êm. Như vậy có bình thường không?' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nHiện tượng này không bình thường ạ. {c:Anh|Chị} thử giúp em: rút điện, tháo bộ lọc ra và kiểm tra xem lớp bọc nilon của bộ lọc có bị bung ra hay có vật gì kẹt ở lưới quạt không. Nếu vẫn còn tiếng kêu, {c:anh|chị} quay giúp em một video ngắn, em sẽ sắp xếp đổi máy mới ạ.\n\n{agent}' },
        { by: 'customer', text: 'Tôi kiểm tra rồi, bộ lọc bình thường, không có gì kẹt cả. Máy vẫn kêu. Tôi đã gửi video.' },
        { by: 'note', text: 'Video cho thấy lỗi bạc đạn quạt, đúng lỗi đã biết ở lô sản xuất 2403. Duyệt đổi máy theo bảo hành.' },
        { by: 'agent', status: 'solved', text: 'Dạ em cảm ơn {c:anh|chị} đã gửi video. Máy bị lỗi bạc đạn quạt nên bên em sẽ đổi máy mới cho {c:anh|chị}. Thứ Ba này nhân viên giao hàng sẽ mang máy mới đến và nhận lại máy cũ. {c:Anh|Chị} giữ lại bộ lọc nhé, bộ lọc dùng được cho máy mới ạ.\n\n{agent}' },
      ],
    },
    installation_visit: {
      subject: 'Hẹn lịch lắp đặt máy lạnh',
      lines: [
        { by: 'customer', text: 'Chào bạn, máy lạnh tôi đặt (đơn {order}) đã giao hôm qua. Khi nào kỹ thuật viên có thể đến lắp? Ngày thường tôi ở nhà sau 4 giờ chiều, thứ Bảy thì cả ngày.' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nLịch sớm nhất là thứ Bảy, từ 9:00 đến 12:00 ạ. Việc lắp đặt mất khoảng 3 tiếng. {c:Anh|Chị} vui lòng chuẩn bị ổ điện cách dàn lạnh không quá 1,5 m. Em đặt lịch này cho {c:anh|chị} nhé?\n\n{agent}' },
        { by: 'customer', text: 'Vâng, bạn đặt giúp tôi sáng thứ Bảy nhé.' },
        { by: 'note', text: 'Đã đặt đội kỹ thuật B, thứ Bảy 9–12 giờ. Cần thêm 4 m ống đồng.' },
        { by: 'agent', status: 'solved', text: 'Dạ em đã đặt lịch xong ạ. Sáng thứ Bảy kỹ thuật viên sẽ gọi cho {c:anh|chị} trước khi đến. Phần ống đồng đi thêm đã nằm trong gói lắp đặt nên {c:anh|chị} không phải trả thêm chi phí nào ạ.\n\n{agent}' },
      ],
    },
    warranty_claim: {
      subject: 'Máy giặt không thoát nước – yêu cầu bảo hành',
      lines: [
        { by: 'customer', text: 'Máy giặt nhà tôi không thoát nước, nước đọng trong lồng và màn hình báo lỗi E21. Máy mới dùng 14 tháng, chắc vẫn còn bảo hành 2 năm đúng không?' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nLỗi E21 thường do lưới lọc bơm xả bị tắc ạ. Lưới lọc nằm sau nắp nhỏ ở phía dưới mặt trước của máy. {c:Anh|Chị} thử vệ sinh giúp em nhé (nhớ lót khăn vì sẽ có nước chảy ra). Nếu máy vẫn báo lỗi, bên em sẽ cử kỹ thuật viên đến sửa theo chế độ bảo hành ạ.\n\n{agent}' },
        { by: 'customer', text: 'Tôi vệ sinh lưới lọc rồi, có một đồng xu bị kẹt trong đó. Giờ máy chạy bình thường rồi!' },
        { by: 'agent', status: 'solved', text: 'Dạ tốt quá ạ! Đồng xu là nguyên nhân rất hay gặp. Nếu có vấn đề gì khác, {c:anh|chị} cứ liên hệ bên em nhé.\n\n{agent}' },
      ],
    },
    address_change: {
      subject: 'Đổi địa chỉ giao hàng',
      lines: [
        { by: 'customer', text: 'Chào bạn, tôi vừa đặt đơn {order} nhưng lại nhập địa chỉ cũ. Bạn đổi giúp tôi sang địa chỉ công ty được không?' },
        { by: 'agent', status: 'pending', text: 'Dạ em chào {c:anh|chị} {name},\n\nĐược ạ, đơn hàng vẫn chưa rời kho. {c:Anh|Chị} gửi giúp em địa chỉ mới đầy đủ và số điện thoại để tài xế liên hệ nhé.\n\n{agent}' },
        { by: 'customer', text: 'Địa chỉ mới: tầng 12, tòa nhà A, 99 Nguyễn Huệ, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh. Số điện thoại như trong đơn hàng.' },
        { by: 'agent', status: 'solved', text: 'Dạ em đã cập nhật địa chỉ giao hàng rồi ạ. Tài xế sẽ gọi vào số điện thoại cũ trước khi giao, và {c:anh|chị} sẽ nhận được email xác nhận mới trong vài phút nữa.\n\n{agent}' },
      ],
    },
    product_question: {
      subject: 'Hỏi về bàn ăn Oslo trước khi đặt hàng',
      lines: [
        { by: 'customer', text: 'Bàn ăn Oslo có loại dài 1m8 không bạn? Nếu đặt bây giờ thì có giao kịp trước cuối tháng không?' },
        { by: 'agent', status: 'solved', text: 'Dạ em chào {c:anh|chị} {name},\n\nBàn Oslo có hai kích thước 1m6 và 1m8, màu gỗ sồi và gỗ óc chó ạ. Loại 1m8 màu gỗ sồi đang có sẵn hàng nên có thể giao trong vòng 5 ngày làm việc. {c:Anh|Chị} có thể đặt trên website, hoặc nhắn lại cho em, em sẽ tạo đơn giúp {c:anh|chị} ạ.\n\n{agent}' },
      ],
    },
    invoice_request: {
      subject: 'Xuất hóa đơn VAT cho công ty',
      lines: [
        { by: 'customer', text: 'Chào bạn, nhờ bạn xuất hóa đơn VAT cho đơn {order} theo thông tin công ty tôi. Tôi đã gửi kèm tên công ty, địa chỉ và mã số thuế.' },
        { by: 'note', text: 'Đã tra cứu mã số thuế trên cổng thông tin của cơ quan thuế. Đã xuất hóa đơn điện tử mới, hủy hóa đơn cũ.' },
        { by: 'agent', status: 'solved', text: 'Dạ em chào {c:anh|chị} {name},\n\nHóa đơn VAT theo thông tin công ty đã được đính kèm trong tin nhắn này, hóa đơn cũ bên em đã hủy ạ. Nếu bộ phận kế toán cần thêm chứng từ gì, {c:anh|chị} cứ báo em nhé.\n\n{agent}' },
      ],
    },
  },
  customers: [
    ['Nguyễn Văn Hùng', 'Hùng', 'hung.nguyen', 'm'],
    ['Nguyễn Thị Mai', 'Mai', 'mai.nguyen', 'f'],
    ['Trần Quốc Bảo', 'Bảo', 'bao.tran', 'm'],
    ['Trần Ngọc Ánh', 'Ánh', 'anh.tran', 'f'],
    ['Lê Minh Tuấn', 'Tuấn', 'tuan.le', 'm'],
    ['Lê Thu Hà', 'Hà', 'ha.le', 'f'],
    ['Phạm Đức Thắng', 'Thắng', 'thang.pham', 'm'],
    ['Phạm Phương Linh', 'Linh', 'linh.pham', 'f'],
    ['Hoàng Văn Nam', 'Nam', 'nam.hoang', 'm'],
    ['Hoàng Thị Hương', 'Hương', 'huong.hoang', 'f'],
    ['Võ Thanh Tùng', 'Tùng', 'tung.vo', 'm'],
    ['Võ Bảo Trâm', 'Trâm', 'tram.vo', 'f'],
    ['Đặng Quang Huy', 'Huy', 'huy.dang', 'm'],
    ['Đặng Thùy Dung', 'Dung', 'dung.dang', 'f'],
    ['Bùi Tiến Dũng', 'Dũng', 'dung.bui', 'm'],
    ['Bùi Thanh Hằng', 'Hằng', 'hang.bui', 'f'],
    ['Đỗ Hoàng Long', 'Long', 'long.do', 'm'],
    ['Huỳnh Kim Ngân', 'Ngân', 'ngan.huynh', 'f'],
    ['Ngô Gia Khánh', 'Khánh', 'khanh.ngo', 'm'],
    ['Lý Mỹ Duyên', 'Duyên', 'duyen.ly', 'f'],
    ['Dương Minh Trí', 'Trí', 'tri.duong', 'm'],
    ['Phan Hồng Nhung', 'Nhung', 'nhung.phan', 'f'],
  ],
};
