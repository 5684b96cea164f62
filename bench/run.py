"""The performance benchmark of SPEC §7: builds (or reuses) a big shop database in `bench/out/`
and measures each budget on it.

    python bench/run.py                 # 100,000 products, 365 days x ~300 sales of 10 lines
    python bench/run.py --quick         # 5,000 products, 7 days: a smoke test for CI
    python bench/run.py --json out.json --only search,commit

Budgets are reported, never asserted: the exit code is 0 unless the script itself fails.
A measurement is one function `(Context) -> list[Row]` in `MEASUREMENTS` at the bottom.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Table

    from gerai.db import Database
    from gerai.services.cart import Cart
    from gerai.services.shop import ShopProfile

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = BENCH_DIR / "out"
FULL = {"products": 100_000, "days": 365, "sales_per_day": 300}
QUICK = {"products": 5_000, "days": 7, "sales_per_day": 300}
LINES_PER_SALE = 10
SEED = 2025
TILL = "K1"
CASHIERS = ("kasir", "Rahma", "Andi")
BUILD_FORMAT = 1  # bump when the generator changes, so old databases are rebuilt

# --------------------------------------------------------------------------------------------
# Word lists: names a kasir in South Sulawesi would type. Each category: code prefix, weight
# (share of the catalogue), product types, brands (or origins), variants, pack sizes, price range
# of the base pack in Rupiah, default unit, tax category. "Curah" is sold by weight (per kg/L).
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    category: str
    prefix: str
    weight: int
    types: tuple[str, ...]
    brands: tuple[str, ...]
    variants: tuple[str, ...]
    sizes: tuple[str, ...]
    price: tuple[int, int]
    unit: str = "pcs"
    tax: str = "exempt"
    bulk_unit: str = "kg"


def _w(text: str) -> tuple[str, ...]:
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
           _w("3 kg|5,5 kg|12 kg|1,5 m|1,8 m|Standar"), (19_000, 250_000), "pcs", "ppn"),
    Family("Minuman", "MNM", 1,
           _w("Air Mineral|Air Minum Galon|Air Mineral Botol|Air Mineral Gelas"),
           _w("Aqua|Le Minerale|Cleo|Ades|Club|Vit|Nestle Pure Life|Prima|Crystalline|Amidis"
              "|Indomaret|Santri|Total|Pristine"),
           _w("|Sparkling|Alkali|Isi Ulang|Mini"),
           _w("220 ml|330 ml|600 ml|750 ml|1,5 L|Galon 19 L|(dus isi 24)|(dus isi 48)"),
           (500, 4_000), "botol", "ppn"),
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
           (1_000, 25_000), "pcs", "ppn"),
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
           (1_000, 30_000), "pcs", "ppn"),
    Family("Susu", "SSU", 5,
           _w("Susu Kental Manis|Susu UHT|Susu Bubuk|Susu Formula|Susu Pasteurisasi|Yoghurt"
              "|Krimer Kental Manis|Susu Cair|Susu Kambing"),
           _w("Frisian Flag|Indomilk|Carnation|Dancow|Bendera|Ultra Milk|Greenfields|Cimory"
              "|Diamond|Milo|Bear Brand|SGM|Lactogen|Nutrilon|Prenagen|Anlene|Zee|Hilo|Milna"
              "|Enaak|Omela|Cap Nona"),
           _w("|Full Cream|Cokelat|Stroberi|Plain|Low Fat|Vanila|Putih|Madu|Tanpa Gula|1+|3+"
              "|Gold"),
           _w("Sachet 37 g|115 ml|125 ml|190 ml|200 ml|250 ml|370 g Kaleng|400 g|490 g Kaleng"
              "|545 g Pouch|800 g|1 L"), (1_500, 20_000), "pcs", "ppn"),
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
           (1_000, 35_000), "pcs", "ppn"),
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
           (1_000, 45_000), "pcs", "ppn"),
    Family("Sabun & Kebersihan", "SBN", 4,
           _w("Tisu Basah|Tisu Wajah|Tisu Gulung|Pembalut Wanita|Popok Bayi|Popok Dewasa"
              "|Pengharum Ruangan|Obat Nyamuk Semprot|Obat Nyamuk Oles|Kapur Barus|Kapas"),
           _w("Paseo|Nice|Tessa|Mitu|Sweety|MamyPoko|Merries|Pampers|Fitti|Charm|Laurier"
              "|Softex|Kotex|Confidence|Stella|Glade|Baygon|HIT|Vape|Soffell|Autan|Bagus|Selection"),
           _w("|Extra Maxi|Wing|Night|Slim|Pants|Perekat|Lavender|Jeruk|Jasmine|Anti Nyamuk"
              "|Kulit Sensitif|Fresh"),
           _w("isi 2|isi 8|isi 10|isi 20|isi 30|isi 50|250 lembar|S isi 20|M isi 20|L isi 20"
              "|XL isi 18|50 ml|600 ml|(pak isi 4)"),
           (2_000, 90_000), "pak", "ppn"),
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
              "|Kaleng 1 kg|isi 10|(pak isi 20)"), (500, 12_000), "bks", "ppn"),
    Family("Lain-lain", "LLN", 4,
           _w("Korek Api Gas|Korek Api Kayu|Lilin|Obat Nyamuk Bakar|Kantong Plastik|Tali Rafia"
              "|Lakban|Sapu Ijuk|Sapu Lidi|Ember|Gayung|Sendok Plastik|Piring Kertas"
              "|Gelas Plastik|Sedotan|Minyak Tanah|Arang|Spons Cuci Piring|Sabut Kawat"
              "|Hanger Baju|Kemoceng|Keset"),
           _w("Tokai|Cricket|Baygon|Tiga Roda|Lion Star|Claris|Maspion|Shinpo|Swallow"
              "|Kiky|Scotch-Brite|Bagus|Mitra|Dragon|Lokal|Sinar Dunia|Cap Gajah|Golden Star"),
           _w("|Biru|Merah|Hitam|Putih|Hijau|Besar|Sedang|Kecil|Jumbo|Kuning|Motif Bunga"),
           _w("pcs|isi 2|isi 5|isi 10|isi 12|isi 50|(pak)|(pak isi 100)|1 L|5 m|10 m|1 kg"),
           (1_000, 45_000), "pcs", "ppn"),
    Family("Lain-lain", "LLN", 3,
           _w("Baterai|Lampu LED|Lampu Bohlam|Senter|Kabel Roll|Steker|Stop Kontak|Fitting Lampu"
              "|Lampu Emergency|Kipas Angin Mini"),
           _w("ABC|Panasonic|Energizer|Eveready|Philips|Hannochs|Osram|Visalux|Uticon|Broco"
              "|Krisbow|Miyako|Maspion|Kawachi|Inoac|Fort"),
           _w("|AA|AAA|9V|Alkaline|Putih|Kuning|Cool Daylight|Warm White|Isi Ulang|Tenaga Surya"),
           _w("5 W|9 W|13 W|18 W|25 W|isi 2|isi 4|3 m|5 m|10 m|3 Lubang|4 Lubang"),
           (3_000, 150_000), "pcs", "ppn"),
    Family("Lain-lain", "LLN", 3,
           _w("Pulpen|Pensil|Buku Tulis|Buku Gambar|Amplop|Penghapus|Penggaris|Lem Kertas"
              "|Payung|Sandal Jepit|Kaos Kaki|Jarum Jahit|Benang Jahit|Jas Hujan|Peniti"),
           _w("Joyko|Standard|Sidu|Kiky|Paperline|Kenko|Snowman|Faber-Castell|Pilot|Staedtler"
              "|Swallow|Rapido|Sinar Dunia|Bigboss|Campus|Tiger"),
           _w("|Hitam|Biru|Merah|Besar|Kecil|Motif Batik|Bergaris|Kotak|Dewasa|Anak|Lipat"),
           _w("pcs|isi 3|isi 10|isi 12|38 lembar|58 lembar|A4|Ukuran 9|Ukuran 10|All Size"),
           (1_000, 60_000), "pcs", "ppn"),
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
           (5_000, 40_000), "pcs", "ppn"),
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


def _unit_for(size: str, default: str) -> str:
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


def ean13(first12: str) -> str:
    """`first12` with its EAN-13 check digit appended."""
    weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - weighted % 10) % 10)


def _round_price(value: float) -> int:
    step = 100 if value < 20_000 else 500
    return max(step, round(value / step) * step)


# --------------------------------------------------------------------------------------------
# Building the database
# --------------------------------------------------------------------------------------------


def _insert_sql(table: Table, columns: Sequence[str]) -> str:
    """`INSERT INTO table (columns) VALUES (?, ...)`, checked against the model so a schema
    change breaks the generator loudly instead of writing a wrong database."""
    unknown = [c for c in columns if c not in table.c]
    missing = [
        c.name
        for c in table.c
        if not c.nullable and not c.primary_key and c.default is None and c.name not in columns
    ]
    if unknown or missing:
        raise SystemExit(f"bench generator out of date for {table.name}: {unknown=} {missing=}")
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table.name} ({names}) VALUES ({marks})"


def _stamp(moment: datetime) -> str:
    """A UTC moment as SQLAlchemy's SQLite DATETIME stores it (naive UTC, microseconds)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class Progress:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def say(self, text: str) -> None:
        print(f"  [{time.perf_counter() - self.start:6.1f} s] {text}", flush=True)


