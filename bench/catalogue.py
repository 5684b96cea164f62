"""Word lists for the generated catalogue: names a kasir in South Sulawesi would type.

Each `Family` is one shelf of the gerai: code prefix, weight (share of the catalogue), product
types, brands (or origins), variants, pack sizes, price range of the base pack in Rupiah,
default unit and tax category. "Curah" is sold by weight (per kg or litre).
"""

from __future__ import annotations

from dataclasses import dataclass

from gerai.core.words import TaxCategory


@dataclass(frozen=True)
class Family:
    """One product family: its names are type + brand + variant + size."""

    category: str
    prefix: str
    weight: int
    types: tuple[str, ...]
    brands: tuple[str, ...]
    variants: tuple[str, ...]
    sizes: tuple[str, ...]
    price: tuple[int, int]
    unit: str = "pcs"
    tax: TaxCategory = TaxCategory.EXEMPT
    bulk_unit: str = "kg"


def _w(text: str) -> tuple[str, ...]:
    """The words of a `|`-separated list; an empty word means "none" (no variant)."""
    return tuple(s.strip() for s in text.split("|"))


# fmt: off
FAMILIES = (
    Family("Beras", "BRS", 2,
           _w("Beras|Beras Premium|Beras Medium|Beras Pulen|Beras Wangi|Beras Merah|Beras Ketan"
              "|Beras Organik|Beras Pandan Wangi|Beras Setra Ramos|Beras IR64|Beras Rojolele"),
           _w("Cap Ayam Jago|Cap Bunga|Maknyuss|Sania|Topi Koki|Raja|Anak Raja|Bulog|SPHP"
              "|Cap Lumbung|Cap Mawar|Cap Kepala Petani|Cap Beruang|Sultan|Si Pulen|Enrekang"
              "|Sidrap|Pinrang"),
           _w("|Super|Spesial|Kristal|Slyp Super"),
           _w("1 kg|2,5 kg|5 kg|10 kg|20 kg|25 kg Karung|Curah"), (13_000, 16_000), "pak"),
    Family("Minyak Goreng", "MYK", 2,
           _w("Minyak Goreng|Minyak Goreng Sawit|Minyak Kelapa|Minyak Goreng Premium"),
           _w("Minyakita|Bimoli|Sunco|Filma|Fortune|Tropical|Sania|Sovia|Kunci Mas|Hemart|Barco"
              "|Rose Brand|Camar|Sanco|Fraiswell|Alif|Tawon|Sabrina"),
           _w("|Klasik|Spesial|Extra|Refill|Pouch|Botol|Jeriken"),
           _w("250 ml|500 ml|620 ml|900 ml|1 L|1,8 L|2 L|5 L|18 L|Curah"), (4_000, 9_000),
           "pcs", bulk_unit="liter"),
    Family("Gula", "GUL", 1,
           _w("Gula Pasir|Gula Pasir Premium|Gula Merah|Gula Aren|Gula Batu|Gula Halus"
              "|Gula Kristal Putih|Gula Semut|Gula Jawa"),
           _w("Gulaku|Rose Brand|Bulog|Sugar Pro|Pasir Manis|Cap Tebu|Rajawali|Manis Madu|Claris"
              "|PTPN|Alini|Desa Gowa|Cap Gunung|Tropicana Slim"),
           _w("|Kuning|Putih|Premium|Kemasan"),
           _w("250 g|500 g|1 kg|2 kg|5 kg|Curah"), (4_500, 9_000), "pak"),
    Family("Telur", "TLR", 1,
           _w("Telur Ayam Ras|Telur Ayam Kampung|Telur Bebek|Telur Puyuh|Telur Asin|Telur Omega"),
           _w("Peternakan Maros|Peternakan Sidrap|Super Unggul|Cap Jago|Japfa Best|Segar Jaya"
              "|Kampung Asli|Bintang|Sumber Rejeki|Tani Makmur|Barokah|Sinar Harapan"),
           _w("|Besar|Sedang|Kecil|Omega-3|Organik"),
           _w("isi 4|isi 6|isi 10|1/2 Rak (15 butir)|1 Rak (30 butir)|Butiran|Curah"),
           (2_000, 9_000), "pak"),
    Family("Tepung", "TPG", 2,
           _w("Tepung Terigu|Tepung Beras|Tepung Tapioka|Tepung Maizena|Tepung Ketan|Tepung Roti"
              "|Tepung Bumbu|Tepung Sagu|Tepung Hunkwe|Tepung Serbaguna"),
           _w("Segitiga Biru|Cakra Kembar|Kunci Biru|Rose Brand|Sajiku|Kobe|Maizenaku|Bogasari"
              "|Gunung Agung|Pak Tani|Sasa|Mama Suka|Tiga Roda|Lencana Merah"),
           _w("|Protein Tinggi|Protein Sedang|Serbaguna|Pedas|Original|Renyah"),
           _w("70 g|150 g|250 g|500 g|1 kg|5 kg|25 kg Karung|Curah"), (2_500, 14_000), "pak"),
    Family("Bumbu & Dapur", "BMB", 10,
           _w("Kecap Manis|Kecap Asin|Saus Sambal|Saus Tomat|Saus Tiram|Kaldu Ayam|Kaldu Sapi"
              "|Bumbu Nasi Goreng|Bumbu Rendang|Bumbu Soto|Bumbu Opor|Merica Bubuk"
              "|Ketumbar Bubuk|Garam Beryodium|Penyedap Rasa|Santan Kelapa|Cuka Masak|Terasi"
              "|Bawang Goreng|Sambal Terasi|Bumbu Coto Makassar|Bumbu Pallubasa|Kunyit Bubuk"
              "|Jahe Bubuk|Kemiri"),
           _w("Bango|ABC|Sedaap|Indofood|Masako|Royco|Ajinomoto|Sasa|Kara|Sajiku|Ladaku|Desaku"
              "|Finna|Bamboe|Kokita|Racik|Mamasuka|Del Monte|Heinz|Lee Kum Kee|Maggi|Cap Kapal"
              "|Refina|Dua Belibis|Jawara"),
           _w("|Pedas|Extra Pedas|Original|Manis|Asli|Gurih|Ekstra|Ayam|Sapi|Refill"),
           _w("8 g|20 g|30 g|45 g|65 ml|100 g|135 ml Botol|200 ml|220 ml Refill|275 ml Botol"
              "|520 ml Refill|1 kg"), (500, 9_000), "pcs"),
    Family("Sayur & Palawija", "SYR", 3,
           _w("Bawang Merah|Bawang Putih|Bawang Bombay|Cabai Rawit|Cabai Merah Keriting"
              "|Cabai Merah Besar|Tomat|Kentang|Wortel|Kol|Jagung Manis|Jagung Pipil|Kacang Tanah"
              "|Kacang Hijau|Kacang Merah|Kedelai|Kacang Panjang|Buncis|Terong|Jahe|Kunyit"
              "|Lengkuas|Sereh|Daun Bawang|Seledri|Ubi Jalar|Singkong"),
           _w("Enrekang|Brebes|Malino|Maros|Bantaeng|Sidrap|Gowa|Jeneponto|Takalar|Bone|Wajo"
              "|Soppeng|Lokal|Impor|Kating|Sinjai|Toraja|Pinrang"),
           _w("|Super|Kupas|Segar|Kering|Kecil|Besar|Grade A|Grade B"),
           _w("Curah|250 g|500 g|1 kg|Ikat|10 kg Karung"), (5_000, 50_000), "pak"),
    Family("Mi Instan", "MIE", 5,
           _w("Mi Goreng|Mi Kuah|Mi Instan|Mi Cup|Bihun Instan|Mi Telur|Kwetiau Instan"
              "|Mi Keriting|Soun Instan"),
           _w("Indomie|Mie Sedaap|Supermi|Sarimi|Pop Mie|Gaga|Lemonilo|Sakura|Mie Burung Dara"
              "|Atoz|Mie Gelas|Intermie|Super Bihun|Mie 100|Samyang|Mie Ayam Jago"),
           _w("Ayam Bawang|Soto|Kari Ayam|Rendang|Ayam Geprek|Iga Penyet|Cabe Ijo|Rasa Baso"
              "|Kaldu Ayam|Seblak|Ayam Spesial|Rawit|Original|Goreng Aceh|Coto Makassar"
              "|Sambal Matah|Jalapeno|Kuah Pedas"),
           _w("60 g|69 g|75 g|85 g|90 g|120 g|isi 5|(dus isi 24)|(dus isi 40)"),
           (2_500, 7_000), "pcs"),
    Family("LPG", "LPG", 1,
           _w("LPG|Bright Gas|Isi Ulang Gas|Tabung Gas|Regulator Gas|Selang Gas|Kompor Gas"),
           _w("Pertamina|Rinnai|Quantum|Winn Gas|Star Gas|Hock|Cosmos|Maspion|Miyako|Kirin"
              "|Yamatsu|Niko"),
           _w("|Isi Ulang|Tabung Baru|Tukar Tabung|Safety Lock|Meter|Double Lock|1 Tungku"
              "|2 Tungku"),
           _w("3 kg|5,5 kg|12 kg|1,5 m|1,8 m|Standar"), (19_000, 250_000), "pcs", TaxCategory.PPN),
    Family("Minuman", "MNM", 1,
           _w("Air Mineral|Air Minum Galon|Air Mineral Botol|Air Mineral Gelas"),
           _w("Aqua|Le Minerale|Cleo|Ades|Club|Vit|Nestle Pure Life|Prima|Crystalline|Amidis"
              "|Indomaret|Santri|Total|Pristine"),
           _w("|Sparkling|Alkali|Isi Ulang|Mini"),
           _w("220 ml|330 ml|600 ml|750 ml|1,5 L|Galon 19 L|(dus isi 24)|(dus isi 48)"),
           (500, 4_000), "botol", TaxCategory.PPN),
    Family("Minuman", "MNM", 5,
           _w("Teh Celup|Teh Melati|Teh Hijau|Teh Tubruk|Teh Botol|Teh Kotak|Teh Gelas"
              "|Kopi Bubuk|Kopi Instan|Kopi Susu|Kopi Toraja|Kopi Gula Aren|Cokelat Bubuk"),
           _w("Sosro|Sariwangi|Frestea|Tong Tji|Sintren|Poci|2Tang|Teh Pucuk Harum|Nu Green Tea"
              "|Kapal Api|ABC|Torabika|Luwak White Koffie|Indocafe|Good Day|Nescafe|Kopi Kenangan"
              "|Kapal Api Special|Top Coffee|Kopiko 78|Van Houten|Milo|Ovaltine|Kalosi"),
           _w("|Original|Mocca|Gula Aren|Cappuccino|Melati|Less Sugar|Tanpa Gula|Hitam|Susu"
              "|Vanilla Latte|Tubruk|Special Mix|Robusta|Arabika"),
           _w("Sachet 20 g|Sachet 25 g|isi 10|isi 25|isi 30|165 g|200 ml|250 ml|350 ml"
              "|450 ml Botol|380 g|(renceng isi 10)"),
           (1_000, 25_000), "pcs", TaxCategory.PPN),
    Family("Minuman", "MNM", 5,
           _w("Minuman Isotonik|Minuman Bersoda|Jus Buah|Sirup|Minuman Serbuk|Minuman Energi"
              "|Minuman Jahe|Minuman Sari Buah|Minuman Yogurt|Air Kelapa|Susu Kedelai"),
           _w("Pocari Sweat|Mizone|Coca-Cola|Sprite|Fanta|Marjan|ABC Sirup|Nutrisari|Pop Ice"
              "|Kratingdaeng|Extra Joss|Hemaviton|Floridina|Buavita|Minute Maid|You C1000|Tebs"
              "|Big Cola|Ale-Ale|Okky|Segar Sari|Jas Jus|Marimas|Adem Sari|Bintang Zero"
              "|Cap Kaki Tiga"),
           _w("|Original|Jeruk|Leci|Stroberi|Leci Mint|Anggur|Cocopandan|Melon|Jambu|Mangga"
              "|Lemon|Apel|Blewah|Nanas|Sirsak"),
           _w("Sachet|200 ml|250 ml|330 ml Kaleng|350 ml|460 ml Botol|500 ml|1 L|1,5 L Botol"
              "|(renceng isi 10)|(dus isi 24)"),
           (1_000, 30_000), "pcs", TaxCategory.PPN),
    Family("Susu", "SSU", 5,
           _w("Susu Kental Manis|Susu UHT|Susu Bubuk|Susu Formula|Susu Pasteurisasi|Yoghurt"
              "|Krimer Kental Manis|Susu Cair|Susu Kambing"),
           _w("Frisian Flag|Indomilk|Carnation|Dancow|Bendera|Ultra Milk|Greenfields|Cimory"
              "|Diamond|Milo|Bear Brand|SGM|Lactogen|Nutrilon|Prenagen|Anlene|Zee|Hilo|Milna"
              "|Enaak|Omela|Cap Nona"),
           _w("|Full Cream|Cokelat|Stroberi|Plain|Low Fat|Vanila|Putih|Madu|Tanpa Gula|1+|3+"
              "|Gold"),
           _w("Sachet 37 g|115 ml|125 ml|190 ml|200 ml|250 ml|370 g Kaleng|400 g|490 g Kaleng"
              "|545 g Pouch|800 g|1 L"), (1_500, 20_000), "pcs", TaxCategory.PPN),
    Family("Sabun & Kebersihan", "SBN", 5,
           _w("Sabun Mandi|Sabun Cair|Sabun Cuci Tangan|Sampo|Kondisioner|Pasta Gigi"
              "|Sikat Gigi|Deodoran|Bedak Bayi|Sabun Bayi|Minyak Kayu Putih|Obat Kumur"),
           _w("Lifebuoy|Lux|Giv|Nuvo|Dettol|Biore|Shinzui|Citra|Dove|Pepsodent|Ciptadent"
              "|Close Up|Formula|Sensodyne|Sunsilk|Clear|Pantene|Emeron|Zinc|Head & Shoulders"
              "|Rexona|Cussons|Zwitsal|My Baby|Cap Lang|Stella|Listerine|Total Care"),
           _w("|Lemon|Lavender|Fresh|Anti Bakteri|Mawar|Total 10|Herbal|Whitening|Lembut"
              "|Aloe Vera|Habbatussauda|Sakura|Bengkoang|Mint|Anti Ketombe|Hitam Berkilau"),
           _w("Sachet 10 ml|60 g|72 g|75 g|85 g|110 g|190 g|100 ml|170 ml|250 ml|400 ml Pouch"
              "|450 ml Botol|isi 3|isi 4"),
           (1_000, 35_000), "pcs", TaxCategory.PPN),
    Family("Sabun & Kebersihan", "SBN", 5,
           _w("Sabun Cuci Piring|Deterjen Bubuk|Deterjen Cair|Pewangi Pakaian|Pelembut Pakaian"
              "|Pemutih Pakaian|Pembersih Lantai|Pembersih Kaca|Pembersih Toilet|Karbol"
              "|Sabun Colek"),
           _w("Sunlight|Mama Lemon|Rinso|So Klin|Daia|Attack|Molto|Downy|Super Pell|Wipol"
              "|Vixal|Bayclin|Harpic|Proclin|Soklin Liquid|Surf|Boom|Ekonomi|Mama Lime|Kispray"
              "|Sleek|Porstex|Yuri|Cling"),
           _w("|Jeruk Nipis|Lemon|Lavender|Anti Noda|Pink|Biru|Lime|Pine|Apel|Sakura"
              "|Extra Wangi|Aroma Kopi|Anti Bakteri|Rose"),
           _w("Sachet 42 g|Sachet 20 ml|210 ml Refill|400 ml|450 ml|700 g|755 ml Refill|770 g"
              "|800 ml|1,6 kg|1,8 kg|5 kg|(renceng isi 6)"),
           (1_000, 45_000), "pcs", TaxCategory.PPN),
    Family("Sabun & Kebersihan", "SBN", 4,
           _w("Tisu Basah|Tisu Wajah|Tisu Gulung|Pembalut Wanita|Popok Bayi|Popok Dewasa"
              "|Pengharum Ruangan|Obat Nyamuk Semprot|Obat Nyamuk Oles|Kapur Barus|Kapas"),
           _w("Paseo|Nice|Tessa|Mitu|Sweety|MamyPoko|Merries|Pampers|Fitti|Charm|Laurier"
              "|Softex|Kotex|Confidence|Stella|Glade|Baygon|HIT|Vape|Soffell|Autan|Bagus|Selection"),
           _w("|Extra Maxi|Wing|Night|Slim|Pants|Perekat|Lavender|Jeruk|Jasmine|Anti Nyamuk"
              "|Kulit Sensitif|Fresh"),
           _w("isi 2|isi 8|isi 10|isi 20|isi 30|isi 50|250 lembar|S isi 20|M isi 20|L isi 20"
              "|XL isi 18|50 ml|600 ml|(pak isi 4)"),
           (2_000, 90_000), "pak", TaxCategory.PPN),
    Family("Makanan Ringan", "SNK", 16,
           _w("Biskuit|Wafer|Keripik Kentang|Keripik Singkong|Keripik Pisang|Kacang Kulit"
              "|Kacang Atom|Cokelat Batang|Permen|Roti Tawar|Roti Manis|Kue Kering|Kerupuk Udang"
              "|Kerupuk Ikan|Marning Jagung|Sus Kering|Astor|Crackers|Jelly|Rengginang|Bagea"
              "|Jipang|Kue Bolu|Pisang Sale|Dodol|Baruasa|Kacang Disko"),
           _w("Roma|Khong Guan|Regal|Biskuat|Oreo|Tango|Nabati|Richeese|Chitato|Lays|Qtela|Taro"
              "|Potabee|Garuda|Dua Kelinci|Silverqueen|Cadbury|Beng-Beng|Chocolatos|Kopiko"
              "|Relaxa|Mentos|Sari Roti|Aoka|Hatari|Monde|Nissin|Gery|Slai Olai|Malkist"
              "|Good Time|Better|Superstar|Momogi|Chiki|Jetz|Piattos|Happy Tos|Inaco|Nutrijell"
              "|Sinar Maros|Cap Kuda Laut"),
           _w("|Cokelat|Keju|Original|Sapi Panggang|Rumput Laut|Balado|Pedas Manis|Kelapa|Susu"
              "|Stroberi|Vanila|Jagung Bakar|Ayam Bawang|Pandan|Mocca|Durian|Kacang|BBQ"),
           _w("8 g|18 g|20 g|35 g|50 g|68 g|70 g|100 g|130 g|135 g|200 g|300 g|500 g"
              "|Kaleng 1 kg|isi 10|(pak isi 20)"), (500, 12_000), "bks", TaxCategory.PPN),
    Family("Lain-lain", "LLN", 4,
           _w("Korek Api Gas|Korek Api Kayu|Lilin|Obat Nyamuk Bakar|Kantong Plastik|Tali Rafia"
              "|Lakban|Sapu Ijuk|Sapu Lidi|Ember|Gayung|Sendok Plastik|Piring Kertas"
              "|Gelas Plastik|Sedotan|Minyak Tanah|Arang|Spons Cuci Piring|Sabut Kawat"
              "|Hanger Baju|Kemoceng|Keset"),
           _w("Tokai|Cricket|Baygon|Tiga Roda|Lion Star|Claris|Maspion|Shinpo|Swallow"
              "|Kiky|Scotch-Brite|Bagus|Mitra|Dragon|Lokal|Sinar Dunia|Cap Gajah|Golden Star"),
           _w("|Biru|Merah|Hitam|Putih|Hijau|Besar|Sedang|Kecil|Jumbo|Kuning|Motif Bunga"),
           _w("pcs|isi 2|isi 5|isi 10|isi 12|isi 50|(pak)|(pak isi 100)|1 L|5 m|10 m|1 kg"),
           (1_000, 45_000), "pcs", TaxCategory.PPN),
    Family("Lain-lain", "LLN", 3,
           _w("Baterai|Lampu LED|Lampu Bohlam|Senter|Kabel Roll|Steker|Stop Kontak|Fitting Lampu"
              "|Lampu Emergency|Kipas Angin Mini"),
           _w("ABC|Panasonic|Energizer|Eveready|Philips|Hannochs|Osram|Visalux|Uticon|Broco"
              "|Krisbow|Miyako|Maspion|Kawachi|Inoac|Fort"),
           _w("|AA|AAA|9V|Alkaline|Putih|Kuning|Cool Daylight|Warm White|Isi Ulang|Tenaga Surya"),
           _w("5 W|9 W|13 W|18 W|25 W|isi 2|isi 4|3 m|5 m|10 m|3 Lubang|4 Lubang"),
           (3_000, 150_000), "pcs", TaxCategory.PPN),
    Family("Lain-lain", "LLN", 3,
           _w("Pulpen|Pensil|Buku Tulis|Buku Gambar|Amplop|Penghapus|Penggaris|Lem Kertas"
              "|Payung|Sandal Jepit|Kaos Kaki|Jarum Jahit|Benang Jahit|Jas Hujan|Peniti"),
           _w("Joyko|Standard|Sidu|Kiky|Paperline|Kenko|Snowman|Faber-Castell|Pilot|Staedtler"
              "|Swallow|Rapido|Sinar Dunia|Bigboss|Campus|Tiger"),
           _w("|Hitam|Biru|Merah|Besar|Kecil|Motif Batik|Bergaris|Kotak|Dewasa|Anak|Lipat"),
           _w("pcs|isi 3|isi 10|isi 12|38 lembar|58 lembar|A4|Ukuran 9|Ukuran 10|All Size"),
           (1_000, 60_000), "pcs", TaxCategory.PPN),
    Family("Makanan Kaleng & Beku", "KLG", 5,
           _w("Sarden|Kornet Sapi|Ikan Tuna Kaleng|Sosis Sapi|Sosis Ayam|Nugget Ayam|Bakso Sapi"
              "|Bakso Ikan|Otak-Otak|Dimsum|Kentang Goreng Beku|Ikan Makarel|Buah Kaleng"
              "|Kacang Polong Kaleng|Daging Burger|Ikan Bandeng Presto|Cumi Asin|Ikan Teri Kering"
              "|Ikan Asin Jambal"),
           _w("ABC|Botan|Maya|Pronas|Cip|Ayam Brand|Sania|Fiesta|So Good|Champ|Belfoods|Kanzler"
              "|Bernardi|Vida|Hemato|Sunny Gold|King's Fisher|Farmhouse|Kimbo|Kemangi"),
           _w("|Saus Tomat|Saus Cabai|Original|Pedas|Keju|Spicy|Crispy|Minyak|Air Garam|Sapi"
              "|Ayam"),
           _w("155 g|198 g|200 g|250 g|340 g|425 g|500 g|1 kg|(pak isi 10)|Curah"),
           (5_000, 40_000), "pcs", TaxCategory.PPN),
)
# fmt: on

