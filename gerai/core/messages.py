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
    # --- stock ----------------------------------------------------------------------------
    "stock.no_product": ("Barang #{id} tidak ada.", "Product #{id} does not exist."),
    # --- stock admin ----------------------------------------------------------------------
    "stockadm.unknown_code": (
        "Kode '{code}' tidak dikenal: bukan kode atau barcode barang mana pun.",
        "Code '{code}' is unknown: not the code or barcode of any product.",
    ),
    "stockadm.qty_positive": (
        "Jumlah harus lebih dari 0 (diketik: {value}).",
        "The quantity must be more than 0 (typed: {value}).",
    ),
    "stockadm.qty_not_negative": (
        "Jumlah tidak boleh negatif (diketik: {value}).",
        "The quantity cannot be negative (typed: {value}).",
    ),
    "stockadm.qty_required": ("Isi jumlahnya.", "Type the quantity."),
    "stockadm.bad_qty": (
        "Jumlah '{value}' tidak sah; contoh 12 atau 1,5 (maks. 3 desimal).",
        "Quantity '{value}' is not valid; e.g. 12 or 1.5 (3 decimals at most).",
    ),
    "stockadm.bad_money": (
        "Harga '{value}' bukan jumlah Rupiah; contoh 12500 atau Rp12.500.",
        "Price '{value}' is not a Rupiah amount; e.g. 12500 or Rp12.500.",
    ),
    "stockadm.bad_factor": (
        "Isi kemasan '{value}' tidak sah: harus lebih dari 0 (mis. karton=12).",
        "Pack size '{value}' is not valid: it must be more than 0 (e.g. karton=12).",
    ),
    "stockadm.too_precise": (
        "Jumlah {value} punya lebih dari 3 desimal.",
        "Quantity {value} has more than 3 decimals.",
    ),
    "stockadm.reason_required": ("Tulis alasannya.", "Give a reason."),
    "stockadm.too_long": (
        "Terlalu panjang (maks. {limit} huruf).",
        "Too long (at most {limit} characters).",
    ),
    "stockadm.bad_pack": (
        "Kemasan '{text}' tidak sah; tulis nama=isi, mis. karton=12, sak=25.",
        "Pack '{text}' is not valid; write name=size, e.g. karton=12, sak=25.",
    ),
    "stockadm.duplicate_pack": (
        "Kemasan '{name}' tertulis dua kali.",
        "Pack '{name}' is given twice.",
    ),
    "stockadm.pack_whole": (
        "Kemasan '{name}': barang ini dijual satuan, isinya harus bilangan bulat.",
        "Pack '{name}': this product is sold by the piece, its size must be a whole number.",
    ),
    "stockadm.unknown_pack": (
        "{name} tidak punya kemasan '{pack}'; pilih {known}, atau tulis isinya: {pack}=12.",
        "{name} has no pack '{pack}'; choose {known}, or give its size: {pack}=12.",
    ),
    "stockadm.not_saved": ("Tidak disimpan: {problems}", "Not saved: {problems}"),
    "stockadm.code_taken": (
        "Kode {code} sudah dipakai barang lain.",
        "Code {code} already belongs to another product.",
    ),
    "stockadm.barcode_twice": (
        "Barcode {code} tertulis dua kali.",
        "Barcode {code} is given twice.",
    ),
    "stockadm.unknown_category": (
        "Kategori '{name}' tidak ada; pilih {known}.",
        "Category '{name}' does not exist; choose {known}.",
    ),
    "stockadm.card": ("Kartu stok", "Stock card"),
    "stockadm.card_title": (
        "{code} {name} · stok {stock}",
        "{code} {name} · stock {stock}",
    ),
    "stockadm.card_empty": ("Belum ada mutasi.", "No movements yet."),
    "stockadm.printed": ("Dicetak {moment}", "Printed {moment}"),
    "stockadm.page": ("Halaman {page}", "Page {page}"),
    "stockadm.column.date": ("Tanggal", "Date"),
    "stockadm.column.time": ("Jam", "Time"),
    "stockadm.column.kind": ("Jenis", "Kind"),
    "stockadm.column.ref": ("Bukti", "Reference"),
    "stockadm.column.note": ("Keterangan", "Note"),
    "stockadm.column.in": ("Masuk", "In"),
    "stockadm.column.out": ("Keluar", "Out"),
    "stockadm.column.balance": ("Saldo", "Balance"),
    "stockadm.kind.sale": ("Penjualan", "Sale"),
    "stockadm.kind.receive": ("Barang masuk", "Received"),
    "stockadm.kind.adjust": ("Penyesuaian", "Adjustment"),
    "stockadm.kind.opname": ("Stok opname", "Stock count"),
    "stockadm.kind.return": ("Retur", "Return"),
    "stockadm.kind.void": ("Batal", "Void"),
    "stockadm.kind.repack": ("Pecah karung", "Repack"),
    "supplier.none": ("Pilih pemasok.", "Choose a supplier."),
    "supplier.name_required": ("Nama pemasok wajib diisi.", "The supplier's name is required."),
    "supplier.taken": ("Pemasok {name} sudah ada.", "Supplier {name} already exists."),
    "receive.no_lines": (
        "Belum ada barang: pindai atau ketik kode, jumlah dan harga beli.",
        "No lines yet: scan or type a code, the quantity and the unit cost.",
    ),
    "receive.too_many_lines": (
        "Terlalu banyak baris (maks. {limit}); pecah jadi beberapa penerimaan.",
        "Too many lines (at most {limit}); split it into several receipts.",
    ),
    "receive.line_problem": (
        "Baris {line} ({code}): {problem} Tidak ada yang disimpan.",
        "Line {line} ({code}): {problem} Nothing was saved.",
    ),
    "receive.duplicate": (
        "Surat jalan {reference} dari {supplier} sudah dicatat ({number}).",
        "Delivery note {reference} from {supplier} is already recorded ({number}).",
    ),
    "repack.same_product": (
        "Barang asal dan hasil pecah karung harus berbeda.",
        "The product repacked and the product made must differ.",
    ),
    "repack.short": (
        "Stok {name} hanya {stock}; tidak bisa memecah {wanted}.",
        "Only {stock} of {name} in stock; cannot repack {wanted}.",
    ),
    "repack.too_much": (
        "Hasil {produced} lebih dari isinya ({expected}).",
        "{produced} made is more than the contents hold ({expected}).",
    ),
    "count.nothing": (
        "Belum ada barang yang dihitung.",
        "Nothing has been counted yet.",
    ),
    "count.line_problem": (
        "Baris {line} ({code}): {problem} Opname tidak disimpan.",
        "Line {line} ({code}): {problem} The count was not saved.",
    ),
    "count.duplicate": (
        "{name} dihitung dua kali dalam satu opname.",
        "{name} is counted twice in one count.",
    ),
    "count.reason_required": (
        "Ada selisih: tulis alasannya sebelum konfirmasi.",
        "There are differences: give a reason before confirming.",
    ),
    "writeoff.reason_required": (
        "Tulis alasannya (rusak, kedaluwarsa, ...).",
        "Give the reason (damaged, expired, ...).",
    ),
    "writeoff.short": (
        "Stok {name} hanya {stock}; tidak bisa menghapus {wanted}.",
        "Only {stock} of {name} in stock; cannot write off {wanted}.",
    ),
    "ui.kasir.low_stock": ("  ·  Stok menipis: {count}", "  ·  Low stock: {count}"),
    "cli.stock_low_line": (
        "{code}  {name}: stok {stock} (minimum {level})",
        "{code}  {name}: stock {stock} (reorder level {level})",
    ),
    "cli.stock_low_count": (
        "{count} barang pada atau di bawah stok minimum.",
        "{count} products at or below their reorder level.",
    ),
    "ui.key.products": ("Produk", "Products"),
    "ui.key.new_product": ("Baru", "New"),
    "ui.key.category": ("Kategori", "Category"),
    "ui.key.low_stock": ("Menipis", "Low"),
    "ui.key.inactive": ("Nonaktif", "Inactive"),
    "ui.key.receive": ("Masuk", "Receive"),
    "ui.key.count": ("Opname", "Count"),
    "ui.key.card": ("Kartu", "Card"),
    "ui.key.repack": ("Pecah", "Repack"),
    "ui.key.write_off": ("Hapus", "Write off"),
    "ui.key.page_up": ("Halaman sebelumnya", "Previous page"),
    "ui.key.page_down": ("Halaman berikutnya", "Next page"),
    "ui.key.save": ("Simpan", "Save"),
    "ui.key.new_supplier": ("Pemasok baru", "New supplier"),
    "ui.key.confirm_count": ("Konfirmasi", "Confirm"),
    "ui.key.count_all": ("Semua barang", "All products"),
    "ui.stock.all_categories": ("Semua kategori", "All categories"),
    "ui.stock.category_title": ("Pilih kategori", "Choose a category"),
    "ui.stock.category_placeholder": ("Ketik nama kategori", "Type a category name"),
    "ui.products.header": (
        "Produk  ·  {shop}  ·  Stok menipis: {low}",
        "Products  ·  {shop}  ·  Low stock: {low}",
    ),
    "ui.products.search": (
        "Cari nama, kode atau barcode…",
        "Search a name, code or barcode…",
    ),
    "ui.products.filters": ("Tampil: {filters}", "Showing: {filters}"),
    "ui.products.only_active": ("aktif", "active"),
    "ui.products.only_inactive": ("nonaktif", "inactive"),
    "ui.products.only_low": ("stok menipis", "low stock"),
    "ui.products.ready": (
        "↑↓ PgUp PgDn pindah · Enter ubah · F2 baru · Esc kembali ke kasir",
        "↑↓ PgUp PgDn move · Enter edit · F2 new · Esc back to the till",
    ),
    "ui.products.none": ("Tidak ada barang yang cocok.", "No product matches."),
    "ui.products.saved": ("Barang disimpan.", "Product saved."),
    "ui.products.code": ("Kode", "Code"),
    "ui.products.name": ("Nama barang", "Product"),
    "ui.products.category": ("Kategori", "Category"),
    "ui.products.price": ("Harga", "Price"),
    "ui.products.member_price": ("Anggota", "Member"),
    "ui.products.cost": ("HPP", "Cost"),
    "ui.products.stock": ("Stok", "Stock"),
    "ui.products.reorder": ("Min", "Min"),
    "ui.product.new_title": ("Barang baru", "New product"),
    "ui.product.edit_title": ("Ubah barang {code}", "Edit product {code}"),
    "ui.product.hint": (
        "Enter: isian berikutnya · Ctrl+S simpan · Esc batal",
        "Enter: next field · Ctrl+S save · Esc cancel",
    ),
    "ui.product.choose_category": ("Pilih kategori", "Choose a category"),
    "ui.product.tax.exempt": ("Bebas PPN", "VAT exempt"),
    "ui.product.tax.ppn": ("Kena PPN", "VAT"),
    "ui.product.field.code": ("Kode", "Code"),
    "ui.product.field.barcodes": ("Barcode", "Barcodes"),
    "ui.product.field.name": ("Nama", "Name"),
    "ui.product.field.category": ("Kategori", "Category"),
    "ui.product.field.unit": ("Satuan", "Unit"),
    "ui.product.field.sold_by_weight": ("Dijual per berat", "Sold by weight"),
    "ui.product.field.price": ("Harga", "Price"),
    "ui.product.field.member_price": ("Harga anggota", "Member price"),
    "ui.product.field.cost": ("HPP", "Cost (HPP)"),
    "ui.product.field.het": ("HET", "HET ceiling"),
    "ui.product.field.max_per_sale": ("Batas per beli", "Per-sale limit"),
    "ui.product.field.tax_category": ("Pajak", "Tax"),
    "ui.product.field.reorder_level": ("Stok minimum", "Reorder level"),
    "ui.product.field.active": ("Aktif", "Active"),
    "ui.product.field.packs": ("Kemasan", "Pack units"),
    "ui.supplier.title": ("Pemasok baru", "New supplier"),
    "ui.supplier.name": ("Nama pemasok", "Supplier name"),
    "ui.supplier.phone": ("Telepon", "Phone"),
    "ui.supplier.address": ("Alamat", "Address"),
    "ui.supplier.hint": (
        "Enter: isian berikutnya · Ctrl+S simpan · Esc batal",
        "Enter: next field · Ctrl+S save · Esc cancel",
    ),
    "ui.receive.title": ("Barang masuk", "Receiving goods"),
    "ui.receive.supplier": ("Pilih pemasok (F2 pemasok baru)", "Choose a supplier (F2 new)"),
    "ui.receive.reference": ("No. surat jalan / faktur", "Delivery note / invoice no."),
    "ui.receive.code": ("Pindai atau ketik kode barang", "Scan or type a product code"),
    "ui.receive.qty": ("Jumlah", "Quantity"),
    "ui.receive.pack": ("Kemasan: kosong, dus, dus=12", "Pack: empty, box, box=12"),
    "ui.receive.cost": ("Harga beli/kemasan", "Cost per pack"),
    "ui.receive.added": ("Stok +", "Stock +"),
    "ui.receive.total": ("Jumlah Rp", "Amount"),
    "ui.receive.line_hint": (
        "Kode → Enter → jumlah → Enter → kemasan → Enter → harga beli → Enter menambah baris.",
        "Code → Enter → quantity → Enter → pack → Enter → cost → Enter adds the line.",
    ),
    "ui.receive.product": (
        "{name} · satuan {unit} · kemasan {packs} · HPP {cost} · stok {stock}",
        "{name} · unit {unit} · packs {packs} · cost {cost} · stock {stock}",
    ),
    "ui.receive.added_line": ("{name} ditambahkan.", "{name} added."),
    "ui.receive.summary": ("{lines} baris · total {total}", "{lines} lines · total {total}"),
    "ui.receive.ready": (
        "Ctrl+S simpan · F8 hapus baris · Esc batal",
        "Ctrl+S save · F8 remove line · Esc cancel",
    ),
    "ui.receive.no_suppliers": (
        "Belum ada pemasok: tekan F2 untuk menambah.",
        "No suppliers yet: press F2 to add one.",
    ),
    "ui.receive.saved": (
        "Barang masuk {number} disimpan: {lines} baris, {total}.",
        "Receipt {number} saved: {lines} lines, {total}.",
    ),
    "ui.count.title": ("Stok opname", "Stock count"),
    "ui.count.scope": ("Dihitung: {scope}", "Counting: {scope}"),
    "ui.count.scope_scan": ("barang yang dipindai", "scanned products"),
    "ui.count.scope_all": ("semua barang", "all products"),
    "ui.count.entry": (
        "Pindai kode (+1), 12*KODE (+12), atau ketik angka = hitungan baris terpilih",
        "Scan a code (+1), 12*CODE (+12), or type a number = count of the selected line",
    ),
    "ui.count.expected": ("Tercatat", "Expected"),
    "ui.count.counted": ("Dihitung", "Counted"),
    "ui.count.difference": ("Selisih", "Difference"),
    "ui.count.value": ("Nilai Rp", "Value"),
    "ui.count.reason": ("Alasan selisih (wajib bila ada selisih)", "Reason for differences"),
    "ui.count.summary": (
        "{counted} dari {listed} dihitung · {differing} selisih · nilai {value}",
        "{counted} of {listed} counted · {differing} differ · value {value}",
    ),
    "ui.count.ready": (
        "F4 kategori · F5 semua · Del batal hitung baris · Ctrl+S konfirmasi · Esc batal",
        "F4 category · F5 all · Del uncount line · Ctrl+S confirm · Esc cancel",
    ),
    "ui.count.counted_line": ("{name}: {counted}", "{name}: {counted}"),
    "ui.count.saved": (
        "Opname {number} disimpan: {lines} barang, {differing} selisih, nilai {value}.",
        "Count {number} saved: {lines} products, {differing} differ, value {value}.",
    ),
    "ui.card.opening": (
        "Saldo awal {balance} · {count} mutasi terakhir",
        "Opening balance {balance} · last {count} movements",
    ),
    "ui.card.hint": ("Esc tutup", "Esc close"),
    "ui.move.product": (
        "{code} · stok {stock} · HPP {cost}",
        "{code} · stock {stock} · cost {cost}",
    ),
    "ui.writeoff.title": ("Hapus stok: {name}", "Write off: {name}"),
    "ui.writeoff.qty": ("Jumlah rusak / kedaluwarsa", "Quantity damaged / expired"),
    "ui.writeoff.reason": ("Alasan (wajib)", "Reason (required)"),
    "ui.writeoff.hint": (
        "Enter pada alasan menyimpan · Esc batal",
        "Enter on the reason saves · Esc cancel",
    ),
    "ui.writeoff.saved": (
        "{number}: {qty} dihapus dari stok, nilai {value}.",
        "{number}: {qty} written off, value {value}.",
    ),
    "ui.repack.title": ("Pecah karung: {name}", "Repack: {name}"),
    "ui.repack.qty": ("Jumlah yang dipecah", "Quantity to repack"),
    "ui.repack.target": ("Kode barang hasil", "Code of the product made"),
    "ui.repack.contents": (
        "Isi per satuan asal (mis. 25 untuk 25 kg → 1 kg)",
        "Contents per source unit (e.g. 25 for 25 kg → 1 kg)",
    ),
    "ui.repack.produced": ("Hasil sebenarnya", "Actually made"),
    "ui.repack.note": ("Catatan (boleh kosong)", "Note (optional)"),
    "ui.repack.hint": (
        "Enter pada catatan menyimpan · Esc batal",
        "Enter on the note saves · Esc cancel",
    ),
    "ui.repack.saved": (
        "{number}: {produced} dibuat, susut {shrinkage}.",
        "{number}: {produced} made, shrinkage {shrinkage}.",
    ),
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
    "ui.key.report": ("Laporan", "Report"),
    "ui.key.back": ("Kembali", "Back"),
    "ui.key.prev_day": ("Hari sebelumnya", "Previous day"),
    "ui.key.next_day": ("Hari berikutnya", "Next day"),
    "ui.key.export_pdf": ("Ekspor PDF", "Export PDF"),
    "ui.help.products": (
        "Barang & stok: cari, ubah, barang masuk, stok opname, kartu stok",
        "Products & stock: search, edit, receiving, stock count, stock card",
    ),
    "ui.help.report": ("Laporan harian bendahara", "The bendahara's daily report"),
    "ui.report.header": (
        "{shop}  ·  Laporan harian {date} ({zone})  ·  {count} transaksi  ·  bersih {net}",
        "{shop}  ·  Daily report {date} ({zone})  ·  {count} sales  ·  net {net}",
    ),
    "ui.report.no_sales": ("Tidak ada penjualan.", "No sales."),
    "ui.report.detail_hint": ("F9 cetak ulang · Esc kembali", "F9 reprint · Esc back"),
    "ui.report.tab_summary": ("Ringkasan", "Summary"),
    "ui.report.tab_sales": ("Penjualan", "Sales"),
    "ui.report.tab_shifts": ("Shift", "Shifts"),
    "ui.report.tab_corrections": ("Batal & retur", "Voids & returns"),
    "ui.report.tab_stock": ("Stok menipis", "Low stock"),
    "ui.report.sales_count": ("Transaksi", "Sales"),
    "ui.report.gross": ("Penjualan kotor", "Gross sales"),
    "ui.report.member_discount": ("Diskon anggota", "Member discounts"),
    "ui.report.manual_discount": ("Diskon manual", "Manual discounts"),
    "ui.report.net": ("Penjualan bersih", "Net sales"),
    "ui.report.average": ("Rata-rata belanja", "Average basket"),
    "ui.report.members": ("Penjualan ke anggota", "Sales to members"),
    "ui.report.non_members": ("Penjualan ke non-anggota", "Sales to non-members"),
    "ui.report.cost": ("HPP", "Cost of goods (HPP)"),
    "ui.report.margin": ("Laba kotor", "Gross margin"),
    "ui.report.item": ("Uraian", "Item"),
    "ui.report.amount": ("Rp", "Rp"),
    "ui.report.method": ("Cara bayar", "Method"),
    "ui.report.category": ("Kategori", "Category"),
    "ui.report.receipt": ("Struk", "Receipt"),
    "ui.report.time": ("Jam", "Time"),
    "ui.report.total": ("Total", "Total"),
    "ui.report.lines": ("Baris", "Lines"),
    "ui.report.member": ("Anggota", "Member"),
    "ui.report.member_yes": ("ya", "yes"),
    "ui.report.status": ("Status", "Status"),
    "ui.report.status_completed": ("selesai", "completed"),
    "ui.report.status_void": ("BATAL", "VOID"),
    "ui.report.till": ("Kasir", "Till"),
    "ui.report.opened": ("Buka", "Opened"),
    "ui.report.opening": ("Modal", "Opening"),
    "ui.report.cash_sales": ("Tunai", "Cash sales"),
    "ui.report.cash_moves": ("Masuk−keluar", "In−out"),
    "ui.report.expected": ("Seharusnya", "Expected"),
    "ui.report.counted": ("Dihitung", "Counted"),
    "ui.report.variance": ("Selisih", "Variance"),
    "ui.report.reason": ("Alasan", "Reason"),
    "ui.report.signed": ("Kasir / bendahara", "Kasir / bendahara"),
    "ui.report.kind": ("Jenis", "Kind"),
    "ui.report.void": ("Batal", "Void"),
    "ui.report.return": ("Retur", "Return"),
    "ui.report.code": ("Kode", "Code"),
    "ui.report.product": ("Barang", "Product"),
    "ui.report.stock": ("Stok", "Stock"),
    "ui.report.reorder": ("Batas pesan", "Reorder level"),
    "ui.report.exporting": ("Membuat PDF…", "Building the PDF…"),
    "ui.report.exported": ("PDF tersimpan: {path}", "PDF saved: {path}"),
    "ui.key.cash": ("Kas", "Cash"),
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
    # --- reports --------------------------------------------------------------------------
    "report.title": ("LAPORAN HARIAN", "DAILY REPORT"),
    "report.zone": ("Zona waktu {zone} ({timezone})", "Time zone {zone} ({timezone})"),
    "report.printed": ("Dicetak {moment}", "Printed {moment}"),
    "report.page": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "report.footer": ("{shop} · Laporan harian {date}", "{shop} · Daily report {date}"),
    "report.no_sales": (
        "Tidak ada penjualan pada tanggal ini.",
        "No sales on this day.",
    ),
    "report.none": ("Tidak ada.", "None."),
    "report.summary": ("Ringkasan penjualan", "Sales summary"),
    "report.sales_count": ("Jumlah transaksi", "Transactions"),
    "report.gross": ("Penjualan kotor", "Gross sales"),
    "report.member_discount": ("Diskon anggota", "Member discounts"),
    "report.manual_discount": ("Diskon manual", "Manual discounts"),
    "report.net": ("Penjualan bersih", "Net sales"),
    "report.average_basket": ("Rata-rata per transaksi", "Average basket"),
    "report.cost": ("HPP (harga pokok penjualan)", "Cost of goods sold (HPP)"),
    "report.margin": ("Margin kotor", "Gross margin"),
    "report.hpp": ("HPP", "Cost (HPP)"),
    "report.payments": ("Metode pembayaran", "Payment methods"),
    "report.method": ("Metode", "Method"),
    "report.amount": ("Jumlah", "Amount"),
    "report.buyer": ("Pembeli", "Buyer"),
    "report.member": ("Anggota", "Members"),
    "report.non_member": ("Bukan anggota", "Non-members"),
    "report.transactions": ("Transaksi", "Sales"),
    "report.by_hour": ("Penjualan per jam", "Sales by hour"),
    "report.hour": ("Jam", "Hour"),
    "report.categories": ("Penjualan per kategori", "Sales by category"),
    "report.category": ("Kategori", "Category"),
    "report.top_items": ("{count} barang terlaris", "Top {count} items"),
    "report.code": ("Kode", "Code"),
    "report.item": ("Nama barang", "Item"),
    "report.qty": ("Banyaknya", "Quantity"),
    "report.shifts": ("Tutup kasir (shift)", "Shift closes"),
    "report.no_shifts": ("Tidak ada shift yang dibuka.", "No shift was opened."),
    "report.shift": ("Kasir {till} · shift #{id}", "Till {till} · shift #{id}"),
    "report.opened": ("Dibuka", "Opened"),
    "report.at_by": ("{time} oleh {by}", "{time} by {by}"),
    "report.opening_cash": ("Modal awal", "Opening cash"),
    "report.cash_sales": ("Penjualan tunai", "Cash sales"),
    "report.cash_in": ("Kas masuk", "Cash in"),
    "report.cash_out": ("Kas keluar", "Cash out"),
    "report.refunds": ("Refund tunai", "Cash refunds"),
    "report.expected_cash": ("Kas seharusnya", "Expected cash"),
    "report.counted_cash": ("Kas dihitung", "Counted cash"),
    "report.variance": ("Selisih", "Variance"),
    "report.variance_reason": ("Alasan selisih", "Variance reason"),
    "report.closed_by": ("Ditutup oleh", "Closed by"),
    "report.confirmed_by": ("Dikonfirmasi oleh", "Confirmed by"),
    "report.status": ("Status", "Status"),
    "report.status_open": ("Masih buka", "Still open"),
    "report.status_closed": ("Ditutup {time}", "Closed {time}"),
    "report.movements": ("Kas masuk dan keluar", "Cash in and out"),
    "report.time": ("Waktu", "Time"),
    "report.till": ("Kasir", "Till"),
    "report.kind": ("Jenis", "Kind"),
    "report.reason": ("Alasan", "Reason"),
    "report.by": ("Oleh", "By"),
    "report.corrections": ("Pembatalan (void) dan retur", "Voids and returns"),
    "report.void": ("Batal", "Void"),
    "report.return": ("Retur", "Return"),
    "report.receipt": ("Struk", "Receipt"),
    "report.cashier": ("Petugas", "Cashier"),
    "report.total": ("Total", "Total"),
    "report.low_stock": ("Stok di bawah batas pesan ulang", "Items at or below the reorder level"),
    "report.low_stock_note": (
        "Stok saat laporan dibuat, bukan stok pada tanggal laporan.",
        "Stock when the report was made, not on the report's date.",
    ),
    "report.stock": ("Stok", "Stock"),
    "report.reorder_level": ("Batas pesan ulang", "Reorder level"),
    "report.made_by": ("Dibuat oleh,", "Prepared by,"),
    "report.checked_by": ("Diperiksa oleh,", "Checked by,"),
    "report.approved_by": ("Mengetahui,", "Acknowledged by,"),
    "report.sign_kasir": ("Kasir", "Cashier"),
    "report.sign_bendahara": ("Bendahara", "Treasurer"),
    "report.sign_ketua": ("Ketua", "Chair"),
    "cashbook.title": ("Buku Kas", "Cash book"),
    "cashbook.no": ("No", "No"),
    "cashbook.date": ("Tanggal", "Date"),
    "cashbook.description": ("Uraian", "Description"),
    "cashbook.voucher": ("Bukti", "Voucher"),
    "cashbook.debit": ("Debet", "Debit"),
    "cashbook.credit": ("Kredit", "Credit"),
    "cashbook.balance": ("Saldo", "Balance"),
    "cashbook.remarks": ("Keterangan", "Remarks"),
    "cashbook.shift": ("Shift #{id}", "Shift #{id}"),
    "cashbook.opening": ("Modal awal kasir {till}", "Opening cash, till {till}"),
    "cashbook.cash_sales": ("Penjualan tunai kasir {till}", "Cash sales, till {till}"),
    "cashbook.cash_in": ("Kas masuk: {reason}", "Cash in: {reason}"),
    "cashbook.cash_out": ("Kas keluar: {reason}", "Cash out: {reason}"),
    "cashbook.refunds": ("Refund retur tunai kasir {till}", "Cash refunds, till {till}"),
    "cashbook.over": ("Selisih lebih kas kasir {till}", "Cash over, till {till}"),
    "cashbook.short": ("Selisih kurang kas kasir {till}", "Cash short, till {till}"),
    "cashbook.counted": (
        "Kas dihitung saat tutup kasir {till}",
        "Cash counted at close, till {till}",
    ),
    "cashbook.closed_note": (
        "ditutup {time} oleh {by}, dikonfirmasi {confirmed}",
        "closed {time} by {by}, confirmed by {confirmed}",
    ),
    "cashbook.still_open": ("kasir belum ditutup", "till not closed yet"),
    "cashbook.total": ("Jumlah", "Total"),
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
    # --- members: register, savings, kasbon, SHU (issue 5) ---
    "members.bad_phone": (
        "Nomor telepon '{phone}' tidak sah: {low}–{high} angka, boleh diawali +.",
        "Phone number '{phone}' is not valid: {low}–{high} digits, a leading + allowed.",
    ),
    "members.bad_number": (
        "Nomor anggota '{number}' hanya boleh huruf, angka dan - _ . /",
        "Member number '{number}' may only hold letters, digits and - _ . /",
    ),
    "members.number_taken": (
        "Nomor anggota {number} sudah dipakai {name}.",
        "Member number {number} already belongs to {name}.",
    ),
    "members.nik_taken": (
        "NIK {nik} sudah terdaftar untuk anggota {owner}.",
        "NIK {nik} is already registered to member {owner}.",
    ),
    "members.not_saved": (
        "Anggota tidak disimpan: {problems}",
        "Member not saved: {problems}",
    ),
    "members.missing": ("Anggota #{id} tidak ada.", "Member #{id} does not exist."),
    "members.bad_percent": (
        "'{value}' bukan persen 0–100 (contoh 2 atau 2,5).",
        "'{value}' is not a percentage 0–100 (e.g. 2 or 2.5).",
    ),
    "members.percent_required": (
        "Isi persen diskon 0–100 (0 = tanpa diskon).",
        "Give a discount percentage 0–100 (0 = no discount).",
    ),
    "members.no_category": ("Kategori #{id} tidak ada.", "Category #{id} does not exist."),
    "members.amount_positive": (
        "Jumlah {amount} tidak sah: harus lebih dari Rp0.",
        "An amount of {amount} is not valid: it must be more than Rp0.",
    ),
    "members.bad_method": (
        "Cara bayar '{method}' tidak bisa dipakai di sini; pilih {accepted}.",
        "Payment method '{method}' cannot be used here; choose {accepted}.",
    ),
    "savings.bad_kind": (
        "Jenis simpanan '{kind}' tidak dikenal: pokok, wajib, sukarela, sukarela_out.",
        "Unknown savings type '{kind}': pokok, wajib, sukarela, sukarela_out.",
    ),
    "savings.not_set": (
        "Jumlah simpanan {kind} belum diatur (pengaturan anggota).",
        "The simpanan {kind} amount is not set (member settings).",
    ),
    "savings.bad_months": (
        "Simpanan wajib untuk {months} bulan tidak sah: 1 sampai {high} bulan.",
        "Simpanan wajib for {months} months is not valid: 1 to {high} months.",
    ),
    "savings.fixed_amount": (
        "Simpanan {kind} tidak bisa {amount}: jumlahnya {fixed} (pengaturan toko).",
        "Simpanan {kind} cannot be {amount}: it is {fixed} (shop setting).",
    ),
    "savings.pokok_paid": (
        "Anggota {number} sudah membayar simpanan pokok ({amount}); hanya sekali.",
        "Member {number} already paid the simpanan pokok ({amount}); it is paid once.",
    ),
    "savings.more_than_balance": (
        "Penarikan {amount} melebihi saldo simpanan sukarela {balance}.",
        "A withdrawal of {amount} is more than the simpanan sukarela balance {balance}.",
    ),
    "kasbon.off": (
        "Anggota {number} {name} tidak punya batas kasbon (kasbon mati). Bendahara bisa "
        "mengaturnya di layar anggota (F5).",
        "Member {number} {name} has no kasbon limit (credit is off). A bendahara can set it "
        "on the members screen (F5).",
    ),
    "kasbon.over_limit": (
        "Kasbon {amount} melebihi batas {limit}: utang sekarang {owed}, sisa batas {available}.",
        "A kasbon of {amount} is over the limit {limit}: owed now {owed}, {available} left.",
    ),
    "kasbon.nothing_owed": (
        "Anggota {number} {name} tidak punya utang kasbon.",
        "Member {number} {name} owes no kasbon.",
    ),
    "kasbon.more_than_debt": (
        "Pembayaran {amount} melebihi utang kasbon {owed}.",
        "A repayment of {amount} is more than the kasbon owed, {owed}.",
    ),
    "zreport.member_in": ("Setoran anggota", "Member deposits"),
    "zreport.member_out": ("Penarikan anggota", "Member withdrawals"),
    "report.member_cash_in": (
        "Setoran anggota tunai (simpanan, kasbon)",
        "Member cash in (savings, kasbon)",
    ),
    "report.member_cash_out": ("Penarikan simpanan tunai", "Savings cash withdrawals"),
    "cashbook.member_in": (
        "Setoran simpanan dan bayar kasbon tunai kasir {till}",
        "Savings deposits and kasbon repayments in cash, till {till}",
    ),
    "cashbook.member_out": (
        "Penarikan simpanan sukarela tunai kasir {till}",
        "Sukarela savings withdrawals in cash, till {till}",
    ),
    "shu.title": ("DAFTAR SHU ANGGOTA TAHUN {year}", "MEMBERS' SHU, YEAR {year}"),
    "shu.period": (
        "Tahun buku {first} s.d. {last} ({zone})",
        "Business year {first} to {last} ({zone})",
    ),
    "shu.members_count": ("Jumlah anggota", "Members"),
    "shu.total_purchases": ("Pembelian seluruh anggota (bersih)", "All members' purchases (net)"),
    "shu.total_savings": ("Simpanan seluruh anggota per {date}", "All members' savings at {date}"),
    "shu.pool_purchases": ("Dana SHU jasa usaha (pembelian)", "SHU pool for purchases"),
    "shu.pool_savings": ("Dana SHU jasa modal (simpanan)", "SHU pool for savings"),
    "shu.column.no": ("No", "No"),
    "shu.column.number": ("Nomor", "Number"),
    "shu.column.name": ("Nama", "Name"),
    "shu.column.sales": ("Penjualan", "Sales"),
    "shu.column.returns": ("Retur", "Returns"),
    "shu.column.purchases": ("Pembelian", "Purchases"),
    "shu.column.share": ("Porsi", "Share"),
    "shu.column.savings": ("Simpanan", "Savings"),
    "shu.column.shu_purchases": ("SHU jasa usaha", "SHU purchases"),
    "shu.column.shu_savings": ("SHU jasa modal", "SHU savings"),
    "shu.column.shu_total": ("Jumlah SHU", "SHU total"),
    "shu.total": ("Jumlah", "Total"),
    "shu.note": (
        "Pembelian = penjualan selesai kepada anggota dalam tahun buku dikurangi retur dalam "
        "tahun itu (transaksi batal tidak dihitung). Porsi = pembelian anggota ÷ pembelian "
        "seluruh anggota. Tiap dana SHU dibagi sebanding pembelian (jasa usaha) atau simpanan "
        "akhir tahun (jasa modal), dibulatkan ke Rupiah dengan metode sisa terbesar, sehingga "
        "jumlahnya tepat sama dengan dana.",
        "Purchases = completed sales to the member in the business year less returns in that "
        "year (void sales do not count). Share = the member's purchases ÷ all members' "
        "purchases. Each SHU pool is shared in proportion to purchases or to savings at the "
        "year's end, rounded to the Rupiah by the largest-remainder method, so the shares add "
        "up exactly to the pool.",
    ),
    "shu.footer": ("{shop} · Daftar SHU anggota {year}", "{shop} · Members' SHU {year}"),
    "shu.bad_year": (
        "Tahun '{value}' tidak sah; pakai YYYY (2000 atau sesudahnya), mis. 2025.",
        "Year '{value}' is not valid; use YYYY (2000 or later), e.g. 2025.",
    ),
    "shu.future_year": ("Tahun {year} belum dimulai.", "Year {year} has not begun yet."),
    "shu.negative_pool": (
        "{option} {value} negatif; dana SHU harus 0 atau lebih.",
        "{option} {value} is negative; an SHU pool must be 0 or more.",
    ),
    "shu.bad_pool": (
        "{option} '{value}' bukan jumlah Rupiah (contoh 10000000 atau 10.000.000).",
        "{option} '{value}' is not a Rupiah amount (e.g. 10000000 or 10.000.000).",
    ),
    "shu.no_purchases": (
        "Tidak ada pembelian anggota pada tahun {year}; dana jasa usaha {pool} tidak bisa dibagi.",
        "No member purchases in {year}; the purchases pool of {pool} cannot be shared.",
    ),
    "shu.no_savings": (
        "Tidak ada simpanan anggota pada akhir tahun {year}; dana jasa modal {pool} tidak bisa "
        "dibagi.",
        "No member savings at the end of {year}; the savings pool of {pool} cannot be shared.",
    ),
    "slip.title_deposit": ("BUKTI SETORAN SIMPANAN", "SAVINGS DEPOSIT SLIP"),
    "slip.title_withdrawal": ("BUKTI PENARIKAN SIMPANAN", "SAVINGS WITHDRAWAL SLIP"),
    "slip.title_repayment": ("BUKTI PEMBAYARAN KASBON", "KASBON REPAYMENT SLIP"),
    "slip.kind.pokok": ("Simpanan pokok", "Simpanan pokok (membership savings)"),
    "slip.kind.wajib": ("Simpanan wajib", "Simpanan wajib (monthly savings)"),
    "slip.kind.sukarela": ("Simpanan sukarela", "Simpanan sukarela (voluntary savings)"),
    "slip.kind.sukarela_out": ("Penarikan simpanan sukarela", "Withdrawal of simpanan sukarela"),
    "slip.kind.repayment": ("Pembayaran kasbon", "Kasbon repayment"),
    "slip.months": ("{months} bulan x {monthly}", "{months} months x {monthly}"),
    "slip.amount": ("JUMLAH", "AMOUNT"),
    "slip.owed": ("Sisa kasbon", "Kasbon still owed"),
    "slip.balance.pokok": ("Saldo simpanan pokok", "Simpanan pokok balance"),
    "slip.balance.wajib": ("Saldo simpanan wajib", "Simpanan wajib balance"),
    "slip.balance.sukarela": ("Saldo simpanan sukarela", "Simpanan sukarela balance"),
    "slip.balance.sukarela_out": ("Saldo simpanan sukarela", "Simpanan sukarela balance"),
    "slip.received_by": ("Uang diterima oleh anggota", "Money received by the member"),
    "slip.footer": (
        "Terima kasih. Simpan bukti ini sebagai tanda terima.",
        "Thank you. Keep this slip as your receipt.",
    ),
    "slip.not_found": (
        "Bukti setoran {number} tidak ditemukan.",
        "Payment slip {number} not found.",
    ),
    "members.not_amount": (
        "'{text}' bukan jumlah uang. Contoh: 50000 atau 50.000.",
        "'{text}' is not an amount. Examples: 50000 or 50.000.",
    ),
    "members.not_months": (
        "'{text}' bukan jumlah bulan. Ketik angka 1 sampai 120.",
        "'{text}' is not a number of months. Type a number from 1 to 120.",
    ),
    "members.bad_setting": (
        "{field}: '{value}' bukan jumlah Rupiah (contoh 50000).",
        "{field}: '{value}' is not a Rupiah amount (e.g. 50000).",
    ),
    "members.no_payments": (
        "Belum ada setoran atau pembayaran kasbon.",
        "No savings or kasbon payments yet.",
    ),
    "ui.key.members": ("Data anggota", "Members"),
    "ui.help.members": (
        "Anggota: daftar, simpanan, kasbon, pengaturan harga anggota",
        "Members: register, savings, kasbon, member price settings",
    ),
    "ui.key.new_member": ("Baru", "New"),
    "ui.key.edit_member": ("Ubah", "Edit"),
    "ui.key.member_settings": ("Pengaturan", "Settings"),
    "ui.key.kasbon_list": ("Daftar kasbon", "Kasbon list"),
    "ui.key.savings": ("Simpanan", "Savings"),
    "ui.key.repay": ("Bayar kasbon", "Repay kasbon"),
    "ui.key.toggle_active": ("Aktif/nonaktif", "Active/inactive"),
    "ui.key.savings_kind": ("Jenis", "Kind"),
    "ui.members.header": ("{shop}  ·  Anggota", "{shop}  ·  Members"),
    "ui.members.search": (
        "Cari nomor anggota, nama, telepon atau NIK",
        "Search member number, name, phone or NIK",
    ),
    "ui.members.ready": (
        "Enter buka anggota · F2 baru · F4 ubah · F6 nonaktif · F7 pengaturan · F8 kasbon",
        "Enter open member · F2 new · F4 edit · F6 inactive · F7 settings · F8 kasbon",
    ),
    "ui.members.only_active": ("Anggota aktif", "Active members"),
    "ui.members.only_inactive": ("Anggota tidak aktif", "Inactive members"),
    "ui.members.none": ("Tidak ada anggota yang cocok.", "No matching members."),
    "ui.members.saved": ("Anggota disimpan.", "Member saved."),
    "ui.members.column.number": ("Nomor", "Number"),
    "ui.members.column.name": ("Nama", "Name"),
    "ui.members.column.phone": ("Telepon", "Phone"),
    "ui.members.column.nik": ("NIK", "NIK"),
    "ui.members.column.joined": ("Bergabung", "Joined"),
    "ui.members.column.limit": ("Batas kasbon", "Credit limit"),
    "ui.members.new_title": ("Anggota baru", "New member"),
    "ui.members.edit_title": ("Ubah anggota {number}", "Edit member {number}"),
    "ui.members.field.number": ("Nomor anggota", "Member number"),
    "ui.members.field.name": ("Nama", "Name"),
    "ui.members.field.nik": ("NIK (16 angka)", "NIK (16 digits)"),
    "ui.members.field.phone": ("Telepon", "Phone"),
    "ui.members.field.address": ("Alamat", "Address"),
    "ui.members.field.join_date": ("Bergabung (YYYY-MM-DD)", "Joined (YYYY-MM-DD)"),
    "ui.members.field.credit_limit": ("Batas kasbon (0 = tidak)", "Credit limit (0 = none)"),
    "ui.members.field.active": ("Aktif", "Active"),
    "ui.members.form_hint": (
        "Enter kolom berikut · Ctrl+S simpan · Esc batal. Tanggal kosong = hari ini.",
        "Enter next field · Ctrl+S save · Esc cancel. An empty date = today.",
    ),
    "ui.savings.title": ("Simpanan {number} {name}", "Savings of {number} {name}"),
    "ui.savings.kind.pokok": ("Pokok", "Pokok"),
    "ui.savings.kind.wajib": ("Wajib", "Wajib"),
    "ui.savings.kind.sukarela": ("Sukarela", "Sukarela"),
    "ui.savings.kind.sukarela_out": ("Tarik sukarela", "Sukarela withdrawal"),
    "ui.savings.hint": (
        "Tab jenis · F2 cara bayar · Enter simpan dan cetak bukti · Esc batal",
        "Tab kind · F2 method · Enter save and print the slip · Esc cancel",
    ),
    "ui.savings.pokok": (
        "Simpanan pokok: jumlah tetap, Enter untuk menerima",
        "Simpanan pokok: a fixed amount, Enter to take it",
    ),
    "ui.savings.months": ("Berapa bulan? (kosong = 1)", "How many months? (empty = 1)"),
    "ui.savings.amount": ("Jumlah (Rp)", "Amount (Rp)"),
    "ui.savings.available": ("Saldo sukarela {balance}", "Sukarela balance {balance}"),
    "ui.savings.wajib_preview": (
        "{months} bulan x {monthly} = {amount}",
        "{months} months x {monthly} = {amount}",
    ),
    "ui.savings.pokok_preview": ("{amount}, sekali saja", "{amount}, paid once"),
    "ui.savings.pokok_paid": ("Sudah dibayar ({amount})", "Already paid ({amount})"),
    "ui.repay.title": ("Bayar kasbon {number} {name}", "Kasbon repayment of {number} {name}"),
    "ui.repay.placeholder": (
        "Jumlah dibayar (kosong = lunas)",
        "Amount paid (empty = the whole debt)",
    ),
    "ui.repay.hint": (
        "Tab cara bayar · Enter simpan dan cetak bukti · Esc batal",
        "Tab method · Enter save and print the slip · Esc cancel",
    ),
    "ui.repay.owed": ("Utang kasbon sekarang {owed}", "Kasbon owed now {owed}"),
    "ui.repay.left": ("Sisa utang sesudah bayar {left}", "Still owed afterwards {left}"),
    "ui.member_detail.header": ("Anggota {number}  ·  {name}", "Member {number}  ·  {name}"),
    "ui.member_detail.info": (
        "Telepon {phone}  ·  NIK {nik}  ·  Bergabung {joined}\nAlamat {address}",
        "Phone {phone}  ·  NIK {nik}  ·  Joined {joined}\nAddress {address}",
    ),
    "ui.member_detail.savings": (
        "[b]Simpanan[/b]\nPokok     {pokok}\nWajib     {wajib} ({months} bulan)\n"
        "Sukarela  {sukarela}\n[b]Jumlah    {total}[/b]",
        "[b]Savings[/b]\nPokok     {pokok}\nWajib     {wajib} ({months} months)\n"
        "Sukarela  {sukarela}\n[b]Total     {total}[/b]",
    ),
    "ui.member_detail.kasbon": (
        "[b]Kasbon[/b]  batas {limit}\nUtang {owed}  ·  sisa batas {available}\n"
        "0–30 hari   {d30}\n31–60 hari  {d60}\n> 60 hari   {over}",
        "[b]Kasbon[/b]  limit {limit}\nOwed {owed}  ·  left {available}\n"
        "0–30 days   {d30}\n31–60 days  {d60}\n> 60 days   {over}",
    ),
    "ui.member_detail.kasbon_off": (
        "[b]Kasbon[/b]\nTidak ada batas kasbon (kasbon mati).\nUbah (F4) untuk memberi batas.",
        "[b]Kasbon[/b]\nNo credit limit (kasbon off).\nEdit (F4) to give a limit.",
    ),
    "ui.member_detail.payments": (
        "Setoran, penarikan dan bayar kasbon terakhir",
        "Latest deposits, withdrawals and kasbon repayments",
    ),
    "ui.member_detail.ready": (
        "F2 simpanan · F3 bayar kasbon · F4 ubah · F6 aktif/nonaktif · F9 cetak ulang bukti",
        "F2 savings · F3 repay kasbon · F4 edit · F6 active/inactive · F9 reprint slip",
    ),
    "ui.member_detail.column.time": ("Waktu", "Time"),
    "ui.member_detail.column.number": ("No bukti", "Slip"),
    "ui.member_detail.column.kind": ("Jenis", "Kind"),
    "ui.member_detail.column.method": ("Cara bayar", "Method"),
    "ui.member_detail.column.amount": ("Jumlah", "Amount"),
    "ui.member_detail.paid": (
        "Tersimpan dengan bukti {number}.",
        "Saved with slip {number}.",
    ),
    "ui.member_detail.deactivated": ("Anggota dinonaktifkan.", "Member deactivated."),
    "ui.member_detail.reactivated": ("Anggota diaktifkan lagi.", "Member reactivated."),
    "ui.msettings.title": ("Pengaturan anggota", "Member settings"),
    "ui.msettings.global": ("Diskon anggota umum (%)", "Global member discount (%)"),
    "ui.msettings.pokok": ("Simpanan pokok (Rp)", "Simpanan pokok (Rp)"),
    "ui.msettings.wajib": ("Simpanan wajib per bulan (Rp)", "Simpanan wajib a month (Rp)"),
    "ui.msettings.categories": (
        "Diskon anggota per kategori (%), kosong = ikut diskon umum",
        "Member discount per category (%), empty = the global discount",
    ),
    "ui.msettings.follow_global": ("ikut umum", "global"),
    "ui.msettings.member_prices": (
        "{count} barang punya harga anggota sendiri",
        "{count} products have their own member price",
    ),
    "ui.msettings.hint": (
        "Harga anggota per barang (F3) menang, lalu diskon kategori, lalu diskon umum. "
        "Ctrl+S simpan · Esc batal",
        "A product's own member price (F3) wins, then the category's discount, then the global "
        "one. Ctrl+S save · Esc cancel",
    ),
    "ui.msettings.saved": ("Pengaturan anggota disimpan.", "Member settings saved."),
    "ui.kasbon_list.title": ("Kasbon anggota", "Members' kasbon"),
    "ui.kasbon_list.hint": ("Enter buka anggota · Esc tutup", "Enter open member · Esc close"),
    "ui.kasbon_list.limit": ("Batas", "Limit"),
    "ui.kasbon_list.owed": ("Utang", "Owed"),
    "ui.kasbon_list.d30": ("0–30 hr", "0–30 d"),
    "ui.kasbon_list.d60": ("31–60 hr", "31–60 d"),
    "ui.kasbon_list.over": ("> 60 hr", "> 60 d"),
    "ui.kasbon_list.total": (
        "{count} anggota berutang {owed}; lebih dari 60 hari {over}",
        "{count} members owe {owed}; over 60 days {over}",
    ),
    "ui.kasbon_list.none": ("Tidak ada anggota yang berutang.", "No member owes kasbon."),
    # --- users, roles, audit trail (issue 7) ---
    "audit.old_sales_changed": (
        "Jejak audit tidak cocok: penjualan dari sebelum jejak audit (sampai id {ref}) tidak lagi "
        "sama jumlah atau totalnya dengan catatan #{seq}.",
        "Audit trail mismatch: the sales from before the audit trail (up to id {ref}) no longer "
        "have the count or total of record #{seq}.",
    ),
    "ui.approval.title": ("Persetujuan bendahara / admin", "Bendahara / admin approval"),
    "ui.approval.help": (
        "{action} perlu PIN bendahara atau admin.",
        "{action} needs a bendahara's or admin's PIN.",
    ),
    "ui.approval.name": ("Nama login", "Login name"),
    "ui.approval.pin": ("PIN", "PIN"),
    "ui.approval.hint": ("Enter lanjut · Esc batal", "Enter continue · Esc cancel"),
    "auth.pin_format": (
        "PIN harus {low}–{high} angka.",
        "A PIN must be {low}–{high} digits.",
    ),
    "auth.bad_name": (
        'Nama login tidak sah: "{name}". Pakai satu kata tanpa spasi.',
        'Invalid login name: "{name}". Use one word without spaces.',
    ),
    "auth.bad_role": (
        "Peran tidak dikenal: {role}. Pilihan: {roles}.",
        "Unknown role: {role}. Choose: {roles}.",
    ),
    "auth.duplicate_name": (
        "Nama login {name} sudah dipakai.",
        "Login name {name} is already taken.",
    ),
    "auth.wrong_pin": ("Nama atau PIN salah.", "Wrong name or PIN."),
    "auth.locked": (
        "{name} dikunci karena PIN salah 5 kali. Coba lagi dalam {minutes} menit.",
        "{name} is locked after 5 wrong PINs. Try again in {minutes} minutes.",
    ),
    "auth.not_allowed": (
        "Tidak diizinkan: {permission} perlu persetujuan (PIN) bendahara atau admin.",
        "Not allowed: {permission} needs a bendahara's or admin's approval (PIN).",
    ),
    "audit.break_missing": (
        "Jejak audit rusak: catatan #{seq} hilang atau urutannya diubah.",
        "Audit trail broken: record #{seq} is missing or out of order.",
    ),
    "audit.break_link": (
        "Jejak audit rusak: catatan #{seq} tidak tersambung ke catatan sebelumnya.",
        "Audit trail broken: record #{seq} does not link to the record before it.",
    ),
    "audit.break_hash": (
        "Jejak audit rusak: isi catatan #{seq} telah diubah.",
        "Audit trail broken: the content of record #{seq} was changed.",
    ),
    "auth.admin_only": (
        "Tidak diizinkan: {permission} hanya untuk admin (atau dengan PIN admin).",
        "Not allowed: {permission} is for an admin only (or with an admin's PIN).",
    ),
    "auth.no_users": (
        "Belum ada pengguna. Pemilik toko menambah admin pertama di komputer ini: "
        "gerai users add NAMA --role admin",
        "There are no users yet. The shop owner adds the first admin on this computer: "
        "gerai users add NAME --role admin",
    ),
    "auth.cart_not_empty": (
        "Keranjang masih berisi: selesaikan atau tahan (F8) dulu sebelum keluar.",
        "The cart is not empty: finish or hold it (F8) before logging out.",
    ),
    "role.kasir": ("Kasir", "Kasir"),
    "role.bendahara": ("Bendahara", "Bendahara"),
    "role.admin": ("Admin", "Admin"),
    "perm.sell": ("menjual", "selling"),
    "perm.hold": ("menahan keranjang", "holding a cart"),
    "perm.reprint": ("mencetak ulang struk", "reprinting a receipt"),
    "perm.savings": ("menerima simpanan", "taking savings"),
    "perm.repayment": ("menerima pelunasan kasbon", "taking credit repayments"),
    "perm.open_shift": ("membuka kasir", "opening the till"),
    "perm.cash_move": ("kas masuk/keluar", "cash in/out"),
    "perm.open_drawer": ("membuka laci tanpa penjualan", "opening the drawer without a sale"),
    "perm.price_override": ("mengubah harga di kasir", "overriding a price at the till"),
    "perm.manual_discount": ("memberi diskon manual", "giving a manual discount"),
    "perm.void": ("membatalkan transaksi", "voiding a sale"),
    "perm.retur": ("retur barang", "taking a return"),
    "perm.close_shift": ("menutup kasir", "closing the till"),
    "perm.reports": ("membaca laporan", "reading reports"),
    "perm.members": ("mengelola anggota", "managing members"),
    "perm.stock": ("mengubah stok", "changing stock"),
    "perm.audit": ("membaca jejak audit", "reading the audit trail"),
    "perm.products": ("mengubah barang dan harga", "changing products and prices"),
    "perm.users": ("mengelola pengguna", "managing users"),
    "perm.settings": ("mengubah pengaturan toko", "changing the shop settings"),
    "users.pin_mismatch": (
        "Kedua PIN tidak sama: ketik PIN yang sama dua kali.",
        "The two PINs differ: type the same PIN twice.",
    ),
    "users.unknown": ("Tidak ada pengguna {name}.", "There is no user {name}."),
    "users.last_admin": (
        "{name} adalah admin aktif terakhir: tambah atau aktifkan admin lain dulu.",
        "{name} is the last active admin: add or reactivate another admin first.",
    ),
    "users.not_yourself": (
        "Anda tidak bisa menonaktifkan diri sendiri.",
        "You cannot deactivate yourself.",
    ),
    "audit.sale_unrecorded": (
        "Jejak audit tidak cocok: penjualan {ref} tidak punya catatan audit "
        "(ditambahkan langsung ke berkas database?).",
        "Audit trail mismatch: sale {ref} has no audit record "
        "(added straight into the database file?).",
    ),
    "audit.sale_changed": (
        "Jejak audit tidak cocok: penjualan {ref} diubah sesudah dicatat (catatan #{seq}).",
        "Audit trail mismatch: sale {ref} was changed after it was recorded (record #{seq}).",
    ),
    "audit.sale_missing": (
        "Jejak audit tidak cocok: penjualan {ref} dari catatan #{seq} sudah tidak ada.",
        "Audit trail mismatch: sale {ref} of record #{seq} is gone.",
    ),
    "audit.bad_day": (
        "Tanggal {value} tidak dikenal: ketik HH-BB-TTTT, misalnya 30-11-2025.",
        "Unknown date {value}: type DD-MM-YYYY, e.g. 30-11-2025.",
    ),
    "audit.kind.sale": ("Penjualan", "Sale"),
    "audit.kind.login": ("Masuk", "Login"),
    "audit.kind.logout": ("Keluar", "Logout"),
    "audit.kind.login_refused": ("Gagal masuk", "Login refused"),
    "audit.kind.approval_refused": ("Persetujuan ditolak", "Approval refused"),
    "audit.kind.permission_refused": ("Tidak diizinkan", "Permission refused"),
    "audit.kind.supervisor_access": ("Akses dengan PIN atasan", "Supervisor access"),
    "audit.kind.user_created": ("Pengguna baru", "User added"),
    "audit.kind.user_pin_changed": ("PIN diganti", "PIN changed"),
    "audit.kind.user_role_changed": ("Peran diganti", "Role changed"),
    "audit.kind.user_deactivated": ("Pengguna dinonaktifkan", "User deactivated"),
    "audit.kind.user_reactivated": ("Pengguna diaktifkan", "User reactivated"),
    "audit.kind.shift_opened": ("Buka kasir", "Till opened"),
    "audit.kind.shift_closed": ("Tutup kasir", "Till closed"),
    "audit.kind.cash_in": ("Kas masuk", "Cash in"),
    "audit.kind.cash_out": ("Kas keluar", "Cash out"),
    "audit.kind.cart_held": ("Keranjang ditahan", "Cart held"),
    "audit.kind.cart_recalled": ("Keranjang dipanggil", "Cart recalled"),
    "audit.kind.reprint": ("Cetak ulang", "Reprint"),
    "audit.kind.drawer_opened": ("Laci dibuka tanpa penjualan", "Drawer opened, no sale"),
    "audit.kind.price_changed": ("Harga diubah", "Price changed"),
    "audit.kind.product_created": ("Barang baru", "Product added"),
    "audit.kind.product_changed": ("Barang diubah", "Product changed"),
    "audit.kind.products_imported": ("Impor barang", "Products imported"),
    "audit.kind.goods_received": ("Barang masuk", "Goods received"),
    "audit.kind.stock_counted": ("Stok opname", "Stock count"),
    "audit.kind.written_off": ("Barang rusak/hilang", "Write-off"),
    "audit.kind.repacked": ("Pecah karung", "Repack"),
    "audit.kind.settings_changed": ("Pengaturan diubah", "Settings changed"),
    "cli.audit_ok": ("OK, {count} catatan", "OK, {count} records"),
    "cli.pin_prompt": ("PIN baru (4-8 angka)", "New PIN (4-8 digits)"),
    "cli.pin_again": ("Ulangi PIN", "PIN again"),
    "cli.user_added": ("Pengguna {name} ({role}) ditambahkan.", "User {name} ({role}) added."),
    "cli.user_pin_changed": (
        "PIN {name} diganti; pengguna tidak terkunci lagi.",
        "{name}'s PIN changed; the user is no longer locked.",
    ),
    "cli.user_line": (
        "{name}\t{role}\t{full_name}\t{state}",
        "{name}\t{role}\t{full_name}\t{state}",
    ),
    "cli.user_inactive": ("nonaktif", "inactive"),
    "cli.user_locked": ("terkunci", "locked"),
    "ui.key.admin": ("Admin", "Admin"),
    "ui.key.drawer": ("Buka laci", "Open drawer"),
    "ui.key.logout": ("Keluar/ganti", "Log out"),
    "ui.key.user_add": ("Tambah", "Add"),
    "ui.key.user_pin": ("Ganti PIN", "Change PIN"),
    "ui.key.user_role": ("Ganti peran", "Change role"),
    "ui.key.user_active": ("Aktif/nonaktif", "Active/inactive"),
    "ui.key.verify": ("Periksa lagi", "Check again"),
    "ui.help.admin": (
        "Menu admin: pengguna, jejak audit (perlu PIN atasan bila bukan peran Anda)",
        "Admin menu: users, audit trail (a supervisor's PIN when not your role)",
    ),
    "ui.help.drawer": (
        "Buka laci uang tanpa penjualan (selalu dicatat)",
        "Open the cash drawer without a sale (always recorded)",
    ),
    "ui.help.logout": (
        "Keluar / ganti pengguna (keranjang harus kosong)",
        "Log out / switch user (the cart must be empty)",
    ),
    "ui.kasir.actor": ("{name} ({role})", "{name} ({role})"),
    "ui.status.drawer": ("Laci dibuka (dicatat).", "Drawer opened (recorded)."),
    "ui.status.no_drawer": (
        "Dicatat; kasir ini tidak punya laci yang dibuka printer.",
        "Recorded; this till has no drawer the printer opens.",
    ),
    "ui.login.title": ("Masuk · Kasir {till}", "Log in · Till {till}"),
    "ui.login.name": ("Nama pengguna", "User name"),
    "ui.login.pin": ("PIN", "PIN"),
    "ui.login.hint": (
        "Enter lanjut · 5 kali PIN salah: terkunci beberapa menit · Ctrl+Q keluar",
        "Enter continue · 5 wrong PINs lock you out for some minutes · Ctrl+Q quit",
    ),
    "ui.close.signed": (
        "Ditutup oleh {name} (tanda tangan kasir)",
        "Closed by {name} (the kasir's sign-off)",
    ),
    "ui.close.bendahara_pin": ("PIN bendahara", "Bendahara's PIN"),
    "ui.approval.help_admin": ("{action} perlu PIN admin.", "{action} needs an admin's PIN."),
    "ui.admin.title": ("Menu admin", "Admin menu"),
    "ui.admin.users": ("Pengguna", "Users"),
    "ui.admin.audit": ("Jejak audit", "Audit trail"),
    "ui.admin.hint": ("↑↓ Enter pilih · Esc kembali", "↑↓ Enter choose · Esc back"),
    "ui.users.header": (
        "Pengguna  ·  dikelola oleh {name} ({role})",
        "Users  ·  managed by {name} ({role})",
    ),
    "ui.users.ready": (
        "F2 tambah · F5 ganti PIN · F6 ganti peran · F7 aktif/nonaktif · Esc kembali",
        "F2 add · F5 change PIN · F6 change role · F7 active/inactive · Esc back",
    ),
    "ui.users.name": ("Nama login", "Login name"),
    "ui.users.full_name": ("Nama lengkap", "Full name"),
    "ui.users.role": ("Peran", "Role"),
    "ui.users.state": ("Status", "State"),
    "ui.users.active": ("aktif", "active"),
    "ui.users.inactive": ("nonaktif", "inactive"),
    "ui.users.locked": ("terkunci sampai {until}", "locked until {until}"),
    "ui.users.pin": ("PIN (4-8 angka)", "PIN (4-8 digits)"),
    "ui.users.pin_again": ("Ulangi PIN", "PIN again"),
    "ui.users.form_hint": (
        "Enter ke isian berikut · Ctrl+S simpan · Esc batal",
        "Enter next field · Ctrl+S save · Esc cancel",
    ),
    "ui.users.add_title": ("Pengguna baru", "New user"),
    "ui.users.added": ("Pengguna {name} ({role}) ditambahkan.", "User {name} ({role}) added."),
    "ui.users.pin_title": ("PIN baru untuk {name}", "New PIN for {name}"),
    "ui.users.pin_changed": (
        "PIN {name} diganti (tidak terkunci lagi).",
        "{name}'s PIN changed (no longer locked).",
    ),
    "ui.users.role_title": ("Peran {name}", "Role of {name}"),
    "ui.users.role_changed": ("{name} sekarang {role}.", "{name} is now {role}."),
    "ui.users.deactivated": (
        "{name} dinonaktifkan: tidak bisa masuk atau menyetujui lagi.",
        "{name} deactivated: can no longer log in or approve.",
    ),
    "ui.users.reactivated": ("{name} diaktifkan lagi.", "{name} reactivated."),
    "ui.audit.checking": ("Memeriksa jejak audit…", "Checking the audit trail…"),
    "ui.audit.intact": (
        "Jejak audit utuh: {count} catatan, semua penjualan cocok.",
        "Audit trail intact: {count} records, every sale matches.",
    ),
    "ui.audit.all_users": ("Semua pengguna", "All users"),
    "ui.audit.all_kinds": ("Semua jenis", "All kinds"),
    "ui.audit.day": ("Tanggal (HH-BB-TTTT) Enter", "Date (DD-MM-YYYY) Enter"),
    "ui.audit.ready": (
        "PgDn lebih lama · PgUp lebih baru · F5 periksa lagi · Esc kembali",
        "PgDn older · PgUp newer · F5 check again · Esc back",
    ),
    "ui.audit.page": ("{count} catatan, terbaru dulu", "{count} records, newest first"),
    "ui.audit.none": ("Tidak ada catatan yang cocok.", "No records match."),
    "ui.audit.seq": ("No", "No"),
    "ui.audit.time": ("Waktu", "Time"),
    "ui.audit.actor": ("Pengguna", "User"),
    "ui.audit.kind": ("Jenis", "Kind"),
    "ui.audit.ref": ("Dokumen", "Document"),
    "ui.audit.detail": ("Rincian", "Detail"),
    # --- void and retur (issue 7) ---
    "void.reason_required": (
        "Alasan pembatalan wajib diisi (mis. salah input, pembeli batal).",
        "A reason for the void is required (e.g. keyed wrongly, buyer cancelled).",
    ),
    "void.already": ("Struk {number} sudah dibatalkan.", "Receipt {number} is already void."),
    "void.other_till": (
        "Struk {number} dibuat di kasir {till}: batalkan di kasir itu (uangnya ada di lacinya).",
        "Receipt {number} was sold on till {till}: void it there (its cash is in that drawer).",
    ),
    "void.shift_closed": (
        "Struk {number} dari shift yang sudah ditutup: tidak bisa dibatalkan, pakai retur.",
        "Receipt {number} is from a closed shift: it cannot be voided, use a return.",
    ),
    "void.has_returns": (
        "Struk {number} sudah diretur ({returns}): tidak bisa dibatalkan, "
        "pakai retur untuk sisanya.",
        "Receipt {number} already has returns ({returns}): it cannot be voided, "
        "return the rest instead.",
    ),
    "retur.reason_required": (
        "Alasan retur wajib diisi (mis. kemasan rusak, kedaluwarsa).",
        "A reason for the return is required (e.g. damaged pack, expired).",
    ),
    "retur.not_found": ("Retur {number} tidak ada.", "Return {number} does not exist."),
    "retur.sale_void": (
        "Struk {number} sudah dibatalkan: tidak ada yang bisa diretur.",
        "Receipt {number} is void: there is nothing to return.",
    ),
    "retur.nothing": (
        "Pilih baris dan jumlah yang dikembalikan.",
        "Choose the lines and quantities coming back.",
    ),
    "retur.no_line": (
        "Struk {number} tidak punya baris {line}: barisnya 1–{count}.",
        "Receipt {number} has no line {line}: its lines are 1–{count}.",
    ),
    "retur.duplicate_line": (
        "Baris {line} disebut dua kali: tulis jumlahnya sekali saja.",
        "Line {line} is given twice: give its quantity once.",
    ),
    "retur.bad_qty": (
        "Jumlah retur '{value}' tidak sah: tulis angka, mis. 2 atau 1,5 (maks. 3 desimal).",
        "Return quantity '{value}' is not valid: write a number, e.g. 2 or 1.5 "
        "(3 decimals at most).",
    ),
    "retur.qty_positive": (
        "Jumlah retur harus lebih dari 0 (tertulis {value}).",
        "The return quantity must be more than 0 (given {value}).",
    ),
    "retur.fully_returned": (
        "Baris {line} ({name}) sudah diretur seluruhnya.",
        "Line {line} ({name}) has already been returned in full.",
    ),
    "retur.too_much": (
        "Baris {line} ({name}): paling banyak {returnable} bisa diretur "
        "(terjual {sold}, sudah diretur {returned}).",
        "Line {line} ({name}): at most {returnable} can come back "
        "(sold {sold}, returned already {returned}).",
    ),
    "retur.bad_method": (
        "Refund lewat {method} tidak bisa untuk struk ini; pilihan: {methods}.",
        "A refund by {method} is not possible for this receipt; choose: {methods}.",
    ),
    "retur.not_enough_cash": (
        "Uang tunai di laci hanya {available}, refund {amount} tidak cukup. "
        "Tambah kas (F6) atau pilih metode lain.",
        "The drawer holds only {available} in cash, not enough for a {amount} refund. "
        "Put cash in (F6) or choose another method.",
    ),
    "corrections.void_unrecorded": (
        "Struk {number} berstatus BATAL tanpa catatan pembatalan dan jejak audit: "
        "diubah di luar gerai.",
        "Receipt {number} is marked VOID without its void record and audit record: "
        "changed outside gerai.",
    ),
    "corrections.void_undone": (
        "Struk {number} tercatat dibatalkan, tetapi statusnya bukan BATAL lagi: "
        "diubah di luar gerai.",
        "Receipt {number} was voided, but it is no longer marked VOID: changed outside gerai.",
    ),
    "corrections.return_unaudited": (
        "Retur {number} tidak punya jejak audit: dibuat di luar gerai.",
        "Return {number} has no audit record: made outside gerai.",
    ),
    "corrections.return_changed": (
        "Retur {number}: refund tersimpan {stored}, di jejak audit {audited}, "
        "jumlah barisnya {lines}: diubah di luar gerai.",
        "Return {number}: stored refund {stored}, audited {audited}, "
        "its lines add up to {lines}: changed outside gerai.",
    ),
    "corrections.return_missing": (
        "Retur {number} ada di jejak audit tetapi hilang dari data: dihapus di luar gerai.",
        "Return {number} is in the audit trail but missing from the data: deleted outside gerai.",
    ),
    "zreport.refunds": ("Refund retur tunai", "Cash refunds"),
    "report.returns_total": ("Retur (refund)", "Returns (refunds)"),
    "report.net_after_returns": ("Penjualan bersih setelah retur", "Net sales after returns"),
    "report.by_approved": ("Oleh / disetujui", "By / approved"),
    "ui.report.returns_total": ("Retur", "Returns"),
    "ui.report.net_after_returns": ("Bersih setelah retur", "Net after returns"),
    "ui.report.by_approved": ("Oleh / disetujui", "By / approved"),
    "ui.report.refunds": ("Refund", "Refunds"),
    "slip.title": ("RETUR BARANG", "RETURN OF GOODS"),
    "slip.number": ("No. retur", "Return no."),
    "slip.receipt": ("Struk asal", "Receipt"),
    "slip.sale_date": ("Tgl struk", "Sold"),
    "slip.date": ("Tanggal", "Date"),
    "slip.cashier": ("Kasir", "Cashier"),
    "slip.approved": ("Disetujui", "Approved by"),
    "slip.damaged": ("(rusak)", "(damaged)"),
    "slip.total": ("TOTAL REFUND", "REFUND TOTAL"),
    "slip.method": ("Dikembalikan lewat", "Refunded by"),
    "slip.kasbon_note": (
        "Refund mengurangi kasbon anggota; tidak ada uang keluar.",
        "The refund lowers the member's kasbon; no money is paid out.",
    ),
    "slip.reason": ("Alasan", "Reason"),
    "slip.signature": ("Tanda tangan pembeli:", "Buyer's signature:"),
    "slip.keep": ("Simpan bukti retur ini.", "Keep this return slip."),
    "ui.key.corrections": ("Batal/Retur", "Void/Return"),
    "ui.help.corrections": (
        "Batal / retur: batalkan struk shift ini, atau retur barang dari struk mana pun",
        "Void / return: void a sale of this shift, or take back goods of any receipt",
    ),
    "ui.key.other_receipt": ("Struk lain", "Other receipt"),
    "ui.key.damaged": ("Rusak", "Damaged"),
    "ui.key.return_all": ("Semua", "All"),
    "ui.key.void_sale": ("Batal struk", "Void sale"),
    "ui.key.make_return": ("Retur", "Return"),
    "ui.key.refund_method": ("Metode refund", "Refund method"),
    "ui.corrections.title": ("BATAL / RETUR · kasir {till}", "VOID / RETURN · till {till}"),
    "ui.corrections.placeholder": (
        "Nomor struk: ketik atau pindai QR struk, lalu Enter",
        "Receipt number: type it or scan the receipt's QR, then Enter",
    ),
    "ui.corrections.ready": (
        "Ketik atau pindai nomor struk. ↑↓ pilih baris, Enter jumlah yang kembali.",
        "Type or scan a receipt number. ↑↓ choose a line, Enter the quantity coming back.",
    ),
    "ui.corrections.loaded": (
        "Struk {number}: ↑↓ pilih baris, Enter jumlah retur · F8 batal struk · F12 retur",
        "Receipt {number}: ↑↓ choose a line, Enter the quantity · F8 void · F12 return",
    ),
    "ui.corrections.no_sale": (
        "Ketik atau pindai nomor struk dulu.",
        "Type or scan a receipt number first.",
    ),
    "ui.corrections.sale": (
        "Struk {number} · {moment} · kasir {cashier} · {status}",
        "Receipt {number} · {moment} · cashier {cashier} · {status}",
    ),
    "ui.corrections.paid": (
        "Total {total} · dibayar {payments}",
        "Total {total} · paid {payments}",
    ),
    "ui.corrections.member": ("Anggota {member}", "Member {member}"),
    "ui.corrections.returns": ("Sudah diretur: {returns}", "Returned already: {returns}"),
    "ui.corrections.col_no": ("No", "No"),
    "ui.corrections.col_item": ("Barang", "Item"),
    "ui.corrections.col_sold": ("Terjual", "Sold"),
    "ui.corrections.col_returned": ("Sudah retur", "Returned"),
    "ui.corrections.col_returnable": ("Bisa retur", "Returnable"),
    "ui.corrections.col_back": ("Kembali", "Back now"),
    "ui.corrections.col_damaged": ("Rusak", "Damaged"),
    "ui.corrections.col_refund": ("Refund", "Refund"),
    "ui.corrections.yes": ("Ya", "Yes"),
    "ui.corrections.refund": (
        "Refund {amount} untuk {count} baris",
        "Refund {amount} for {count} line(s)",
    ),
    "ui.corrections.nothing_chosen": (
        "Belum ada baris yang dipilih untuk retur.",
        "No line chosen for a return yet.",
    ),
    "ui.corrections.qty_title": ("Baris {line}: {name}", "Line {line}: {name}"),
    "ui.corrections.qty_info": (
        "Terjual {sold}, sudah diretur {returned}, bisa diretur {returnable}.",
        "Sold {sold}, returned already {returned}, returnable {returnable}.",
    ),
    "ui.corrections.qty_placeholder": (
        "Jumlah yang kembali (kosong = tidak jadi)",
        "Quantity coming back (empty = none)",
    ),
    "ui.corrections.qty_hint": ("Enter simpan · Esc kembali", "Enter keep · Esc back"),
    "ui.corrections.reason": ("Alasan", "Reason"),
    "ui.corrections.void_title": (
        "Batalkan seluruh struk {number}?",
        "Void the whole receipt {number}?",
    ),
    "ui.corrections.void_info": (
        "Total {total}: semua barang kembali ke stok, uangnya dikembalikan ke pembeli.",
        "Total {total}: every item goes back to stock, the money goes back to the buyer.",
    ),
    "ui.corrections.void_hint": ("Enter batalkan struk · Esc kembali", "Enter void · Esc back"),
    "ui.corrections.return_title": ("Retur dari struk {number}", "Return from receipt {number}"),
    "ui.corrections.return_hint": (
        "Tab ganti metode refund · Enter buat retur · Esc kembali",
        "Tab change the refund method · Enter make the return · Esc back",
    ),
    "ui.corrections.void_action": ("Pembatalan struk", "Voiding a sale"),
    "ui.corrections.return_action": ("Retur barang", "A return"),
    "ui.corrections.voided": (
        "Struk {number} dibatalkan (disetujui {approver}); stok kembali. "
        "Kembalikan {total} ke pembeli.",
        "Receipt {number} voided (approved by {approver}); stock is back. "
        "Give {total} back to the buyer.",
    ),
    "ui.corrections.voided_kasbon": (
        "Struk {number} dibatalkan (disetujui {approver}); stok kembali. Kasbon anggota "
        "{kasbon} dihapus; kembalikan {total} ke pembeli.",
        "Receipt {number} voided (approved by {approver}); stock is back. The member's kasbon "
        "of {kasbon} is cancelled; give {total} back to the buyer.",
    ),
    "ui.corrections.returned": (
        "Retur {number}: refund {amount} lewat {method} (disetujui {approver}).",
        "Return {number}: {amount} refunded by {method} (approved by {approver}).",
    ),
    "ui.corrections.slip_printing": ("Bukti retur dicetak.", "Printing the return slip."),
    "ui.corrections.refund_by": ("Refund lewat:", "Refund by:"),
    # --- PostgreSQL, db copy, backup (issue 8) ---
    "db.no_driver": (
        "Driver PostgreSQL ({module}) belum terpasang untuk {url}; pasang dengan "
        "pip install 'gerai[postgres]'.",
        "The PostgreSQL driver ({module}) is not installed for {url}; install it with "
        "pip install 'gerai[postgres]'.",
    ),
    "db.pg_no_database": (
        "Database {path} belum ada di server; buat dulu (createdb), lalu 'gerai db upgrade'.",
        "Database {path} does not exist on the server; create it (createdb), then run "
        "'gerai db upgrade'.",
    ),
    "db.pg_login": (
        "Server database {path} menolak login: {detail}",
        "Database server {path} refused the login: {detail}",
    ),
    "copy.same_database": (
        "Database tujuan sama dengan database asal; pilih database lain.",
        "The target is the source database itself; choose another database.",
    ),
    "copy.revision": (
        "Database tujuan versi {revision}, gerai ini versi {head}; samakan dulu versinya.",
        "The target database is at version {revision}, this gerai at {head}; bring them level "
        "first.",
    ),
    "copy.not_empty": (
        "Database tujuan tidak kosong (tabel {table}: {rows} baris); salin hanya ke database "
        "baru yang kosong.",
        "The target database is not empty (table {table}: {rows} rows); copy only into a new, "
        "empty database.",
    ),
    "copy.failed": (
        "Tabel {table} tidak bisa disalin: {detail}. Tidak ada yang ditulis.",
        "Table {table} cannot be copied: {detail}. Nothing was written.",
    ),
    "copy.mismatch": (
        "Hasil salinan tidak sama dengan asalnya; tidak ada yang ditulis.",
        "The copy does not match its source; nothing was written.",
    ),
    "copy.tables": (
        "{tables} tabel, {rows} baris disalin.",
        "{tables} tables, {rows} rows copied.",
    ),
    "copy.table_differs": (
        "  {table}: asal {source} baris, salinan {target} baris",
        "  {table}: {source} rows in the source, {target} in the copy",
    ),
    "copy.money": (
        "Total semua penjualan sama di kedua database: {total}.",
        "The total of all sales is the same in both databases: {total}.",
    ),
    "copy.money_differs": (
        "Total penjualan berbeda: asal {source}, salinan {target}.",
        "Sales totals differ: {source} in the source, {target} in the copy.",
    ),
    "copy.done": (
        "Salinan di {target} (versi {head}) lengkap: jumlah baris, total penjualan dan cek "
        "stok cocok.",
        "Copy in {target} (version {head}) complete: row counts, sales total and the stock "
        "check agree.",
    ),
    "backup.postgresql": (
        "{url} adalah database PostgreSQL: cadangkan dengan pg_dump, mis. "
        "pg_dump -Fc -f gerai.dump '{url}'.",
        "{url} is a PostgreSQL database: back it up with pg_dump, e.g. "
        "pg_dump -Fc -f gerai.dump '{url}'.",
    ),
    "backup.bad_copy": (
        "Cadangan {path} gagal diperiksa ({detail}); tidak ada file yang ditulis.",
        "The backup {path} failed its check ({detail}); no file was written.",
    ),
    "backup.failed": (
        "Cadangan {path} gagal: {detail}. Tidak ada file yang ditulis.",
        "Backup {path} failed: {detail}. No file was written.",
    ),
    "backup.done": (
        "Cadangan database tersimpan di {path} ({size} byte).",
        "Database backup written to {path} ({size} bytes).",
    ),
    "demo.server_not_empty": (
        "{path} sudah berisi database demo; untuk demo baru buat database kosong di server.",
        "{path} already holds a demo; for a new demo create an empty database on the server.",
    ),
    # --- issue 19 part A: errors ---
    "db.bad_scheme": (
        "Alamat database '{scheme}://' tidak dikenal; pakai path file SQLite, sqlite:///... "
        "atau postgresql://...",
        "Unknown database address '{scheme}://'; use a SQLite file path, sqlite:///... or "
        "postgresql://...",
    ),
    "db.bad_url": (
        "Alamat database tidak sah ({detail}); contoh: /path/gerai.db atau "
        "postgresql://user@host:5432/gerai.",
        "The database address is not valid ({detail}); e.g. /path/gerai.db or "
        "postgresql://user@host:5432/gerai.",
    ),
    "db.mysql": (
        "MySQL/MariaDB tidak didukung; gerai memakai file SQLite atau PostgreSQL "
        "(postgresql://...).",
        "MySQL/MariaDB is not supported; gerai uses a SQLite file or PostgreSQL "
        "(postgresql://...).",
    ),
    "db.pg_bad_option": (
        "Pengaturan koneksi PostgreSQL untuk {path} tidak sah: {detail}. Periksa bagian "
        "setelah '?' di alamat database.",
        "The PostgreSQL connection settings for {path} are not valid: {detail}. Check the part "
        "after '?' in the database address.",
    ),
    "db.empty": (
        "Database {path} masih kosong; jalankan 'gerai db upgrade' untuk membuat tabel gerai.",
        "Database {path} is empty; run 'gerai db upgrade' to create gerai's tables.",
    ),
    "db.newer": (
        "Gerai ini lebih tua dari database {path} (versi {revision}): perbarui gerai.",
        "This gerai is older than the database {path} (version {revision}): upgrade gerai.",
    ),
    "db.damaged": (
        "Database {path} rusak. Jangan dipakai lagi: pulihkan cadangan terakhir ('gerai "
        "backup' membuatnya), lalu periksa dengan 'gerai stock check'.",
        "Database {path} is damaged. Stop using it: restore the latest backup (made by "
        "'gerai backup'), then check it with 'gerai stock check'.",
    ),
    "io.cell_too_large": (
        "{path} baris {row}: ada sel lebih dari {limit} karakter; periksa file itu.",
        "{path} row {row}: a cell holds more than {limit} characters; check the file.",
    ),
    "io.bad_csv": (
        "{path} baris {row}: CSV tidak terbaca ({reason}).",
        "{path} row {row}: unreadable CSV ({reason}).",
    ),
    "text.control": (
        "berisi karakter kontrol {char} yang tidak boleh ada di teks",
        "holds the control character {char}, not allowed in text",
    ),
    "import.future_date": (
        "tanggal {value} belum terjadi",
        "the date {value} is in the future",
    ),
}