@dataclass
class Built:
    """What the generator made (stored next to the database as `<name>.json`)."""

    format: int
    schema: str
    products: int
    days: int
    sales_per_day: int
    first_day: str
    last_day: str
    timezone: str
    sales: int
    lines: int
    members: int
    build_seconds: float
    built_at: str


def db_path_for(out: Path, products: int, days: int, sales_per_day: int) -> Path:
    return out / f"gerai-p{products}-d{days}-s{sales_per_day}.db"


def load_built(path: Path, products: int, days: int, sales_per_day: int) -> Built | None:
    """The build record when `path` is a complete database of this size, else None."""
    meta = path.with_suffix(".json")
    if not path.exists() or not meta.exists():
        return None
    try:
        built = Built(**json.loads(meta.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return None
    from gerai.db import SCHEMA_REVISION

    wanted = (BUILD_FORMAT, SCHEMA_REVISION, products, days, sales_per_day)
    if (built.format, built.schema, built.products, built.days, built.sales_per_day) != wanted:
        return None  # another size, an older generator, or a database an upgrade would change
    return built


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.with_suffix(".json").unlink(missing_ok=True)


def build(path: Path, products: int, days: int, sales_per_day: int) -> Built:
    """Migrate a new database, load the demo shop (settings, categories, members, demo
    products), then bulk-insert generated products, members and a year of sales."""
    from gerai.db import SCHEMA_REVISION, Database
    from gerai.models import (
        BARCODE,
        CATEGORY,
        PAYMENT,
        PRODUCT,
        RECEIPT_COUNTER,
        SALE,
        SALE_LINE,
        STOCK_MOVEMENT,
        table_of,
    )
    from gerai.models import Member as MemberModel
    from gerai.paths import data_dir
    from gerai.services.demo import CASH_STEPS, HOUR_WEIGHTS, METHOD_WEIGHTS, load_catalogue
    from gerai.services.stock import OPENING_REF

    member_table = table_of(MemberModel)
    remove_db(path)
    progress = Progress()
    rng = random.Random(SEED)
    now = datetime.now(UTC)

    database = Database(f"sqlite:///{path}")
    database.upgrade()
    with database.write() as session:
        shop = load_catalogue(session, data_dir(), now)
    database.dispose()
    progress.say(f"migrated, demo shop loaded ({shop.timezone})")

    zone = shop.zone
    last_day = now.astimezone(zone).date() - timedelta(days=1)
    first_day = last_day - timedelta(days=days - 1)
    opening_at = _stamp(datetime.combine(first_day - timedelta(days=1), clock(6), tzinfo=zone))
    updated_at = _stamp(now)

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")  # a generator: a crash means rebuild
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("PRAGMA temp_store = MEMORY")

    # ---- categories, products, barcodes ------------------------------------------------
    conn.execute("BEGIN")
    categories = {
        name: (cid, bp)
        for cid, name, bp in conn.execute("SELECT id, name, member_discount_bp FROM category")
    }
    for family in FAMILIES:
        if family.category not in categories:
            cursor = conn.execute(
                _insert_sql(CATEGORY, ("name", "member_discount_bp")), (family.category, None)
            )
            categories[family.category] = (cursor.lastrowid, None)
    demo_count = conn.execute("SELECT count(*) FROM product").fetchone()[0]
    taken_names = {row[0] for row in conn.execute("SELECT name FROM product")}
    taken_barcodes = {row[0] for row in conn.execute("SELECT code FROM barcode")}
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM product").fetchone()[0]
    to_make = max(0, products - demo_count)
    product_cols = (
        "id",
        "code",
        "name",
        "category_id",
        "unit",
        "sold_by_weight",
        "price",
        "member_price",
        "cost",
        "het",
        "max_per_sale",
        "tax_category",
        "reorder_level",
        "stock",
        "active",
        "updated_at",
    )
    product_rows: list[tuple[Any, ...]] = []
    barcode_rows: list[tuple[str, int]] = []
    # (id, code, name, category, category_bp, unit, by_weight, price, member_price, cost,
    #  max_per_sale_milli, tax, final_stock_milli)
    sellable: list[tuple[Any, ...]] = []
    weights = [f.weight for f in FAMILIES]
    barcode_numbers = iter(rng.sample(range(10**8), to_make + len(taken_barcodes) + 10))
    per_prefix: dict[str, int] = {}
    while len(product_rows) < to_make:
        family = rng.choices(FAMILIES, weights)[0]
        size_index = rng.randrange(len(family.sizes))
        size = family.sizes[size_index]
        parts = [
            rng.choice(family.types),
            rng.choice(family.brands),
            rng.choice(family.variants),
            size,
        ]
        name = " ".join(p for p in parts if p)
        if name in taken_names:
            continue
        taken_names.add(name)
        by_weight = size == "Curah"
        unit = family.bulk_unit if by_weight else _unit_for(size, family.unit)
        low, high = family.price
        base = math.exp(rng.uniform(math.log(low), math.log(high)))
        factor = 1.0 if by_weight else 1.0 + 0.45 * size_index * rng.uniform(0.6, 1.4)
        price = _round_price(base * factor)
        member_price = None
        if rng.random() < 0.3:
            member_price = max(100, price - _round_price(price * rng.uniform(0.02, 0.06)))
        het = None
        if family.prefix in ("BRS", "MYK", "GUL") and rng.random() < 0.25:
            het = price + rng.choice((0, 500, 1000))
        max_per_sale = 2000 if family.prefix == "LPG" and size == "3 kg" else None
        cost = int(price * rng.uniform(0.82, 0.93))
        final = rng.randint(20, 400) * 1000
        active = rng.random() >= 0.01
        per_prefix[family.prefix] = per_prefix.get(family.prefix, 0) + 1
        code = f"{family.prefix}-{per_prefix[family.prefix]:06d}"
        pid = next_id + len(product_rows)
        category_id, category_bp = categories[family.category]
        product_rows.append(
            (
                pid,
                code,
                name,
                category_id,
                unit,
                int(by_weight),
                price,
                member_price,
                cost,
                het,
                max_per_sale,
                family.tax,
                rng.randint(5, 20) * 1000,
                final,
                int(active),
                updated_at,
            )
        )
        while True:
            barcode = ean13(f"8995{next(barcode_numbers):08d}")
            if barcode not in taken_barcodes:
                break
        taken_barcodes.add(barcode)
        barcode_rows.append((barcode, pid))
        sellable.append(
            (
                pid,
                code,
                name,
                family.category,
                category_bp,
                unit,
                by_weight,
                price,
                member_price,
                cost,
                max_per_sale,
                family.tax,
                final,
            )
        )
    conn.executemany(_insert_sql(PRODUCT, product_cols), product_rows)
    conn.executemany(_insert_sql(BARCODE, ("code", "product_id")), barcode_rows)

    # ---- members -------------------------------------------------------------------------
    member_goal = max(200, products // 50)
    existing = conn.execute("SELECT count(*) FROM member").fetchone()[0]
    member_rows = []
    for n in range(existing + 1, existing + 1 + max(0, member_goal - existing)):
        joined = first_day - timedelta(days=rng.randrange(0, 400))
        member_rows.append(
            (
                f"KKMP-{n:05d}",
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                f"7309{rng.randrange(10**12):012d}",
                f"08{rng.randrange(10**10):010d}",
                f"Dusun {rng.choice(VILLAGES)} RT {rng.randint(1, 5):02d}"
                f"/RW {rng.randint(1, 4):02d}",
                joined.isoformat(),
                1,
                rng.choice((0, 0, 0, 100_000, 300_000)),
            )
        )
    conn.executemany(
        _insert_sql(
            member_table,
            ("number", "name", "nik", "phone", "address", "join_date", "active", "credit_limit"),
        ),
        member_rows,
    )
    conn.execute("COMMIT")
    member_ids = [row[0] for row in conn.execute("SELECT id FROM member WHERE active")]
    global_bp = int(
        (
            conn.execute(
                "SELECT value FROM shopsetting WHERE key = 'member_discount_bp'"
            ).fetchone()
            or ("0",)
        )[0]
    )
    progress.say(f"{demo_count + len(product_rows):,} products, {len(member_ids):,} members")

    # ---- a year of sales -----------------------------------------------------------------
    sale_sql = _insert_sql(
        SALE,
        (
            "id",
            "receipt_no",
            "till",
            "business_date",
            "created_at",
            "member_id",
            "cashier",
            "gross",
            "member_discount",
            "manual_discount",
            "total",
            "paid",
            "change",
            "status",
        ),
    )
    line_sql = _insert_sql(
        SALE_LINE,
        (
            "sale_id",
            "line_no",
            "product_id",
            "code",
            "name",
            "category",
            "unit",
            "qty",
            "regular_price",
            "unit_price",
            "line_gross",
            "line_total",
            "cost",
            "tax_category",
        ),
    )
    payment_sql = _insert_sql(PAYMENT, ("sale_id", "method", "amount", "tendered"))
    move_cols = ("product_id", "kind", "qty", "created_at", "ref", "sale_id", "note")
    move_sql = _insert_sql(STOCK_MOVEMENT, move_cols)
    counter_sql = _insert_sql(RECEIPT_COUNTER, ("till", "business_date", "last_no"))
    # a long tail of popularity: a few products sell daily, most a few times a year
    order = list(range(len(sellable)))
    rng.shuffle(order)
    popularity = [0.0] * len(sellable)
    for rank, index in enumerate(order):
        popularity[index] = 1.0 / (rank + 20) ** 0.8
    cumulative = list(itertools.accumulate(popularity))
    population = range(len(sellable))
    sold = [0] * len(sellable)
    hours = list(HOUR_WEIGHTS)
    hour_weights = list(HOUR_WEIGHTS.values())
    methods = [m for m, _ in METHOD_WEIGHTS]
    method_weights = [w for _, w in METHOD_WEIGHTS]
    sale_id = conn.execute("SELECT coalesce(max(id), 0) FROM sale").fetchone()[0]
    total_sales = total_lines = 0
    batch: dict[str, list[tuple[Any, ...]]] = {
        k: [] for k in ("sale", "line", "pay", "move", "counter")
    }

    def flush() -> None:
        conn.execute("BEGIN")
        conn.executemany(sale_sql, batch["sale"])
        conn.executemany(line_sql, batch["line"])
        conn.executemany(payment_sql, batch["pay"])
        conn.executemany(move_sql, batch["move"])
        conn.executemany(counter_sql, batch["counter"])
        conn.execute("COMMIT")
        for rows in batch.values():
            rows.clear()

    if not sellable:
        days = 0
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        day_text = day.isoformat()
        count = rng.randint(sales_per_day * 85 // 100, sales_per_day * 115 // 100)
        seconds = sorted(
            h * 3600 + rng.randrange(3600) for h in rng.choices(hours, hour_weights, k=count)
        )
        for number, second in enumerate(seconds, start=1):
            sale_id += 1
            local = datetime.combine(
                day, clock(second // 3600, second // 60 % 60, second % 60), tzinfo=zone
            )
            created = _stamp(local)
            receipt = f"{TILL}-{day:%Y%m%d}-{number:04d}"
            member_id = rng.choice(member_ids) if rng.random() < 0.45 else None
            picks: list[int] = []
            while len(picks) < min(LINES_PER_SALE, len(sellable)):
                for index in rng.choices(population, cum_weights=cumulative, k=LINES_PER_SALE):
                    if index not in picks and len(picks) < LINES_PER_SALE:
                        picks.append(index)
            gross = total = 0
            for line_no, index in enumerate(picks, start=1):
                (
                    pid,
                    code,
                    name,
                    category,
                    category_bp,
                    unit,
                    by_weight,
                    price,
                    member_price,
                    cost,
                    max_per_sale,
                    tax,
                    _final,
                ) = sellable[index]
                if by_weight:
                    qty = rng.choice((250, 500, 500, 1000, 1000, 1000, 1500, 2000, 3000))
                else:
                    qty = rng.choice((1, 1, 1, 1, 2, 2, 3, 5)) * 1000
                    if max_per_sale is not None:
                        qty = min(qty, max_per_sale)
                if member_id is None:
                    paid_price = price
                elif member_price is not None:
                    paid_price = min(member_price, price)
                else:
                    bp = category_bp if category_bp is not None else global_bp
                    paid_price = price - (price * bp + 5000) // 10000
                line_gross = (qty * price + 500) // 1000
                line_total = (qty * paid_price + 500) // 1000
                gross += line_gross
                total += line_total
                sold[index] += qty
                batch["line"].append(
                    (
                        sale_id,
                        line_no,
                        pid,
                        code,
                        name,
                        category,
                        unit,
                        qty,
                        price,
                        paid_price,
                        line_gross,
                        line_total,
                        cost,
                        tax,
                    )
                )
                batch["move"].append((pid, "sale", -qty, created, receipt, sale_id, ""))
            method = rng.choices(methods, method_weights)[0]
            if method == "kasbon" and member_id is None:
                method = "tunai"
            tendered = total
            if method == "tunai" and rng.random() >= 0.3:
                step = rng.choice([s for s in CASH_STEPS if s * 20 >= total] or [100_000])
                tendered = -(-total // step) * step
            batch["sale"].append(
                (
                    sale_id,
                    receipt,
                    TILL,
                    day_text,
                    created,
                    member_id,
                    rng.choice(CASHIERS),
                    gross,
                    gross - total,
                    0,
                    total,
                    tendered,
                    tendered - total,
                    "completed",
                )
            )
            batch["pay"].append((sale_id, method, total, tendered))
            total_lines += len(picks)
        batch["counter"].append((TILL, day_text, count))
        total_sales += count
        if len(batch["line"]) >= 200_000 or offset == days - 1:
            flush()
            progress.say(f"sales to {day_text}: {total_sales:,} sales, {total_lines:,} lines")

    # ---- opening stock: every product starts with what it later sold plus what it has now --
    conn.execute("BEGIN")
    conn.executemany(
        move_sql,
        [
            (item[0], "adjust", item[12] + sold[i], opening_at, OPENING_REF, None, "stok awal")
            for i, item in enumerate(sellable)
        ],
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    size_mb = path.stat().st_size / 2**20
    progress.say(f"opening stock written; database is {size_mb:,.0f} MB")
    built = Built(
        format=BUILD_FORMAT,
        schema=SCHEMA_REVISION,
        products=products,
        days=days,
        sales_per_day=sales_per_day,
        first_day=first_day.isoformat(),
        last_day=last_day.isoformat(),
        timezone=shop.timezone,
        sales=total_sales,
        lines=total_lines,
        members=len(member_ids),
        build_seconds=round(time.perf_counter() - progress.start, 1),
        built_at=now.isoformat(timespec="seconds"),
    )
    path.with_suffix(".json").write_text(json.dumps(asdict(built), indent=2), encoding="utf-8")
    return built


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the report. `value` is in `unit`; `limit` the budget in the same unit."""

    what: str
    value: float | None
    unit: str
    measured: str
    budget: str
    limit: float | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool | None:
        if self.value is None or self.limit is None:
            return None
        return self.value <= self.limit


@dataclass
class Context:
    path: Path
    built: Built
    quick: bool
    cache: dict[str, Any] = field(default_factory=dict)
    _database: Database | None = None

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def database(self) -> Database:
        if self._database is None:
            from gerai.db import Database

            self._database = Database(self.url)
            self._database.check_ready()
        return self._database

    def shop(self) -> ShopProfile:
        if "shop" not in self.cache:
            from gerai.services.shop import load_shop

            with self.database().read() as session:
                self.cache["shop"] = load_shop(session)
        shop: ShopProfile = self.cache["shop"]
        return shop

    def raw(self) -> closing[sqlite3.Connection]:
        """A plain sqlite3 connection for picking test data (closed on leaving `with`)."""
        return closing(sqlite3.connect(self.path))


def ms(seconds: float) -> float:
    return seconds * 1000.0


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def spread(values_ms: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(values_ms),
        "median_ms": round(statistics.median(values_ms), 3),
        "p95_ms": round(percentile(values_ms, 0.95), 3),
        "max_ms": round(max(values_ms), 3),
        "min_ms": round(min(values_ms), 3),
    }


# ---- start-up and memory --------------------------------------------------------------------

STARTUP_CHILD = r"""
import asyncio, resource, sys, time
from gerai.cli import Options, open_database

settings = Options(db=sys.argv[1], config=None, printer=None, lang=None).settings()
database = open_database(settings)
from gerai.tui.app import GeraiApp

app = GeraiApp(settings, database)


def memory_kb():
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0])
    return found.get("VmHWM", 0), found.get("VmRSS", 0)


async def main():
    async with app.run_test(size=(120, 40)):
        deadline = time.monotonic() + 30
        while True:
            focused = app.focused
            if focused is not None and focused.id == "scan":
                break
            if time.monotonic() > deadline:
                print("TIMEOUT", flush=True)
                return
            await asyncio.sleep(0.001)
        ready = time.time()
        hwm, rss = memory_kb()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        print(f"READY {ready!r} {hwm} {rss} {cpu!r}", flush=True)
        app.exit()


asyncio.run(main())
"""


@dataclass(frozen=True)
class Startup:
    """One start-up: wall seconds from spawn to a focused scan field, the child's CPU seconds
    by then, and its peak and current resident memory in kB."""

    seconds: float
    cpu_seconds: float
    hwm_kb: int
    rss_kb: int


def _child_env(ctx: Context) -> dict[str, str]:
    """The child's environment: no GERAI_* overrides, and compiled bytecode kept in
    bench/out/pycache (an installed wheel has .pyc files; this sandbox sets
    PYTHONDONTWRITEBYTECODE, which would make every start compile gerai from source)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GERAI_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ctx.path.parent / "pycache")
    return env


def _startup_once(ctx: Context) -> Startup | str:
    """One start-up in a fresh interpreter, or the reason it failed."""
    with tempfile.TemporaryFile("w+") as errors:
        started = time.time()
        child = subprocess.Popen(
            [sys.executable, "-c", STARTUP_CHILD, str(ctx.path)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=_child_env(ctx),
            cwd=tempfile.gettempdir(),
        )
        result: Startup | str = "no READY line"
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("READY"):
                _, stamp, hwm, rss, cpu = line.split()
                result = Startup(float(stamp) - started, float(cpu), int(hwm), int(rss))
                break
            if line.startswith("TIMEOUT"):
                result = "scan field never focused within 30 s"
                break
        try:
            child.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
        if isinstance(result, str) and child.returncode:
            errors.seek(0)
            lines = [x for x in errors.read().strip().splitlines() if x.strip()]
            result = f"child exited {child.returncode}: {lines[-1] if lines else '?'}"
        return result


def _startup_runs(ctx: Context) -> list[Startup] | str:
    """Five timed start-ups after one untimed one (which fills the bytecode cache), shared by
    the start-up and memory rows."""
    if "startup" in ctx.cache:
        cached: list[Startup] | str = ctx.cache["startup"]
        return cached
    try:
        present = importlib.util.find_spec("gerai.tui.app") is not None
    except ModuleNotFoundError:
        present = False
    outcome: list[Startup] | str
    if not present:
        outcome = "n/a (TUI missing)"
    else:
        runs: list[Startup] = []
        outcome = runs
        for n in range(6):
            once = _startup_once(ctx)
            if isinstance(once, str):
                outcome = f"error: {once}"
                break
            if n:
                runs.append(once)
    ctx.cache["startup"] = outcome
    return outcome


def measure_startup(ctx: Context) -> list[Row]:
    what, budget = "start-up to a usable scan field", "≤ 1.2 s"
    runs = _startup_runs(ctx)
    if isinstance(runs, str):
        return [Row(what, None, "s", runs, budget, 1.2)]
    seconds = [r.seconds for r in runs]
    median = statistics.median(seconds)
    return [
        Row(
            what,
            median,
            "s",
            f"{median:.2f} s (median of {len(runs)}, min {min(seconds):.2f})",
            budget,
            1.2,
            {
                "runs_s": [round(s, 3) for s in seconds],
                "cpu_s": [round(r.cpu_seconds, 3) for r in runs],
                "note": "spawn → app.focused is #scan, headless run_test, bytecode cached",
            },
        )
    ]


def measure_memory(ctx: Context) -> list[Row]:
    what, budget = "memory of the running TUI", "≤ 200 MB"
    runs = _startup_runs(ctx)
    if isinstance(runs, str):
        return [Row(what, None, "MB", runs, budget, 200)]
    peak = max(r.hwm_kb for r in runs) / 1024
    rss = statistics.median(r.rss_kb for r in runs) / 1024
    return [
        Row(
            what,
            peak,
            "MB",
            f"{peak:.0f} MB peak RSS ({rss:.0f} MB now)",
            budget,
            200,
            {
                "vm_hwm_mb": [round(r.hwm_kb / 1024, 1) for r in runs],
                "vm_rss_mb": [round(r.rss_kb / 1024, 1) for r in runs],
            },
        )
    ]


# ---- barcode → line -------------------------------------------------------------------------


def measure_barcode(ctx: Context) -> list[Row]:
    from gerai.services.cart import Cart
    from gerai.services.catalog import find_by_code

    shop = ctx.shop()
    with ctx.raw() as raw:
        codes = [
            row[0]
            for row in raw.execute(
                "SELECT b.code FROM barcode b JOIN product p ON p.id = b.product_id "
                "WHERE p.active AND p.stock >= 1000"
            )
        ]
    rng = random.Random(SEED + 1)
    sample = [rng.choice(codes) for _ in range(520)]
    database = ctx.database()
    cart = Cart(global_discount_bp=shop.member_discount_bp)
    whole: list[float] = []
    lookup: list[float] = []
    for n, code in enumerate(sample):
        if len(cart.lines) >= LINES_PER_SALE:
            cart.clear()
        started = time.perf_counter()
        with database.read() as session:
            product = find_by_code(session, code)
        found = time.perf_counter()
        assert product is not None, code
        cart.add(product)
        cart.totals()
        done = time.perf_counter()
        if n >= 20:  # the first 20 warm the statement cache
            whole.append(ms(done - started))
            lookup.append(ms(found - started))
    stats = spread(whole)
    return [
        Row(
            "barcode → line (lookup + add + totals)",
            stats["median_ms"],
            "ms",
            f"{stats['median_ms']:.2f} ms median, p95 {stats['p95_ms']:.2f}",
            "≤ 10 ms",
            10,
            {
                **stats,
                "lookup_only": spread(lookup),
                "note": "one database.read() session per scan, as a worker would",
            },
        )
    ]


# ---- name search as you type ----------------------------------------------------------------


def typed_prefixes(name: str, limit: int = 24) -> list[str]:
    """What the search field holds after each key: "b", "be", ..., "beras m", ..."""
    text = name.lower()[:limit].rstrip()
    return [text[:i] for i in range(1, len(text) + 1)]


def measure_search(ctx: Context) -> list[Row]:
    from gerai.services.catalog import search_products

    with ctx.raw() as raw:
        names = [row[0] for row in raw.execute("SELECT name FROM product WHERE active")]
    rng = random.Random(SEED + 2)
    picked = rng.sample(names, min(25, len(names)))
    database = ctx.database()
    for warm in ("beras", "indomie", "sabun"):
        with database.read() as session:
            search_products(session, warm)
    timings: list[tuple[float, str, int]] = []
    for name in picked:
        for prefix in typed_prefixes(name):
            started = time.perf_counter()
            with database.read() as session:
                found = search_products(session, prefix)
            timings.append((ms(time.perf_counter() - started), prefix, len(found)))
    values = [t[0] for t in timings]
    stats = spread(values)
    slowest = sorted(timings, reverse=True)[:8]
    by_length: dict[int, list[float]] = {}
    for value, prefix, _ in timings:
        by_length.setdefault(min(len(prefix), 6), []).append(value)
    return [
        Row(
            "product name search as you type",
            stats["p95_ms"],
            "ms",
            f"{stats['median_ms']:.1f} ms median, p95 {stats['p95_ms']:.1f}, "
            f"max {stats['max_ms']:.1f}",
            "≤ 30 ms",
            30,
            {
                **stats,
                "names": picked,
                "median_ms_by_prefix_length": {
                    (f"{k}+" if k == 6 else str(k)): round(statistics.median(v), 2)
                    for k, v in sorted(by_length.items())
                },
                "slowest": [{"ms": round(v, 2), "typed": p, "results": c} for v, p, c in slowest],
            },
        )
    ]


# ---- sale commit: gerai vs raw sqlite3 ------------------------------------------------------

RAW_COUNTER = (
    "INSERT INTO receiptcounter (till, business_date, last_no) VALUES (?, ?, 1) "
    "ON CONFLICT (till, business_date) DO UPDATE SET last_no = receiptcounter.last_no + 1 "
    "RETURNING last_no"
)
RAW_SALE = (
    "INSERT INTO sale (receipt_no, till, business_date, created_at, member_id, cashier, gross, "
    'member_discount, manual_discount, total, paid, "change", status) '
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)
RAW_LINE = (
    "INSERT INTO saleline (sale_id, line_no, product_id, code, name, category, unit, qty, "
    "regular_price, unit_price, line_gross, line_total, cost, tax_category) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
RAW_PAYMENT = "INSERT INTO payment (sale_id, method, amount, tendered) VALUES (?, ?, ?, ?)"
RAW_STOCK = "UPDATE product SET stock = stock + ? WHERE id = ? AND stock + ? >= 0"
RAW_MOVE = (
    "INSERT INTO stockmovement (product_id, kind, qty, created_at, ref, sale_id, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


@dataclass
class PreparedSale:
    cart: Cart
    now: datetime
    business_date: str
    created: str
    member_id: int | None
    gross: int
    total: int
    paid: int
    change: int
    payments: list[tuple[str, int, int]]
    lines: list[tuple[Any, ...]]  # without sale_id
    moves: list[tuple[int, int]]  # (product_id, -qty milli)


def _prepare_sales(ctx: Context, count: int) -> list[PreparedSale]:
    from gerai.quantity import to_milli
    from gerai.services.cart import Cart
    from gerai.services.catalog import get_product
    from gerai.services.checkout import Tender, settle
    from gerai.services.members import get_member

    shop = ctx.shop()
    with ctx.raw() as raw:
        ids = [
            r[0]
            for r in raw.execute(
                "SELECT id FROM product WHERE active AND stock >= 50000 AND max_per_sale IS NULL"
            )
        ]
        member_ids = [r[0] for r in raw.execute("SELECT id FROM member WHERE active")]
    rng = random.Random(SEED + 3)
    moment = datetime.now(UTC).replace(microsecond=0)
    prepared = []
    with ctx.database().read() as session:
        for n in range(count):
            cart = Cart(
                global_discount_bp=shop.member_discount_bp,
                allow_negative_stock=shop.allow_negative_stock,
            )
            if rng.random() < 0.45:
                member = get_member(session, rng.choice(member_ids))
                assert member is not None
                cart.attach_member(member)
            for pid in rng.sample(ids, LINES_PER_SALE):
                product = get_product(session, pid)
                assert product is not None
                cart.add(product)
            totals = cart.totals()
            settlement = settle(totals.total, [Tender("tunai", None)], cart.member is not None)
            now = moment + timedelta(seconds=n)
            views = cart.view()
            prepared.append(
                PreparedSale(
                    cart=cart,
                    now=now,
                    business_date=shop.business_date(now).isoformat(),
                    created=_stamp(now),
                    member_id=cart.member.id if cart.member else None,
                    gross=totals.gross,
                    total=totals.total,
                    paid=settlement.paid,
                    change=settlement.change,
                    payments=list(settlement.payments),
                    lines=[
                        (
                            number,
                            v.product.id,
                            v.product.code,
                            v.product.name,
                            v.product.category,
                            v.product.unit,
                            to_milli(v.qty),
                            v.regular_price,
                            v.unit_price,
                            v.gross,
                            v.amount,
                            v.product.cost,
                            v.product.tax_category,
                        )
                        for number, v in enumerate(views, start=1)
                    ],
                    moves=[(v.product.id, -to_milli(v.qty)) for v in views],
                )
            )
    return prepared


def _raw_commit(conn: sqlite3.Connection, sale: PreparedSale) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        number = conn.execute(RAW_COUNTER, (TILL, sale.business_date)).fetchone()[0]
        receipt = f"{TILL}-{sale.business_date.replace('-', '')}-{number:04d}"
        sale_id = conn.execute(
            RAW_SALE,
            (
                receipt,
                TILL,
                sale.business_date,
                sale.created,
                sale.member_id,
                "kasir",
                sale.gross,
                sale.gross - sale.total,
                0,
                sale.total,
                sale.paid,
                sale.change,
                "completed",
            ),
        ).fetchone()[0]
        conn.executemany(RAW_LINE, [(sale_id, *line) for line in sale.lines])
        conn.executemany(RAW_PAYMENT, [(sale_id, *p) for p in sale.payments])
        for product_id, change in sale.moves:
            if conn.execute(RAW_STOCK, (change, product_id, change)).rowcount != 1:
                raise RuntimeError("stock refused")
        conn.executemany(
            RAW_MOVE,
            [
                (product_id, "sale", change, sale.created, receipt, sale_id, "")
                for product_id, change in sale.moves
            ],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _copy_database(source: Path, target: Path) -> None:
    remove_db(target)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def measure_commit(ctx: Context) -> list[Row]:
    from gerai.db import BUSY_TIMEOUT_MS, Database
    from gerai.services.checkout import Tender, checkout

    count = 60 if ctx.quick else 400
    warm = 10
    prepared = _prepare_sales(ctx, count + warm)
    shop = ctx.shop()
    copies = [ctx.path.with_name("commit-gerai.db"), ctx.path.with_name("commit-raw.db")]
    started = time.perf_counter()
    for copy in copies:
        _copy_database(ctx.path, copy)
    copy_seconds = time.perf_counter() - started
    database = Database(f"sqlite:///{copies[0]}")
    raw = sqlite3.connect(copies[1], isolation_level=None)
    for pragma in (
        f"busy_timeout = {BUSY_TIMEOUT_MS}",
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
    ):
        raw.execute(f"PRAGMA {pragma}")

    def gerai_commit(sale: PreparedSale) -> None:
        with database.write() as session:
            checkout(
                session,
                sale.cart,
                [Tender("tunai", None)],
                till=TILL,
                cashier="kasir",
                shop=shop,
                now=sale.now,
            )

    gerai_ms: list[float] = []
    raw_ms: list[float] = []
    try:
        for n, sale in enumerate(prepared):
            pair: list[tuple[Callable[[PreparedSale], None], list[float]]] = [
                (gerai_commit, gerai_ms),
                (partial(_raw_commit, raw), raw_ms),
            ]
            if n % 2:
                pair.reverse()  # alternate who goes first, so drift hits both alike
            for action, sink in pair:
                t0 = time.perf_counter()
                action(sale)
                elapsed = ms(time.perf_counter() - t0)
                if n >= warm:
                    sink.append(elapsed)
        with database.read() as session:
            from gerai.services.stock import stock_check

            mismatches = len(stock_check(session))
    finally:
        database.dispose()
        raw.close()
        for copy in copies:
            remove_db(copy)
    gerai_median = statistics.median(gerai_ms)
    raw_median = statistics.median(raw_ms)
    ratio = gerai_median / raw_median
    pair_ratio = statistics.median(g / r for g, r in zip(gerai_ms, raw_ms, strict=True))
    return [
        Row(
            "sale commit, 10 lines (gerai ÷ raw sqlite3)",
            ratio,
            "×",
            f"{ratio:.2f}× ({gerai_median:.2f} ms vs {raw_median:.2f} ms)",
            "≤ 3 × raw",
            3.0,
            {
                "gerai": spread(gerai_ms),
                "raw_sqlite3": spread(raw_ms),
                "median_of_pair_ratios": round(pair_ratio, 2),
                "overhead_ms": round(gerai_median - raw_median, 3),
                "copy_seconds": round(copy_seconds, 1),
                "stock_check_mismatches": mismatches,
            },
        )
    ]


# ---- daily summary --------------------------------------------------------------------------


def measure_daily_summary(ctx: Context) -> list[Row]:
    from gerai.services.reports import daily_summary

    shop = ctx.shop()
    first = date.fromisoformat(ctx.built.first_day)
    day = first + timedelta(days=ctx.built.days // 2)
    database = ctx.database()
    timings: list[float] = []
    summary = None
    for _ in range(21):
        started = time.perf_counter()
        with database.read() as session:
            summary = daily_summary(session, day, shop)
        timings.append(ms(time.perf_counter() - started))
    assert summary is not None
    first_ms, rest = timings[0], timings[1:]
    median = statistics.median(rest)
    return [
        Row(
            f"daily summary of one day ({day})",
            median,
            "ms",
            f"{median:.1f} ms median (first {first_ms:.1f})",
            "≤ 150 ms",
            150,
            {
                **spread(rest),
                "first_ms": round(first_ms, 3),
                "sales": summary.sales_count,
                "net": summary.net,
            },
        )
    ]


# ---- not built yet --------------------------------------------------------------------------


def not_built_yet(
    what: str, budget: str, unit: str, limit: float
) -> Callable[[Context], list[Row]]:
    """A placeholder row for a feature that has not landed; replace with a real function."""

    def measure(_ctx: Context) -> list[Row]:
        return [Row(what, None, unit, "not built yet", budget, limit)]

    measure.__name__ = "placeholder"
    return measure


# name → measurement, in the order of the report. Adding one = one function + one entry here.
MEASUREMENTS: list[tuple[str, Callable[[Context], list[Row]]]] = [
    ("startup", measure_startup),
    ("barcode", measure_barcode),
    ("search", measure_search),
    ("commit", measure_commit),
    ("summary", measure_daily_summary),
    ("pdf", not_built_yet("PDF of the daily summary", "≤ 1.5 s", "s", 1.5)),
    ("receipt", not_built_yet("receipt bytes for a 10-line sale", "≤ 20 ms", "ms", 20)),
    ("memory", measure_memory),
]


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def render(rows: Iterable[Row]) -> str:
    table = [("what", "measured", "budget", "ok?")]
    for row in rows:
        verdict = {True: "yes", False: "NO", None: "—"}[row.ok]
        table.append((row.what, row.measured, row.budget, verdict))
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in table]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, help=f"default {FULL['products']:,}")
    parser.add_argument("--days", type=int, help=f"default {FULL['days']}")
    parser.add_argument("--sales-per-day", type=int, help=f"default {FULL['sales_per_day']}")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small database (5,000 products, 7 days) and fewer repetitions",
    )
    parser.add_argument("--rebuild", action="store_true", help="build even if one exists")
    parser.add_argument("--build-only", action="store_true", help="build, measure nothing")
    parser.add_argument("--only", help="comma-separated: " + ",".join(n for n, _ in MEASUREMENTS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where databases live")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    size = dict(QUICK if args.quick else FULL)
    for key in size:
        if getattr(args, key) is not None:
            size[key] = getattr(args, key)
    only = set(args.only.split(",")) if args.only else None
    if only and (unknown := only - {n for n, _ in MEASUREMENTS}):
        parser.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")

    args.out.mkdir(parents=True, exist_ok=True)
    path = db_path_for(args.out, **size)
    built = None if args.rebuild else load_built(path, **size)
    if built is None:
        print(
            f"building {path} ({size['products']:,} products, {size['days']} days × "
            f"~{size['sales_per_day']} sales × {LINES_PER_SALE} lines)",
            flush=True,
        )
        built = build(path, **size)
        print(f"built in {built.build_seconds:.0f} s", flush=True)
        reused = False
    else:
        print(f"reusing {path} (built {built.built_at} in {built.build_seconds:.0f} s)")
        reused = True
    db_mb = path.stat().st_size / 2**20
    print(
        f"database: {db_mb:,.0f} MB, {built.products:,} products, {built.sales:,} sales, "
        f"{built.lines:,} lines, {built.first_day} … {built.last_day}\n",
        flush=True,
    )
    if args.build_only:
        return 0

    ctx = Context(path=path, built=built, quick=args.quick)
    rows: list[Row] = []
    for name, measure in MEASUREMENTS:
        if only and name not in only:
            continue
        print(f"measuring {name} …", flush=True)
        started = time.perf_counter()
        rows.extend(measure(ctx))
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    if ctx._database is not None:
        ctx._database.dispose()
    print()
    print(render(rows))

    if args.json:
        payload = {
            "database": {
                **asdict(built),
                "path": str(path),
                "size_mb": round(db_mb, 1),
                "reused": reused,
            },
            "machine": {
                "python": sys.version.split()[0],
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
                "sqlite": sqlite3.sqlite_version,
            },
            "results": [{**asdict(r), "ok": r.ok} for r in rows],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
