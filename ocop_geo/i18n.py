"""The UI string catalogue: Vietnamese first, English second.

Every string the app shows comes from :data:`STRINGS`; ``t(key, lang, **values)`` formats one.
A test checks that every key has both languages and that every ``t("…")`` call in the code names
a key that exists.
"""

from __future__ import annotations

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

STRINGS: dict[str, dict[str, str]] = {
    # -- app and navigation
    "app.title": {"vi": "OCOP Geo — Hà Nội", "en": "OCOP Geo — Hanoi"},
    "nav.home": {"vi": "Tổng quan", "en": "Overview"},
    "nav.map": {"vi": "Bản đồ", "en": "Map explorer"},
    "nav.about": {"vi": "Nguồn dữ liệu", "en": "About the data"},
    "sidebar.language": {"vi": "Ngôn ngữ", "en": "Language"},
    "sidebar.attribution": {"vi": "Ghi công dữ liệu", "en": "Data attribution"},
    "lang.vi": {"vi": "Tiếng Việt", "en": "Tiếng Việt"},
    "lang.en": {"vi": "English", "en": "English"},
    "error.data": {
        "vi": "Dữ liệu không hợp lệ — ứng dụng dừng để không hiển thị sai:",
        "en": "The data did not pass its checks — the app stops rather than show it wrong:",
    },
    "error.database": {
        "vi": "Không kết nối được cơ sở dữ liệu (OCOP_DATABASE_URL):",
        "en": "The database (OCOP_DATABASE_URL) cannot be reached:",
    },
    # -- home
    "home.title": {
        "vi": "Chương trình OCOP Hà Nội — mô hình chỉ đạo điểm năm 2020",
        "en": "Hanoi's OCOP programme — the 2020 pilot",
    },
    "home.intro": {
        "vi": "Kế hoạch 100/KH-UBND ngày 15/5/2020 của UBND thành phố Hà Nội triển khai thí điểm "
        "Chương trình Mỗi xã một sản phẩm (OCOP) theo ba nội dung:",
        "en": "Hanoi People's Committee plan 100/KH-UBND of 15/5/2020 piloted the One Commune One "
        "Product (OCOP) programme in three blocks:",
    },
    "home.block1": {
        "vi": "**Sự kiện văn hoá vùng miền:** 4 sự kiện giới thiệu sản phẩm OCOP (khoảng 150 gian "
        "hàng, 5 ngày mỗi sự kiện) tại phố đi bộ Trịnh Công Sơn, Tây Hồ.",
        "en": "**Regional-culture events:** four OCOP promotion events (about 150 booths, 5 days "
        "each) on the Trịnh Công Sơn walking street, Tây Hồ.",
    },
    "home.block2": {
        "vi": "**Điểm giới thiệu và bán sản phẩm OCOP:** 5 điểm thí điểm gắn với làng nghề và du "
        "lịch nông thôn — Vạn Phúc, Bát Tràng, Sài Sơn, Đường Lâm và showroom Trung tâm "
        "Khuyến công.",
        "en": "**OCOP introduction-and-sales points:** five pilot points tied to craft villages "
        "and rural tourism — Vạn Phúc, Bát Tràng, Sài Sơn, Đường Lâm and the Industrial Promotion "
        "Centre showroom.",
    },
    "home.block3": {
        "vi": "**Đề án trung tâm quốc gia:** trung tâm thiết kế sáng tạo và quảng bá sản phẩm OCOP "
        "gắn với du lịch sinh thái, địa bàn dự kiến Đông Anh.",
        "en": "**A national centre project:** a creative-design and OCOP promotion centre linked "
        "to eco-tourism, with Đông Anh as the candidate area.",
    },
    "home.figures": {"vi": "Số liệu chính", "en": "Headline figures"},
    "home.map": {"vi": "Sáu địa điểm của kế hoạch", "en": "The plan's six sites"},
    "home.open_map": {"vi": "Mở bản đồ chi tiết →", "en": "Open the map explorer →"},
    # -- map explorer
    "map.title": {"vi": "Bản đồ địa điểm OCOP", "en": "OCOP site map"},
    "map.search": {
        "vi": "Tìm địa điểm (gõ không dấu cũng được)",
        "en": "Find a site (diacritics optional)",
    },
    "map.search_none": {
        "vi": "Không có địa điểm nào khớp với “{q}”.",
        "en": "No site matches “{q}”.",
    },
    "map.site_pick": {"vi": "Chọn địa điểm", "en": "Pick a site"},
    "map.choropleth": {"vi": "Tô màu quận/huyện theo", "en": "Colour districts by"},
    "map.click_hint": {
        "vi": "Bấm vào một điểm trên bản đồ hoặc chọn ở trên để xem chi tiết.",
        "en": "Click a marker on the map or pick a site above to see its details.",
    },
    "map.boundaries": {"vi": "Ranh giới", "en": "Boundaries"},
    "figure.none": {"vi": "Không tô màu", "en": "No colouring"},
    "figure.area_km2": {"vi": "Diện tích (km²)", "en": "Area (km²)"},
    "figure.ocop_4star_2024": {
        "vi": "Sản phẩm OCOP 4 sao, đợt công nhận 2024",
        "en": "OCOP 4★ products, 2024 city round",
    },
    "figure.ocop_products_reported": {
        "vi": "Sản phẩm OCOP theo báo cáo gần nhất (năm khác nhau)",
        "en": "OCOP products, latest report found (years differ)",
    },
    "legend.no_data": {"vi": "Không có số liệu trong nguồn", "en": "No figure in the sources"},
    "layer.districts": {"vi": "Quận/huyện (2019–2025)", "en": "Districts (2019–2025)"},
    "layer.wards": {"vi": "Phường/xã (từ 1/7/2025)", "en": "Wards/communes (since 1/7/2025)"},
    "layer.sites": {"vi": "Điểm OCOP thí điểm", "en": "Pilot OCOP points"},
    "layer.accuracy": {"vi": "Vùng sai số toạ độ", "en": "Coordinate uncertainty"},
    "layer.candidate": {"vi": "Đông Anh — địa bàn dự kiến", "en": "Đông Anh — candidate area"},
    "layer.venue": {"vi": "Địa điểm sự kiện", "en": "Event venue"},
    "layer.tiles": {"vi": "Bản đồ nền", "en": "Base map"},
    "kind.pilot_point": {"vi": "Điểm thí điểm", "en": "Pilot point"},
    "kind.candidate_area": {"vi": "Địa bàn dự kiến", "en": "Candidate area"},
    "kind.event_venue": {"vi": "Địa điểm sự kiện", "en": "Event venue"},
    "tooltip.accuracy": {"vi": "sai số ±{m} m", "en": "±{m} m"},
    "tooltip.ward": {
        "vi": "Thuộc quận/huyện cũ: {d} ({share}%)",
        "en": "Former district: {d} ({share}%)",
    },
    # -- site details
    "site.kind": {"vi": "Loại", "en": "Kind"},
    "site.theme": {"vi": "Chủ đề", "en": "Theme"},
    "site.address": {"vi": "Địa chỉ", "en": "Address"},
    "site.unknown": {"vi": "chưa rõ", "en": "unknown"},
    "site.district_2020": {"vi": "Quận/huyện (2020)", "en": "District (2020)"},
    "site.ward_2025": {"vi": "Phường/xã (từ 1/7/2025)", "en": "Ward/commune (since 1/7/2025)"},
    "site.ward_unknown": {
        "vi": "chưa rõ — điểm đánh dấu nằm ở {w}",
        "en": "unknown — the marker lies in {w}",
    },
    "site.opened": {"vi": "Khai trương", "en": "Opened"},
    "site.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "site.cooperating": {"vi": "Phối hợp", "en": "Cooperating"},
    "site.plan": {"vi": "Nội dung kế hoạch", "en": "Plan block"},
    "site.tasks": {"vi": "Nhiệm vụ trong phụ lục", "en": "Appendix tasks"},
    "site.location": {"vi": "Vị trí", "en": "Location"},
    "site.coord": {"vi": "Toạ độ (WGS 84)", "en": "Coordinate (WGS 84)"},
    "site.accuracy": {"vi": "Độ chính xác", "en": "Accuracy"},
    "site.coord_source": {"vi": "Nguồn toạ độ", "en": "Coordinate source"},
    "site.estimate": {"vi": "ước tính", "en": "estimate"},
    "site.facts": {"vi": "Thông tin đã biết", "en": "What is known"},
    "site.source": {"vi": "nguồn", "en": "source"},
    "site.link": {"vi": "Đường dẫn chia sẻ", "en": "Shareable link"},
    "site.unknown_id": {
        "vi": "Không có địa điểm mã “{id}”; các mã hợp lệ: {ids}.",
        "en": "There is no site with id “{id}”; valid ids: {ids}.",
    },
    "confidence.V": {"vi": "đã xác minh", "en": "verified"},
    "confidence.P": {"vi": "xác minh một phần", "en": "partly verified"},
    "confidence.E": {"vi": "ước tính", "en": "estimate"},
    "confidence.NF": {"vi": "chưa tìm thấy", "en": "not found"},
    # -- product registry
    "nav.registry": {"vi": "Sản phẩm OCOP", "en": "OCOP products"},
    "registry.title": {
        "vi": "Danh mục sản phẩm OCOP trên bản đồ",
        "en": "OCOP product registry on the map",
    },
    "registry.intro": {
        "vi": "Tải lên danh sách sản phẩm (CSV UTF-8 hoặc Excel .xlsx): mỗi dòng cần tên sản phẩm, "
        "chủ thể, số sao (3/4/5), nhóm sản phẩm, năm công nhận và toạ độ hoặc xã/phường, "
        "quận/huyện. Sản phẩm được đặt theo toạ độ, nếu không thì theo tên xã/phường (2025) hoặc "
        "quận/huyện (2020).",
        "en": "Upload a product list (CSV UTF-8 or Excel .xlsx): each row needs the product name, "
        "producer, stars (3/4/5), product group, year rated and either coordinates or a "
        "ward/commune and district. Products are placed by coordinates, otherwise by the name of "
        "their ward/commune (2025) or district (2020).",
    },
    "registry.upload": {"vi": "Nhập danh sách mới", "en": "Import a list"},
    "registry.file": {"vi": "Tệp danh sách (.csv, .xlsx)", "en": "List file (.csv, .xlsx)"},
    "registry.name": {"vi": "Tên đợt nhập", "en": "Import name"},
    "registry.by": {"vi": "Người nhập", "en": "Imported by"},
    "registry.replace": {
        "vi": "Thay thế đợt nhập cùng tên nếu đã có",
        "en": "Replace an import of the same name",
    },
    "registry.save": {"vi": "Lưu vào cơ sở dữ liệu", "en": "Save to the database"},
    "registry.saved": {
        "vi": "Đã lưu “{name}”: {rows} dòng, {placed} dòng đặt được trên bản đồ.",
        "en": "Saved “{name}”: {rows} rows, {placed} placed on the map.",
    },
    "registry.invalid": {
        "vi": "Tệp không hợp lệ — chưa lưu gì. Sửa các lỗi sau rồi tải lại:",
        "en": "The file is not valid — nothing was saved. Fix these and upload it again:",
    },
    "registry.need_by": {"vi": "Hãy nhập tên người nhập.", "en": "Enter who is importing."},
    "registry.preview": {
        "vi": "Xem trước: {rows} dòng — {coordinates} theo toạ độ, {ward} theo xã/phường, "
        "{district} theo quận/huyện, {unplaced} chưa đặt được.",
        "en": "Preview: {rows} rows — {coordinates} by coordinates, {ward} by ward/commune, "
        "{district} by district, {unplaced} not placed.",
    },
    "registry.unplaced": {
        "vi": "Các dòng chưa đặt được và lý do",
        "en": "Rows not placed, and why",
    },
    "registry.imports": {"vi": "Đợt nhập đã lưu", "en": "Saved imports"},
    "registry.none": {
        "vi": "Chưa có đợt nhập nào. Ứng dụng không kèm sản phẩm nào: hãy nhập danh sách thật.",
        "en": "No import yet. The app ships no products: import a real list.",
    },
    "registry.import_label": {
        "vi": "{name} — {rows} dòng, {by}, {at}",
        "en": "{name} — {rows} rows, {by}, {at}",
    },
    "registry.remove": {"vi": "Xoá đợt nhập này", "en": "Remove this import"},
    "registry.remove_confirm": {"vi": "Tôi chắc chắn muốn xoá", "en": "I am sure"},
    "registry.removed": {"vi": "Đã xoá “{name}”.", "en": "Removed “{name}”."},
    "registry.stars": {"vi": "Hạng sao", "en": "Stars"},
    "registry.groups": {"vi": "Nhóm sản phẩm", "en": "Product groups"},
    "registry.level": {"vi": "Đơn vị", "en": "Units"},
    "registry.level.district": {"vi": "Quận/huyện (2020)", "en": "Districts (2020)"},
    "registry.level.ward": {"vi": "Phường/xã (2025)", "en": "Wards/communes (2025)"},
    "registry.style": {"vi": "Tô màu theo", "en": "Colour by"},
    "registry.style.count": {"vi": "Số sản phẩm", "en": "Number of products"},
    "registry.style.distance": {
        "vi": "Khoảng cách tới điểm OCOP thí điểm gần nhất (km)",
        "en": "Distance to the nearest pilot OCOP point (km)",
    },
    "registry.layer.products": {"vi": "Sản phẩm OCOP", "en": "OCOP products"},
    "registry.layer.units": {"vi": "Đơn vị hành chính", "en": "Administrative units"},
    "registry.names_hidden": {
        "vi": "Tên sản phẩm hiện trên bản đồ khi bộ lọc còn ≤ {n} sản phẩm (để bản đồ nhẹ).",
        "en": "Product names show on the map when the filter leaves ≤ {n} products (keeps the "
        "map light).",
    },
    "registry.counts": {
        "vi": "Số sản phẩm theo đơn vị và hạng sao",
        "en": "Products by unit and stars",
    },
    "registry.by_group": {
        "vi": "Số sản phẩm theo đơn vị và nhóm",
        "en": "Products by unit and group",
    },
    "registry.distance": {
        "vi": "Đơn vị nhiều sản phẩm nhưng xa điểm OCOP thí điểm",
        "en": "Units with many products far from any pilot OCOP point",
    },
    "registry.col_row": {"vi": "Dòng", "en": "Row"},
    "registry.col_product": {"vi": "Sản phẩm", "en": "Product"},
    "registry.col_ward_in": {"vi": "Xã/phường (trong tệp)", "en": "Ward/commune (in the file)"},
    "registry.col_district_in": {"vi": "Quận/huyện (trong tệp)", "en": "District (in the file)"},
    "registry.col_address": {"vi": "Địa chỉ", "en": "Address"},
    "registry.col_reason": {"vi": "Lý do", "en": "Reason"},
    "registry.col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "registry.col_total": {"vi": "Tổng", "en": "Total"},
    "registry.col_distance": {"vi": "Khoảng cách (km)", "en": "Distance (km)"},
    "registry.col_nearest": {"vi": "Điểm gần nhất", "en": "Nearest point"},
    "registry.download": {"vi": "Tải xuống", "en": "Downloads"},
    "registry.dl_geojson": {"vi": "Danh sách đã đặt (GeoJSON)", "en": "Placed list (GeoJSON)"},
    "registry.dl_csv": {"vi": "Danh sách đã đặt (CSV)", "en": "Placed list (CSV)"},
    "registry.dl_counts_csv": {"vi": "Bảng tổng hợp (CSV)", "en": "Summary table (CSV)"},
    "registry.dl_counts_xlsx": {"vi": "Bảng tổng hợp (Excel)", "en": "Summary table (Excel)"},
    "registry.tooltip": {
        "vi": "{n} sản phẩm · cách điểm thí điểm gần nhất {km} km",
        "en": "{n} products · {km} km to the nearest pilot point",
    },
    # -- about
    "about.title": {
        "vi": "Nguồn dữ liệu, giấy phép và những điều chưa biết",
        "en": "Sources, licences and what is unknown",
    },
    "about.layers": {"vi": "Các lớp bản đồ", "en": "Map layers"},
    "about.unknown": {"vi": "Những điều chưa biết", "en": "What is not known"},
    "about.unknown_list": {
        "vi": "- Địa điểm, diện tích của trung tâm quốc gia tại Đông Anh: kế hoạch không nêu.\n"
        "- Địa chỉ, ngày mở các điểm thí điểm tại Vạn Phúc, Sài Sơn, Đường Lâm năm 2020.\n"
        "- Địa chỉ chính thức và ngày mở showroom Trung tâm Khuyến công "
        "(176 Quang Trung là suy luận).\n"
        "- Ngày và địa điểm sự kiện OCOP Nam Bộ.\n"
        "- Bảng số sản phẩm OCOP đầy đủ theo quận/huyện cho bất kỳ năm nào.\n"
        "- Toạ độ khảo sát: mọi toạ độ điểm đều là ước tính, có ghi sai số.",
        "en": "- The site and land area of the national centre in Đông Anh: the plan names none.\n"
        "- Addresses and opening dates of the 2020 points at Vạn Phúc, Sài Sơn and Đường Lâm.\n"
        "- The Industrial Promotion Centre showroom's official address and opening date "
        "(176 Quang Trung is an inference).\n"
        "- The date and venue of the Southern OCOP event.\n"
        "- A complete per-district OCOP product table for any year.\n"
        "- Surveyed coordinates: every site coordinate is an estimate, with its accuracy shown.",
    },
    "about.confidence": {"vi": "Mức tin cậy", "en": "Confidence labels"},
    "about.validate": {
        "vi": "Mọi lớp được kiểm tra khi khởi động (lược đồ, hình học, vị trí trong quận và phường "
        "đã khai báo). Kiểm tra thủ công: `ocop-geo validate`.",
        "en": "Every layer is checked at start-up (schema, geometry, each site inside the district "
        "and ward it declares). Check by hand: `ocop-geo validate`.",
    },
    "about.sites_source": {
        "vi": "KH 100/KH-UBND (15/5/2020) và các bài báo, văn bản được dẫn cho từng thông tin "
        "(data/SOURCES.md)",
        "en": "KH 100/KH-UBND (15/5/2020) and the articles and documents cited for each fact "
        "(data/SOURCES.md)",
    },
    "about.venue_source": {
        "vi": "Cổng thông tin quận Tây Hồ và báo chí về các sự kiện 2020 (data/SOURCES.md)",
        "en": "Tây Hồ district portal and press reports of the 2020 events (data/SOURCES.md)",
    },
    "about.col_layer": {"vi": "Lớp", "en": "Layer"},
    "about.col_features": {"vi": "Số đối tượng", "en": "Features"},
    "about.col_source": {"vi": "Nguồn và giấy phép", "en": "Source and licence"},
}

