"""The message catalog: every text a person reads, as (Bahasa Indonesia, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- configuration and database -------------------------------------------------------
    "config.missing": ("File pengaturan {path} tidak ada.", "Settings file {path} does not exist."),
    "config.unreadable": (
        "File pengaturan {path} tidak bisa dibaca: {reason}",
        "Settings file {path} cannot be read: {reason}",
    ),
    "config.bad_value": (
        "Pengaturan '{key}' di {path} harus berupa teks.",
        "Setting '{key}' in {path} must be text.",
    ),
    "config.bad_lang": (
        "Bahasa '{lang}' tidak dikenal; pilih id atau en.",
        "Unknown language '{lang}'; choose id or en.",
    ),
    "config.bad_till": (
        "Kode kasir '{till}' tidak sah: 1–6 huruf/angka, mis. K1.",
        "Till id '{till}' is not valid: 1–6 letters/digits, e.g. K1.",
    ),
    "db.missing": (
        "Database {path} tidak ada. Buat dengan 'gerai demo' atau 'gerai db upgrade'.",
        "Database {path} does not exist. Create it with 'gerai demo' or 'gerai db upgrade'.",
    ),
    "db.cannot_create": (
        "Database {path} tidak bisa dibuat: {reason}",
        "Database {path} cannot be created: {reason}",
    ),
    "db.cannot_open": (
        "Database {path} tidak bisa dibuka (periksa folder dan izin file).",
        "Database {path} cannot be opened (check the folder and file permissions).",
    ),
    "db.not_gerai": (
        "{path} bukan database gerai.",
        "{path} is not a gerai database.",
    ),
    "db.outdated": (
        "Database masih versi {revision}; jalankan 'gerai db upgrade' (versi {head}).",
        "Database is at version {revision}; run 'gerai db upgrade' (version {head}).",
    ),
    "db.locked": (
        "Database {path} sedang dipakai kasir lain terlalu lama; coba lagi. Tidak ada yang hilang.",
        "Database {path} is busy with another till for too long; try again. Nothing was lost.",
    ),
    "db.readonly": (
        "Database {path} hanya-baca; tidak bisa menyimpan. Periksa izin file.",
        "Database {path} is read-only; nothing can be saved. Check the file permissions.",
    ),
    "db.unreachable": (
        "Server database {path} tidak terjangkau; coba lagi. Keranjang tetap tersimpan.",
        "Database server {path} cannot be reached; try again. The cart is kept.",
    ),
    "db.conflict": (
        "Data bentrok dengan data yang ada: {detail}",
        "Conflicts with existing data: {detail}",
    ),
    "db.error": ("Kesalahan database {path}: {detail}", "Database error {path}: {detail}"),
    # --- shop settings --------------------------------------------------------------------
    "shop.bad_setting": (
        "Nilai '{value}' tidak sah untuk pengaturan toko '{key}'.",
        "Value '{value}' is not valid for shop setting '{key}'.",
    ),
    "shop.unknown_setting": (
        "Pengaturan toko '{key}' tidak dikenal.",
        "Unknown shop setting '{key}'.",
    ),
    # --- scanning, cart and pricing -------------------------------------------------------
    "scan.empty": ("Ketik atau pindai kode barang.", "Type or scan a product code."),
    "scan.no_code": (
        "'{text}': setelah * harus ada kode barang, mis. 3*8991234567895.",
        "'{text}': a product code must follow the *, e.g. 3*8991234567895.",
    ),
    "scan.bad_qty": (
        "Jumlah '{qty}' tidak sah. Contoh: 3*KODE, 1,5*KODE (maks. 3 desimal).",
        "Quantity '{qty}' is not valid. Examples: 3*CODE, 1.5*CODE (3 decimals at most).",
    ),
    "scan.unknown": (
        "Kode '{code}' tidak dikenal. Ketik nama barang untuk mencari.",
        "Code '{code}' is unknown. Type a product name to search.",
    ),
    "cart.qty_positive": (
        "Jumlah harus lebih dari 0 (diketik: {qty}).",
        "The quantity must be more than 0 (typed: {qty}).",
    ),
    "cart.qty_too_large": (
        "Jumlah {qty} terlalu besar; paling banyak {max} per baris.",
        "Quantity {qty} is too large; at most {max} per line.",
    ),
    "cart.qty_min": (
        "{name}: jumlah sudah 1; tekan Delete untuk menghapus baris.",
        "{name}: the quantity is already 1; press Delete to remove the line.",
    ),
    "cart.fraction_piece": (
        "{name} dijual per {unit}: jumlah harus bilangan bulat.",
        "{name} is sold per {unit}: the quantity must be a whole number.",
    ),
    "cart.limit": (
        "{name}: paling banyak {limit} per pembeli.",
        "{name}: at most {limit} per buyer.",
    ),
    "cart.out_of_stock": (
        "Stok {name} tidak cukup (sisa {stock}).",
        "Not enough {name} in stock ({stock} left).",
    ),
    "cart.inactive": ("{name} tidak dijual lagi.", "{name} is no longer sold."),
    "cart.no_line": ("Pilih dulu baris di keranjang.", "Select a cart line first."),
    "price.above_het": (
        "Harga {name} {price} melebihi HET {het}.",
        "The price of {name}, {price}, is above the HET ceiling {het}.",
    ),
    # --- members --------------------------------------------------------------------------
    "member.not_found": (
        "Anggota '{key}' tidak ditemukan (nomor anggota, telepon atau nama).",
        "Member '{key}' not found (member number, phone or name).",
    ),
    "member.inactive": (
        "Anggota {number} {name} tidak aktif.",
        "Member {number} {name} is not active.",
    ),
    "member.bad_nik": (
        "NIK '{nik}' punya {length} digit; NIK harus tepat 16 digit.",
        "NIK '{nik}' has {length} digits; a NIK must be exactly 16 digits.",
    ),
    # --- payment --------------------------------------------------------------------------
    "pay.empty_cart": ("Keranjang masih kosong.", "The cart is empty."),
    "pay.no_tender": ("Belum ada pembayaran.", "No payment given."),
    "pay.bad_method": (
        "Cara bayar '{method}' tidak dikenal: tunai, qris, transfer, kasbon.",
        "Unknown payment method '{method}': tunai, qris, transfer, kasbon.",
    ),
    "pay.kasbon_member_only": (
        "Kasbon hanya untuk anggota: tekan F2 untuk memilih anggota.",
        "Kasbon (member credit) is for members only: press F2 to attach a member.",
    ),
    "pay.negative": ("Jumlah bayar tidak boleh negatif.", "The amount paid cannot be negative."),
    "pay.too_large": (
        "Jumlah bayar {amount} tidak masuk akal.",
        "An amount of {amount} is not plausible.",
    ),
    "pay.not_number": (
        "'{text}' bukan jumlah uang. Contoh: 50000 atau 50.000; kosong = uang pas.",
        "'{text}' is not an amount. Examples: 50000 or 50.000; empty = exact amount.",
    ),
    "pay.noncash_over": (
        "Pembayaran {method} tidak boleh melebihi sisa tagihan {due}.",
        "A {method} payment cannot exceed the amount due, {due}.",
    ),
    "pay.too_little": (
        "Uang kurang {short} dari total {total}.",
        "{short} short of the total {total}.",
    ),
    # --- held carts -----------------------------------------------------------------------
    "held.empty": (
        "Keranjang kosong; tidak ada yang ditahan.",
        "The cart is empty; nothing to hold.",
    ),
    "held.cart_not_empty": (
        "Selesaikan atau tahan keranjang ini dulu.",
        "Finish or hold this cart first.",
    ),
    "held.missing": ("Keranjang tahanan itu sudah tidak ada.", "That held cart no longer exists."),
    "held.none": ("Tidak ada keranjang yang ditahan.", "No held carts."),
    # --- shifts ---------------------------------------------------------------------------
    "shift.not_open": (
        "Kasir {till} belum dibuka: buka kasir dengan modal awal dulu.",
        "Till {till} is not open: open it with the opening cash first.",
    ),
    "shift.already_open": ("Kasir {till} sudah dibuka.", "Till {till} is already open."),
    "shift.already_closed": (
        "Shift kasir {till} sudah ditutup; shift yang ditutup tidak bisa diubah.",
        "The shift of till {till} is already closed; a closed shift cannot change.",
    ),
    "shift.opening_required": (
        "Ketik modal awal (boleh 0).",
        "Type the opening cash (0 is allowed).",
    ),
    "shift.cart_not_empty": (
        "Selesaikan atau tahan keranjang dulu sebelum menutup kasir.",
        "Finish or hold the cart before closing the till.",
    ),
    "shift.not_closed": (
        "Shift kasir {till} belum ditutup.",
        "The shift of till {till} is not closed.",
    ),
    "shift.missing": ("Shift #{id} tidak ada.", "Shift #{id} does not exist."),
    "shift.negative": (
        "Jumlah {amount} negatif; harus 0 atau lebih.",
        "{amount} is negative; it must be 0 or more.",
    ),
    "shift.zero": ("Jumlah harus lebih dari 0.", "The amount must be more than 0."),
    "shift.reason_required": ("Tulis alasannya.", "Give a reason."),
    "shift.not_enough_cash": (
        "Tidak bisa mengeluarkan {amount}: di laci hanya {available}.",
        "Cannot take out {amount}: the drawer holds only {available}.",
    ),
    "shift.bad_denomination": ("{value} bukan pecahan uang.", "{value} is not a denomination."),
    "shift.negative_count": (
        "Jumlah lembar/keping {value} tidak boleh negatif ({pieces}).",
        "The count of {value} cannot be negative ({pieces}).",
    ),
    "shift.count_too_large": (
        "Jumlah lembar/keping {value} tidak masuk akal ({pieces}).",
        "The count of {value} is not plausible ({pieces}).",
    ),
    "shift.variance_reason": (
        "Ada selisih {variance}: tulis alasannya sebelum menutup.",
        "There is a variance of {variance}: give a reason before closing.",
    ),
    "shift.sign_off": (
        "Penutupan harus ditandatangani kasir dan dikonfirmasi bendahara.",
        "The close must be signed off by the kasir and confirmed by a bendahara.",
    ),
    # --- stock ----------------------------------------------------------------------------
    "stock.no_product": ("Barang #{id} tidak ada.", "Product #{id} does not exist."),
    # --- products and imports -------------------------------------------------------------
    "product.bad_code": (
        "Kode barang '{code}' hanya boleh huruf, angka dan - _ . /",
        "Product code '{code}' may only hold letters, digits and - _ . /",
    ),
    "product.bad_barcode": (
        "Barcode '{code}' tidak sah: 8, 12 atau 13 angka.",
        "Barcode '{code}' is not valid: 8, 12 or 13 digits.",
    ),
    "product.bad_check_digit": (
        "Barcode '{code}': digit pemeriksa EAN-13 salah.",
        "Barcode '{code}': the EAN-13 check digit is wrong.",
    ),
    "product.barcode_taken": (
        "Barcode {code} sudah dipakai barang {owner}.",
        "Barcode {code} already belongs to product {owner}.",
    ),
    "product.member_above_price": (
        "Harga anggota tidak boleh di atas harga biasa.",
        "The member price cannot be above the regular price.",
    ),
    "import.missing_columns": (
        "Kolom tidak ada: {columns}. Kolom yang dikenal: {expected}.",
        "Missing columns: {columns}. Known columns: {expected}.",
    ),
    "import.required": ("kolom {column} wajib diisi", "column {column} is required"),
    "import.too_long": (
        "terlalu panjang (maks. {limit} huruf)",
        "too long (at most {limit} characters)",
    ),
    "import.negative": (
        "'{value}' negatif; harus 0 atau lebih",
        "'{value}' is negative; must be 0 or more",
    ),
    "import.bad_money": (
        "'{value}' bukan jumlah Rupiah (contoh 12500)",
        "'{value}' is not a Rupiah amount (e.g. 12500)",
    ),
    "import.bad_qty": (
        "'{value}' bukan jumlah (contoh 2 atau 1.5, maks. 3 desimal)",
        "'{value}' is not a quantity (e.g. 2 or 1.5, 3 decimals at most)",
    ),
    "import.bad_percent": (
        "'{value}' bukan persen 0–100 (contoh 2.5)",
        "'{value}' is not a percentage 0–100 (e.g. 2.5)",
    ),
    "import.bad_flag": ("'{value}' bukan ya/tidak (1/0)", "'{value}' is not yes/no (1/0)"),
    "import.bad_date": ("'{value}' bukan tanggal YYYY-MM-DD", "'{value}' is not a date YYYY-MM-DD"),
    "import.bad_choice": (
        "'{value}' tidak dikenal; pilih {accepted}",
        "'{value}' unknown; choose {accepted}",
    ),
    "import.duplicate_in_file": (
        "'{value}' sudah ada di baris {row}",
        "'{value}' already appears in row {row}",
    ),
    "import.row_problem": ("baris {row}, {column}: {problem}", "row {row}, {column}: {problem}"),
    "import.refused": (
        "{count} masalah di file; tidak ada yang diimpor. Perbaiki file, atau pakai --skip-bad "
        "untuk mengimpor baris yang benar saja.",
        "{count} problems in the file; nothing was imported. Fix the file, or use --skip-bad "
        "to import only the good rows.",
    ),
    "import.done": (
        "{created} baru, {updated} diperbarui, {skipped} baris dilewati.",
        "{created} created, {updated} updated, {skipped} rows skipped.",
    ),
    "io.bad_format": (
        "Format '{format}' tidak dikenal; pilih {accepted}.",
        "Unknown format '{format}'; choose {accepted}.",
    ),
    "io.cannot_read": (
        "File {path} tidak bisa dibaca: {reason}",
        "File {path} cannot be read: {reason}",
    ),
    "io.cannot_write": (
        "File {path} tidak bisa ditulis: {reason}",
        "File {path} cannot be written: {reason}",
    ),
    "io.not_utf8": (
        "File {path} bukan teks UTF-8 (baris {line}). Simpan ulang sebagai 'CSV UTF-8'.",
        "File {path} is not UTF-8 text (line {line}). Save it again as 'CSV UTF-8'.",
    ),
    "io.bad_json": (
        "JSON di {path} rusak (baris {line}): {reason}",
        "Broken JSON in {path} (line {line}): {reason}",
    ),
    "io.json_not_list": (
        "JSON di {path} harus berupa daftar objek [{{...}}, ...].",
        "The JSON in {path} must be a list of objects [{{...}}, ...].",
    ),
    "io.bad_xlsx": (
        "{path} bukan file Excel (.xlsx) yang sah.",
        "{path} is not a valid Excel (.xlsx) file.",
    ),
    # --- payment methods --------------------------------------------------------------------
    "method.tunai": ("Tunai", "Cash"),
    "method.qris": ("QRIS", "QRIS"),
    "method.transfer": ("Transfer", "Transfer"),
    "method.kasbon": ("Kasbon", "Member credit"),
    # --- kasir screen ---------------------------------------------------------------------
    "ui.header": (
        "{shop}  ·  Kasir {till}  ·  {cashier}  ·  {now}",
        "{shop}  ·  Till {till}  ·  {cashier}  ·  {now}",
    ),
    "ui.scan.placeholder": (
        "Pindai barcode atau ketik kode / nama barang, lalu Enter  (3*KODE, 1,5*KODE)",
        "Scan a barcode or type a code / product name, then Enter  (3*CODE, 1.5*CODE)",
    ),
    "ui.cart.item": ("Barang", "Item"),
    "ui.cart.qty": ("Jumlah", "Qty"),
    "ui.cart.price": ("Harga", "Price"),
    "ui.cart.amount": ("Subtotal", "Amount"),
    "ui.total": ("TOTAL (Rp)", "TOTAL (Rp)"),
    "ui.change": ("KEMBALIAN (Rp)", "CHANGE (Rp)"),
    "ui.lines": ("{count} baris", "{count} lines"),
    "ui.member.none": ("Bukan anggota  (F2: anggota)", "Non-member  (F2: member)"),
    "ui.member.line": ("Anggota {number}\n{name}", "Member {number}\n{name}"),
    "ui.member.saving": ("Hemat anggota {amount}", "Member saves {amount}"),
    "ui.member.inactive": ("tidak aktif", "inactive"),
    "ui.member.title": ("Pilih anggota", "Choose a member"),
    "ui.member.placeholder": (
        "Nomor anggota, telepon atau nama (atau pindai kartu)",
        "Member number, phone or name (or scan the card)",
    ),
    "ui.sale.done": ("Struk {receipt}", "Receipt {receipt}"),
    "ui.sale.paid": ("Total {total}\nDibayar {paid}", "Total {total}\nPaid {paid}"),
    "ui.status.ready": ("Siap. Pindai barang.", "Ready. Scan a product."),
    "ui.status.added": ("+ {name}", "+ {name}"),
    "ui.status.removed": ("Dihapus: {name}", "Removed: {name}"),
    "ui.status.member_attached": (
        "Anggota {number} {name}: harga anggota berlaku.",
        "Member {number} {name}: member prices apply.",
    ),
    "ui.status.member_removed": (
        "Anggota dilepas: harga biasa berlaku.",
        "Member removed: regular prices apply.",
    ),
    "ui.status.held": ("Keranjang ditahan: {label}", "Cart held: {label}"),
    "ui.status.recalled": ("Keranjang tahanan dipanggil kembali.", "Held cart recalled."),
    "ui.status.sold": ("Terjual: struk {receipt}.", "Sold: receipt {receipt}."),
    "ui.key.help": ("Bantuan", "Help"),
    "ui.key.member": ("Anggota", "Member"),
    "ui.key.hold": ("Tahan/Panggil", "Hold/Recall"),
    "ui.key.pay": ("Bayar", "Pay"),
    "ui.key.reprint": ("Cetak ulang", "Reprint"),
    "ui.key.cash": ("Kas masuk/keluar", "Cash in/out"),
    "ui.key.close_shift": ("Tutup kasir", "Close till"),
    "ui.key.quit": ("Keluar", "Quit"),
    "ui.key.cash_kind": ("Masuk/keluar", "In/out"),
    "ui.help.cash": ("Kas masuk / kas keluar dengan alasan", "Cash in / cash out with a reason"),
    "ui.help.close_shift": (
        "Tutup kasir: hitung uang per pecahan, selisih, tanda tangan",
        "Close the till: count the cash, variance, sign-off",
    ),
    "ui.shift.open_title": ("Buka kasir {till}", "Open till {till}"),
    "ui.shift.open_help": (
        "Hitung uang di laci, ketik modal awal, lalu Enter.",
        "Count the cash in the drawer, type the opening cash, then Enter.",
    ),
    "ui.shift.opening_cash": ("Modal awal (Rp), mis. 500000", "Opening cash (Rp), e.g. 500000"),
    "ui.shift.open_hint": ("Enter buka kasir · Ctrl+Q keluar", "Enter open the till · Ctrl+Q quit"),
    "ui.cash.title": ("Kas masuk / keluar", "Cash in / out"),
    "ui.cash.in": ("[reverse] KAS MASUK [/]  (Tab: ganti)", "[reverse] CASH IN [/]  (Tab: switch)"),
    "ui.cash.out": (
        "[reverse] KAS KELUAR [/]  (Tab: ganti)",
        "[reverse] CASH OUT [/]  (Tab: switch)",
    ),
    "ui.cash.amount": ("Jumlah (Rp)", "Amount (Rp)"),
    "ui.cash.reason": ("Alasan, mis. beli kantong plastik", "Reason, e.g. plastic bags"),
    "ui.cash.hint": (
        "Enter simpan · Tab masuk/keluar · Esc batal",
        "Enter save · Tab in/out · Esc cancel",
    ),
    "ui.close.title": ("Tutup kasir {till}", "Close till {till}"),
    "ui.close.position": (
        "Modal {opening} + tunai {sales} + masuk {cash_in}\n"
        "− keluar {cash_out} = seharusnya {expected}",
        "Opening {opening} + cash sales {sales} + in {cash_in}\n"
        "− out {cash_out} = expected {expected}",
    ),
    "ui.close.count_line": (
        "Dihitung {counted} · seharusnya {expected} · selisih {variance}",
        "Counted {counted} · expected {expected} · variance {variance}",
    ),
    "ui.close.reason": (
        "Alasan selisih (wajib bila ada selisih)",
        "Reason for the variance (required if any)",
    ),
    "ui.close.kasir": ("Kasir (tanda tangan)", "Kasir (sign-off)"),
    "ui.close.bendahara": ("Bendahara (konfirmasi)", "Bendahara (confirmation)"),
    "ui.close.hint": (
        "Isi jumlah lembar/keping · Enter ke isian berikut · Ctrl+S tutup · Esc batal",
        "Type the pieces · Enter next field · Ctrl+S close · Esc cancel",
    ),
    "ui.status.opened": ("Kasir dibuka, modal awal {amount}.", "Till open, opening cash {amount}."),
    "ui.status.cash_in": ("Kas masuk {amount}.", "Cash in {amount}."),
    "ui.status.cash_out": ("Kas keluar {amount}.", "Cash out {amount}."),
    "ui.status.closed": ("Kasir ditutup, selisih {variance}.", "Till closed, variance {variance}."),
    "ui.help.reprint": (
        "Cetak ulang struk (daftar penjualan kasir ini)",
        "Reprint a receipt (this till's sales)",
    ),
    "ui.reprint.title": ("Cetak ulang struk", "Reprint a receipt"),
    "ui.reprint.placeholder": ("Nomor struk", "Receipt number"),
    "ui.status.reprinting": ("Cetak ulang {receipt}…", "Reprinting {receipt}…"),
    "ui.key.more": ("Tambah 1", "One more"),
    "ui.key.less": ("Kurang 1", "One less"),
    "ui.key.more_less": (
        "Tambah / kurangi 1 pada baris terpilih",
        "One more / one less on the selected line",
    ),
    "ui.key.remove": ("Hapus baris", "Remove line"),
    "ui.key.up": ("Baris atas", "Line up"),
    "ui.key.down": ("Baris bawah", "Line down"),
    "ui.key.clear": ("Kosongkan", "Clear"),
    "ui.key.cancel": ("Batal", "Cancel"),
    "ui.key.close": ("Tutup", "Close"),
    "ui.key.method": ("Cara bayar", "Method"),
    # --- dialogs --------------------------------------------------------------------------
    "ui.picker.hint": (
        "Ketik untuk mencari · ↑↓ pilih · Enter ambil · Esc batal",
        "Type to search · ↑↓ choose · Enter pick · Esc cancel",
    ),
    "ui.picker.none": ("Tidak ada yang cocok.", "Nothing matches."),
    "ui.search.title": ("Cari barang", "Find a product"),
    "ui.search.placeholder": ("Nama, kode atau barcode", "Name, code or barcode"),
    "ui.held.title": ("Keranjang ditahan", "Held carts"),
    "ui.held.placeholder": ("Saring menurut nama", "Filter by name"),
    "ui.pay.title": ("Pembayaran", "Payment"),
    "ui.pay.due": ("SISA TAGIHAN (Rp)", "STILL DUE (Rp)"),
    "ui.pay.placeholder": ("Uang diterima (kosong = uang pas)", "Amount tendered (empty = exact)"),
    "ui.pay.exact": ("Uang pas", "Exact amount"),
    "ui.pay.change_preview": ("Kembalian {amount}", "Change {amount}"),
    "ui.pay.short_preview": ("Kurang {amount}", "Short by {amount}"),
    "ui.pay.hint": (
        "Enter bayar · Tab ganti cara bayar · Esc kembali",
        "Enter pay · Tab change method · Esc back",
    ),
    "ui.help.title": ("Tombol", "Keys"),
    "ui.help.key": ("Tombol", "Key"),
    "ui.help.does": ("Fungsi", "What it does"),
    "ui.help.close": ("Esc / F1 / Enter: tutup", "Esc / F1 / Enter: close"),
    "ui.help.scan_key": ("KODE Enter", "CODE Enter"),
    "ui.help.scan": (
        "Tambah 1 barang (barcode atau kode)",
        "Add one of a product (barcode or code)",
    ),
    "ui.help.qty_key": ("3*KODE Enter", "3*CODE Enter"),
    "ui.help.qty": ("Tambah 3 barang", "Add three"),
    "ui.help.weight_key": ("1,5*KODE Enter", "1.5*CODE Enter"),
    "ui.help.weight": ("Tambah 1,5 kg/liter (barang timbang)", "Add 1.5 kg/litre (sold by weight)"),
    "ui.help.text_key": ("nama Enter", "name Enter"),
    "ui.help.text": ("Cari barang menurut nama", "Search products by name"),
    "ui.help.arrows_key": ("↑ / ↓", "↑ / ↓"),
    "ui.help.arrows": ("Pilih baris keranjang", "Select a cart line"),
    "ui.help.member": (
        "Pilih anggota (harga anggota); tekan lagi untuk melepas",
        "Attach a member (member prices); again to remove",
    ),
    "ui.help.hold": (
        "Tahan keranjang; dengan keranjang kosong: panggil kembali",
        "Hold the cart; with an empty cart: recall one",
    ),
    "ui.help.pay": (
        "Bayar: total, uang diterima, kembalian",
        "Pay: total, amount tendered, change",
    ),
    "ui.help.tab": (
        "Di pembayaran: Tunai, QRIS, Transfer, Kasbon",
        "In payment: Cash, QRIS, Transfer, Member credit",
    ),
    "ui.help.esc": ("Tutup dialog / kosongkan isian", "Close a dialog / clear the entry"),
    # --- receipts -------------------------------------------------------------------------
    "receipt.phone": ("Telp {phone}", "Phone {phone}"),
    "receipt.npwp": ("NPWP {npwp}", "Tax id (NPWP) {npwp}"),
    "receipt.reprint": ("*** CETAK ULANG ***", "*** REPRINT (CETAK ULANG) ***"),
    "receipt.void": ("*** BATAL ***", "*** VOID ***"),
    "receipt.number": ("No", "No"),
    "receipt.date": ("Tanggal", "Date"),
    "receipt.cashier": ("Kasir", "Cashier"),
    "receipt.member": ("Anggota", "Member"),
    "receipt.line_saving": ("hemat anggota", "member saving"),
    "receipt.gross": ("Harga normal", "Regular price"),
    "receipt.saving": ("Hemat anggota", "Member saving"),
    "receipt.total": ("TOTAL", "TOTAL"),
    "receipt.change": ("Kembalian", "Change"),
    "receipt.tax_base": ("DPP {label}", "Tax base {label}"),
    "receipt.tax": ("PPN {label}", "VAT {label}"),
    "receipt.tax_included": ("Harga sudah termasuk PPN", "Prices include VAT"),
    "receipt.you_saved": ("Anda hemat {amount} sebagai anggota", "You saved {amount} as a member"),
    "zreport.title": ("LAPORAN TUTUP KASIR (Z)", "CLOSING REPORT (Z)"),
    "zreport.till": ("Kasir", "Till"),
    "zreport.opened": ("Buka", "Opened"),
    "zreport.closed": ("Tutup", "Closed"),
    "zreport.sales": ("Transaksi", "Sales"),
    "zreport.net": ("Penjualan bersih", "Net sales"),
    "zreport.opening": ("Modal awal", "Opening cash"),
    "zreport.cash_sales": ("Penjualan tunai", "Cash sales"),
    "zreport.cash_in": ("Kas masuk", "Cash in"),
    "zreport.cash_out": ("Kas keluar", "Cash out"),
    "zreport.expected": ("Seharusnya", "Expected"),
    "zreport.counted": ("Dihitung", "Counted"),
    "zreport.variance": ("Selisih", "Variance"),
    "zreport.reason": ("Alasan", "Reason"),
    "zreport.signed": (
        "Kasir: {kasir}  Bendahara: {bendahara}",
        "Kasir: {kasir}  Bendahara: {bendahara}",
    ),
    "receipt.not_found": ("Struk {number} tidak ada.", "Receipt {number} does not exist."),
    # --- printer --------------------------------------------------------------------------
    "printer.none": (
        "Tidak ada printer (printer = none); struk tersimpan dan bisa dicetak ulang nanti.",
        "No printer configured (printer = none); receipts are kept and can be reprinted later.",
    ),
    "printer.bad_url": (
        "Alamat printer '{url}' tidak sah; yang diterima: {schemes}.",
        "Printer URL '{url}' is not valid; accepted: {schemes}.",
    ),
    "printer.bad_profile": (
        "Profil printer '{profile}' tidak dikenal (mis. POS-5890: 58 mm, TM-T20II: 80 mm).",
        "Unknown printer profile '{profile}' (e.g. POS-5890 for 58 mm, TM-T20II for 80 mm).",
    ),
    "printer.bad_width": (
        "Lebar '{width}' tidak sah: 24–64 karakter (58 mm = 32, 80 mm = 42 atau 48).",
        "Width '{width}' is not valid: 24–64 characters (58 mm = 32, 80 mm = 42 or 48).",
    ),
    "printer.bad_timeout": (
        "Batas waktu printer '{timeout}' tidak sah: 0,1–120 detik.",
        "Printer timeout '{timeout}' is not valid: 0.1–120 seconds.",
    ),
    "printer.refused": (
        "Printer {where} menolak sambungan (mati atau kabel lepas?).",
        "Printer {where} refused the connection (off or unplugged?).",
    ),
    "printer.timeout": (
        "Printer {where} tidak menjawab (macet atau kertas habis?).",
        "Printer {where} does not answer (jammed or out of paper?).",
    ),
    "printer.offline": (
        "Printer {where} sedang offline (tutup terbuka?).",
        "Printer {where} is offline (cover open?).",
    ),
    "printer.paper_out": ("Kertas printer {where} habis.", "Printer {where} is out of paper."),
    "printer.unreachable": (
        "Printer {where} tidak bisa dipakai: {reason}",
        "Printer {where} cannot be used: {reason}",
    ),
    "printer.missing": (
        "Printer {where} tidak ditemukan (belum dicolok atau dinyalakan?).",
        "Printer {where} not found (not plugged in or switched on?).",
    ),
    "printer.permission": (
        "Tidak ada izin memakai printer {where}; lihat README (aturan udev, grup lp).",
        "No permission to use printer {where}; see the README (udev rule, group lp).",
    ),
    "printer.no_libusb": (
        "Pustaka libusb tidak terpasang (apt install libusb-1.0-0), atau pakai file:///dev/usb/lp0.",
        "The libusb library is missing (apt install libusb-1.0-0), or use file:///dev/usb/lp0.",
    ),
    "printer.unsupported": (
        "Printer {where} tidak didukung di sini: {reason}",
        "Printer {where} is not supported here: {reason}",
    ),
    "printer.test_title": ("TES PRINTER GERAI", "GERAI PRINTER TEST"),
    "printer.test_url": ("Printer: {url}", "Printer: {url}"),
    "printer.test_profile": (
        "Profil {profile}, {width} kolom",
        "Profile {profile}, {width} columns",
    ),
    "printer.waiting": (
        "{error} {count} struk menunggu; dicoba lagi otomatis, atau F9 cetak ulang.",
        "{error} {count} receipts waiting; retried automatically, or F9 to reprint.",
    ),
    "printer.recovered": (
        "Printer kembali: {count} struk tercetak.",
        "Printer back: {count} receipts printed.",
    ),
    "printer.test_done": (
        "Halaman tes terkirim ke {url} ({width} kolom).",
        "Test page sent to {url} ({width} columns).",
    ),
    "printer.printed": ("Struk {number} dicetak.", "Receipt {number} printed."),
    "printer.queued": (
        "Struk {number} disimpan; printer: {error}",
        "Receipt {number} kept; printer: {error}",
    ),
    # --- command line ---------------------------------------------------------------------
    "cli.error": ("Galat: {message}", "Error: {message}"),
    "cli.bad_date": (
        "Tanggal '{value}' tidak sah; pakai YYYY-MM-DD, mis. 2025-11-30.",
        "Date '{value}' is not valid; use YYYY-MM-DD, e.g. 2025-11-30.",
    ),
    "cli.future_date": (
        "Tanggal {value} belum terjadi.",
        "Date {value} is in the future.",
    ),
    "cli.demo_refused": (
        "{path} sudah berisi data toko yang bukan demo; 'gerai demo' tidak menyentuhnya.",
        "{path} already holds a shop's real data; 'gerai demo' will not touch it.",
    ),
    "cli.demo_done": (
        "Database demo siap di {path}: {products} barang, {members} anggota, {sales} penjualan "
        "dalam {days} hari.",
        "Demo database ready at {path}: {products} products, {members} members, {sales} sales "
        "over {days} days.",
    ),
    "cli.upgraded": (
        "Database {path} sudah versi terbaru ({head}).",
        "Database {path} is up to date ({head}).",
    ),
    "cli.stock_ok": (
        "Stok {count} barang sama dengan jumlah mutasinya.",
        "The stock of all {count} products equals the sum of their movements.",
    ),
    "cli.stock_bad": (
        "{code} {name}: stok {stock}, jumlah mutasi {ledger}",
        "{code} {name}: stock {stock}, sum of movements {ledger}",
    ),
    "cli.interrupted": ("Dibatalkan.", "Interrupted."),
}