FIRST_NAMES = _w(
    "Andi|Muhammad|Siti|Nur|Ahmad|Hasanuddin|Rahmawati|Suriani|Syamsul|Haeruddin|Kamaruddin"
    "|Fatimah|Hj. Sitti|Daeng|Abdul|Rusdi|Jumriah|Hasnah|Irwan|Sulaiman|Marlina|Nurhayati"
    "|Ridwan|Asriani|Baharuddin|Sitti|Muh.|Hj. Nurlaela|Arifin|Darmawati"
)
LAST_NAMES = _w(
    "Rahman|Malik|Hasan|Amir|Tenri|Sompa|Ngalle|Basri|Syahrir|Halim|Latif|Mappiase|Pawe"
    "|Rasyid|Salam|Jufri|Taufik|Rauf|Kadir|Yusuf|Tola|Bado|Sese|Gassing"
)
VILLAGES = _w("Pattene|Bonto Matene|Tanete|Bontoa|Pajukukang|Minasa Upa|Lekopancing")


def unit_for(size: str, default: str) -> str:
    """The selling unit a pack size implies ("dus isi 24" → dus), else `default`."""
    lowered = size.lower()
    for word, unit in (
        ("dus", "dus"),
        ("rak", "rak"),
        ("karung", "karung"),
        ("sachet", "sachet"),
        ("galon", "galon"),
        ("kaleng", "kaleng"),
        ("botol", "botol"),
        ("ikat", "ikat"),
        ("pak", "pak"),
        ("isi", "pak"),
        ("butiran", "butir"),
        ("lembar", "pak"),
    ):
        if word in lowered:
            return unit
    return default