ATTRIBUTIONS = {
    "districts": (
        "District boundaries: geoBoundaries (Runfola et al. 2020, PLoS ONE 15(4): e0231866), "
        "dataset VNM-ADM2-81297802 — source OCHA ROAP / Government of Viet Nam, licensed "
        "CC BY 3.0 IGO (https://creativecommons.org/licenses/by/3.0/igo/). Modified (subset, "
        "simplified, attributes added)."
    ),
    "wards": (
        "Ward/commune boundaries © OpenStreetMap contributors, available under the Open Database "
        "License (ODbL 1.0) — https://www.openstreetmap.org/copyright"
    ),
}


def number(value: float, lang: str = DEFAULT_LANG, /) -> str:
    """``value`` with the language's separators: 3.317 and 9,42 in Vietnamese; 3,317 and 9.42
    in English. Whole numbers get no decimals, others two."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def date(iso: str, lang: str = DEFAULT_LANG, /) -> str:
    """An ISO date ``YYYY-MM-DD`` as Vietnamese ``d/m/yyyy`` or English ``d Mon yyyy``."""
    year, month, day = (int(part) for part in iso.split("-"))
    if lang == "vi":
        return f"{day}/{month}/{year}"
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{day} {months[month - 1]} {year}"


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The string ``key`` in ``lang`` (falls back to Vietnamese), formatted with ``values``.

    Raises
    ------
    KeyError
        If ``key`` is not in the catalogue: a missing string is a bug, not a blank label.
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text
