"""The UI string catalogue: Vietnamese first, English second.

Every string the app shows comes from :data:`STRINGS`; ``t(key, lang, **values)`` formats one.
A test checks that every key has both languages and that every ``t("…")`` call in the code names
a key that exists.
"""

from __future__ import annotations

import calendar
from datetime import timedelta, timezone

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
#: Hanoi's time zone (Indochina Time, UTC+7 all year, no daylight saving): times shown to people.
HANOI = timezone(timedelta(hours=7), "ICT")

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
    "error.settings": {
        "vi": "Cấu hình máy chủ không hợp lệ (biến môi trường OCOP_*) — báo quản trị viên:",
        "en": "The server's settings (OCOP_* environment variables) are invalid — tell the "
        "administrator:",
    },
    "error.database": {
        "vi": "Không kết nối được cơ sở dữ liệu (OCOP_DATABASE_URL):",
        "en": "The database (OCOP_DATABASE_URL) cannot be reached:",
    },
    # -- route designer (pages/routes.py, ocop_geo/ui/route_panel.py)
    "nav.routes": {"vi": "Thiết kế tuyến", "en": "Route designer"},
    "route.title": {
        "vi": "Thiết kế tuyến du lịch làng nghề",
        "en": "Village-tourism route designer",
    },
    "route.intro": {
        "vi": "Nối các điểm OCOP thí điểm với làng nghề và di tích thành tour trong ngày: chọn "
        "điểm dừng, phương tiện và giờ xuất phát; tối ưu thứ tự; lưu, chia sẻ và xuất GPX/KML.",
        "en": "Link the pilot OCOP points with craft villages and heritage sites into day tours: "
        "pick stops, a travel mode and a start time; optimise the order; save, share and export "
        "GPX/KML.",
    },
    "route.search": {"vi": "Tìm điểm dừng (gõ không dấu cũng được)", "en": "Find a stop"},
    "route.search_none": {"vi": "Không có điểm nào khớp “{q}”.", "en": "No stop matches “{q}”."},
    "route.add": {"vi": "Thêm điểm dừng", "en": "Add a stop"},
    "route.add_hint": {"vi": "{n} điểm phù hợp — chọn một", "en": "{n} matching — pick one"},
    "route.add_button": {"vi": "Thêm", "en": "Add"},
    "route.stops": {"vi": "Các điểm dừng, theo thứ tự", "en": "Stops, in order"},
    "route.stops_help": {
        "vi": "Điểm đầu tiên là điểm xuất phát. Bấm vào chấm trên bản đồ để thêm điểm.",
        "en": "The first stop is the start. Click a dot on the map to add a stop.",
    },
    "route.mode": {"vi": "Phương tiện", "en": "Travel mode"},
    "route.start": {"vi": "Giờ xuất phát", "en": "Start time"},
    "route.optimise": {"vi": "Tối ưu thứ tự", "en": "Optimise the order"},
    "route.optimise_help": {
        "vi": "Giữ điểm xuất phát; chính xác tới 12 điểm, từ 13 tới 80 điểm dùng heuristic.",
        "en": "Keeps the start; exact up to 12 stops, a heuristic from 13 to 80.",
    },
    "route.round_trip": {"vi": "Quay về điểm xuất phát", "en": "Round trip"},
    "route.fixed_end": {"vi": "Giữ điểm cuối", "en": "Keep the last stop last"},
    "route.respect_hours": {"vi": "Theo giờ mở cửa", "en": "Respect opening hours"},
    "route.hours_help": {
        "vi": "Khi tối ưu, tránh đến một điểm lúc đã đóng cửa (chờ nếu đến sớm). Điểm không rõ "
        "giờ mở cửa coi như luôn mở.",
        "en": "When optimising, avoid reaching a stop while it is closed (wait if early). Stops "
        "with unknown hours count as always open.",
    },
    "route.published": {"vi": "Tuyến đã công bố", "en": "Published routes"},
    "route.published_hint": {"vi": "Dùng làm điểm khởi đầu…", "en": "Use as a starting point…"},
    "route.use": {"vi": "Dùng", "en": "Use"},
    "route.published_note": {
        "vi": "{publisher} ({published}); nguồn: {source}",
        "en": "{publisher} ({published}); source: {source}",
    },
    "route.undated": {"vi": "không ghi ngày", "en": "undated"},
    "route.saved_title": {"vi": "Tour đã lưu", "en": "Saved tours"},
    "route.saved": {"vi": "Mở tour đã lưu", "en": "Open a saved tour"},
    "route.saved_hint": {"vi": "{n} tour đã lưu", "en": "{n} saved tours"},
    "route.open": {"vi": "Mở", "en": "Open"},
    "route.delete": {"vi": "Xoá", "en": "Delete"},
    "route.save_name": {"vi": "Tên tour", "en": "Tour name"},
    "route.save_by": {"vi": "Người lưu", "en": "Saved by"},
    "route.save_replace": {"vi": "Ghi đè tour cùng tên", "en": "Replace a tour of that name"},
    "route.save": {"vi": "Lưu tour", "en": "Save tour"},
    "route.saved_ok": {"vi": "Đã lưu tour “{name}”.", "en": "Saved tour “{name}”."},
    "route.planning": {"vi": "Đang tính tuyến qua {n} điểm…", "en": "Planning {n} stops…"},
    "route.need_two": {
        "vi": "Chọn ít nhất hai điểm dừng để tính tuyến.",
        "en": "Pick at least two stops to plan a tour.",
    },
    "route.cannot_plan": {"vi": "Không tính được tuyến:", "en": "The tour cannot be planned:"},
    "route.router_error": {
        "vi": "Cấu hình định tuyến không hợp lệ (OCOP_ROUTER, OCOP_ROAD_GRAPH, OCOP_OSRM_URL):",
        "en": "The routing configuration is invalid (OCOP_ROUTER, OCOP_ROAD_GRAPH, OCOP_OSRM_URL):",
    },
    "route.bad_link": {
        "vi": "Liên kết tour không hợp lệ: {problem}",
        "en": "The tour link is not valid: {problem}",
    },
    "route.unknown_stops": {
        "vi": "Liên kết nhắc tới điểm dừng không có trong dữ liệu: {ids}",
        "en": "The link names stops that are not in the data: {ids}",
    },
    "route.map_hint": {
        "vi": "Chấm xám: điểm có thể thêm (bấm để thêm). Số đỏ: thứ tự tham quan. Nét đứt: "
        "quãng đường ước tính.",
        "en": "Grey dots: stops you can add (click to add). Red numbers: the visiting order. "
        "Dashed: estimated legs.",
    },
    "route.estimate_note": {
        "vi": "Ước tính: quãng đường = đường chim bay × hệ số đường vòng, thời gian theo tốc độ "
        "trung bình của phương tiện. Nạp mạng đường OSM (`ocop-geo roads import`) hoặc cấu hình "
        "OSRM để có số liệu theo đường thật.",
        "en": "Estimate: distance = straight line × a detour factor, time from the mode's average "
        "speed. Import an OSM road network (`ocop-geo roads import`) or configure OSRM for "
        "road figures.",
    },
    "route.backend_note": {
        "vi": "Tính trên mạng đường ({backend}).",
        "en": "Computed on the road network ({backend}).",
    },
    "route.total_km": {"vi": "Tổng quãng đường (km)", "en": "Total distance (km)"},
    "route.travel": {"vi": "Thời gian di chuyển", "en": "Travel time"},
    "route.finish": {"vi": "Kết thúc lúc", "en": "Finish at"},
    "route.saving": {"vi": "Tiết kiệm (km)", "en": "Saving (km)"},
    "route.saving_help": {
        "vi": "So với đi theo đúng thứ tự đã nhập.",
        "en": "Against the order as entered.",
    },
    "route.print": {"vi": "Bản in", "en": "Printable"},
    "route.share": {
        "vi": "Liên kết chia sẻ tour này:",
        "en": "Link to share this tour:",
    },
    "route.estimated_position": {
        "vi": "{name} (vị trí ước tính ±{m} m)",
        "en": "{name} (estimated position ±{m} m)",
    },
    "route.layer_candidates": {"vi": "Điểm có thể thêm", "en": "Stops to add"},
    "route.layer_tour": {"vi": "Tuyến", "en": "Tour"},
    "route.click_to_add": {"vi": "{name} — bấm để thêm", "en": "{name} — click to add"},
    "route.leg_tooltip": {
        "vi": "Chặng {n}: {km} km, {min} phút",
        "en": "Leg {n}: {km} km, {min} min",
    },
    # -- OCOP events (pages/events.py, ocop_geo/ui/events_panel.py, ocop_geo/events/)
    "nav.events": {"vi": "Sự kiện OCOP", "en": "OCOP events"},
    "events.title": {
        "vi": "Sự kiện quảng bá OCOP vùng miền năm 2020",
        "en": "Regional OCOP promotion events, 2020",
    },
    "events.intro": {
        "vi": "Khối I của Kế hoạch 100/KH-UBND (15/5/2020): các sự kiện giới thiệu sản phẩm OCOP "
        "gắn với văn hóa vùng miền tại phố đi bộ Trịnh Công Sơn, cùng hội nghị, tập huấn và lễ "
        "khai trương các điểm. Thời gian dự kiến đặt cạnh thời gian thực tế; mọi con số có nguồn "
        "và mức tin cậy; điều chưa biết ghi là “chưa rõ”.",
        "en": "Block I of plan KH 100/KH-UBND (15/5/2020): OCOP promotion events with regional "
        "culture on Trịnh Công Sơn walking street, plus the conference, the training classes and "
        "the openings of the points. Planned dates beside actual ones; every figure with its "
        "source and confidence; what is not known says “unknown”.",
    },
    "events.timeline": {"vi": "Dự kiến và thực tế", "en": "Planned and actual"},
    "events.timeline_help": {
        "vi": "Thanh tím nhạt: tháng trong phụ lục KH 100 (khi lịch dự kiến sau đó khác); thanh "
        "nhạt viền đứt: thời gian dự kiến (sự kiện vùng miền: theo CV 2375/UBND-KT, CV "
        "3060/UBND-KT và báo chí); thanh đậm: thời gian thực tế. Nguồn chỉ ghi tháng thì thanh "
        "kéo dài cả tháng. Tỉ lệ theo ngày.",
        "en": "Lilac bar: the month in KH 100's appendix (where the dates set later differ); "
        "light dashed bar: planned (regional events: as set by CV 2375/UBND-KT, CV 3060/UBND-KT "
        "and the press); solid bar: actual. Where the source gives only the month, the bar spans "
        "the whole month. Time scale in days.",
    },
    "events.outside_year": {
        "vi": "Không vẽ (ngoài năm 2020, xem bảng): {names}",
        "en": "Not drawn (outside 2020, see the table): {names}",
    },
    "events.figures": {"vi": "Số liệu từng sự kiện", "en": "Figures per event"},
    "events.figures_help": {
        "vi": "“hơn 50.000”: nguồn ghi “hơn”, là con số tối thiểu, không phải số chính xác. Tin "
        "cậy V: đã kiểm chứng; P: kiểm chứng một phần hoặc suy luận; NF: không tìm thấy.",
        "en": "“over 50,000”: the source says “more than” — a lower bound, not an exact figure. "
        "Confidence V: verified; P: partly verified or inferred; NF: not found.",
    },
    "events.details": {"vi": "Nguồn và ghi chú", "en": "Sources and notes"},
    "events.detail.planned": {"vi": "Dự kiến", "en": "Planned"},
    "events.detail.actual": {"vi": "Thực tế", "en": "Actual"},
    "events.detail.venue": {"vi": "Địa điểm", "en": "Venue"},
    "events.detail.sources": {"vi": "Nguồn", "en": "Sources"},
    "events.detail.planned_sources": {"vi": "Nguồn kế hoạch", "en": "Plan sources"},
    "events.unknown": {"vi": "chưa rõ", "en": "unknown"},
    "events.no_plan": {"vi": "không thuộc kế hoạch đã biết", "en": "no known plan"},
    "events.more_than": {"vi": "hơn {n}", "en": "over {n}"},
    "events.vnd_billion": {"vi": "{n} tỷ đồng", "en": "VND {n} billion"},
    "events.vnd": {"vi": "{n} đồng", "en": "VND {n}"},
    "events.series.plan": {"vi": "Kế hoạch KH 100", "en": "KH 100 plan"},
    "events.series.planned": {"vi": "Dự kiến", "en": "Planned"},
    "events.chart.plan_row": {
        "vi": "{period} (KH 100, phụ lục dòng {n})",
        "en": "{period} (KH 100, appendix row {n})",
    },
    "events.series.actual": {"vi": "Thực tế", "en": "Actual"},
    "events.chart.postponed": {"vi": "hoãn {n} ngày", "en": "postponed {n} days"},
    "events.chart.unknown": {"vi": "chưa rõ", "en": "unknown"},
    "events.chart.by": {"vi": "trước {d}", "en": "before {d}"},
    "events.chart.lane": {"vi": "Dự kiến / thực tế", "en": "Planned / actual"},
    "events.chart.period": {"vi": "Thời gian", "en": "Period"},
    "events.col.event": {"vi": "Sự kiện", "en": "Event"},
    "events.col.kind": {"vi": "Loại", "en": "Kind"},
    "events.col.planned": {"vi": "Dự kiến", "en": "Planned"},
    "events.col.actual": {"vi": "Thực tế", "en": "Actual"},
    "events.col.status": {"vi": "Tình trạng", "en": "Status"},
    "events.col.booths": {"vi": "Gian hàng", "en": "Booths"},
    "events.col.provinces": {"vi": "Tỉnh, thành", "en": "Provinces"},
    "events.col.products": {"vi": "Sản phẩm OCOP", "en": "OCOP products"},
    "events.col.visitors": {"vi": "Lượt khách", "en": "Visitors"},
    "events.col.sales": {"vi": "Doanh thu", "en": "Sales"},
    "events.col.confidence": {"vi": "Tin cậy", "en": "Confidence"},
    "events.status.held": {"vi": "Đã tổ chức", "en": "Held"},
    "events.status.postponed_then_held": {
        "vi": "Hoãn, sau đó tổ chức",
        "en": "Postponed, then held",
    },
    "events.status.unknown": {"vi": "Chưa rõ", "en": "Unknown"},
    "events.status.not_held_in_2020": {"vi": "Không tổ chức năm 2020", "en": "Not held in 2020"},
    "events.kind.regional_event": {"vi": "Sự kiện vùng miền", "en": "Regional event"},
    "events.kind.fair": {"vi": "Hội chợ", "en": "Fair"},
    "events.kind.conference": {"vi": "Hội nghị", "en": "Conference"},
    "events.kind.training": {"vi": "Tập huấn", "en": "Training"},
    "events.kind.opening": {"vi": "Khai trương điểm", "en": "Point opening"},
    "events.venue_title": {"vi": "Địa điểm và sơ đồ gian hàng", "en": "Venue and booth layout"},
    "events.position_not_sourced": {
        "vi": "(vị trí chưa có nguồn toạ độ)",
        "en": "(position not sourced)",
    },
    "events.unmapped": {
        "vi": "{venue}: vị trí chưa có nguồn toạ độ, không vẽ trên bản đồ.",
        "en": "{venue}: position not sourced, not drawn on the map.",
    },
    "events.planner_help": {
        "vi": "Không có nguồn nào cho hình dạng phố Trịnh Công Sơn hay Vũ Tuấn Chiêu, nên trục phố "
        "do bạn vẽ trên bản đồ (công cụ đường kẻ) hoặc tải lên (GeoJSON, đường LineString, toạ độ "
        "[kinh độ, vĩ độ]). Gian hàng được xếp hai bên trục phố, đo bằng mét (UTM 48N).",
        "en": "No source gives the shape of Trịnh Công Sơn or Vũ Tuấn Chiêu street, so you draw "
        "the street centre lines on the map (line tool) or upload them (GeoJSON LineStrings, "
        "[lon, lat]). Booths are laid out along both sides, measured in metres (UTM 48N).",
    },
    "events.upload": {"vi": "Tệp GeoJSON trục phố", "en": "Street centre lines (GeoJSON)"},
    "events.width": {"vi": "Chiều ngang gian (m)", "en": "Booth width (m)"},
    "events.depth": {"vi": "Chiều sâu gian (m)", "en": "Booth depth (m)"},
    "events.gap": {"vi": "Khoảng cách hai gian (m)", "en": "Gap between booths (m)"},
    "events.aisle": {"vi": "Lối đi giữa hai dãy (m)", "en": "Aisle between rows (m)"},
    "events.end_clearance": {"vi": "Để trống đầu, cuối phố (m)", "en": "Clearance at ends (m)"},
    "events.both_sides": {"vi": "Gian hàng hai bên phố", "en": "Booths on both sides"},
    "events.count": {"vi": "Số gian hàng", "en": "Number of booths"},
    "events.zones_help": {
        "vi": "Thêm dòng để chia khu; tổng số gian các khu phải bằng số gian hàng. Khu đầu tiên "
        "nhận các gian đầu phố.",
        "en": "Add rows to split into zones; the zones' booths must add up to the number of "
        "booths. The first zone gets the first booths along the streets.",
    },
    "events.zone_name": {"vi": "Khu", "en": "Zone"},
    "events.zone_count": {"vi": "Số gian", "en": "Booths"},
    "events.zone_all": {"vi": "Tất cả", "en": "All"},
    "events.drawn_source": {"vi": "đường vẽ trên bản đồ", "en": "lines drawn on the map"},
    "events.drawn_name": {"vi": "Đường vẽ {n}", "en": "Drawn line {n}"},
    "events.map_hint": {
        "vi": "Công cụ đường kẻ ở góc trái bản đồ: nhấp từng điểm dọc trục phố, nhấp lại điểm "
        "cuối để kết thúc.",
        "en": "Line tool at the map's top left: click points along the street's centre, click "
        "the last point again to finish.",
    },
    "events.no_streets": {
        "vi": "Chưa có trục phố: vẽ một đường trên bản đồ hoặc tải tệp GeoJSON lên.",
        "en": "No street yet: draw a line on the map or upload a GeoJSON file.",
    },
    "events.bad_input": {"vi": "Không lập được sơ đồ: {problem}", "en": "Cannot plan: {problem}"},
    "events.placed": {"vi": "Gian đã xếp", "en": "Booths placed"},
    "events.capacity": {"vi": "Sức chứa các phố (gian)", "en": "Street capacity (booths)"},
    "events.missing": {"vi": "Còn thiếu (m đường)", "en": "Street missing (m)"},
    "events.fits": {
        "vi": "Đủ chỗ: xếp được {placed} gian; các phố chứa tối đa {capacity} gian.",
        "en": "It fits: {placed} booths placed; the streets take up to {capacity}.",
    },
    "events.no_fit": {
        "vi": "Không đủ chỗ: thiếu {m} m đường — xếp được {placed}/{requested} gian.",
        "en": "It does not fit: {m} m of street missing — {placed} of {requested} booths placed.",
    },
    "events.legend": {"vi": "Khu", "en": "Zones"},
    "events.per_street": {"vi": "Theo từng phố", "en": "Per street"},
    "events.col.street": {"vi": "Phố", "en": "Street"},
    "events.col.length": {"vi": "Dài (m)", "en": "Length (m)"},
    "events.col.left": {"vi": "Bên trái", "en": "Left"},
    "events.col.right": {"vi": "Bên phải", "en": "Right"},
    "events.col.capacity": {"vi": "Sức chứa", "en": "Capacity"},
    "events.col.placed": {"vi": "Đã xếp", "en": "Placed"},
    "events.dl_geojson": {"vi": "Tải gian hàng (GeoJSON)", "en": "Download booths (GeoJSON)"},
    "events.dl_csv": {"vi": "Tải gian hàng (CSV)", "en": "Download booths (CSV)"},
    "events.booth_tooltip": {
        "vi": "Gian {no} · {zone} · {street}, bên {side}",
        "en": "Booth {no} · {zone} · {street}, {side} side",
    },
    "events.side.left": {"vi": "trái", "en": "left"},
    "events.side.right": {"vi": "phải", "en": "right"},
    "events.layer.streets": {"vi": "Trục phố", "en": "Street lines"},
    "events.layer.booths": {"vi": "Gian hàng", "en": "Booths"},
    # -- Đông Anh centre: candidate sites (pages/candidates.py, ocop_geo/ui/candidates_*.py,
    #    ocop_geo/candidates/)
    "nav.candidates": {"vi": "Trung tâm Đông Anh", "en": "Đông Anh centre"},
    "cand.title": {
        "vi": "Trung tâm quốc gia tại Đông Anh — so sánh địa điểm dự kiến",
        "en": "The national centre in Đông Anh — comparing candidate sites",
    },
    "cand.intro": {
        "vi": "Khối III của Kế hoạch 100/KH-UBND (15/5/2020): Đề án Trung tâm thiết kế sáng tạo "
        "và giới thiệu, quảng bá sản phẩm OCOP gắn với du lịch sinh thái của Quốc gia tại Hà Nội, "
        "địa bàn dự kiến Đông Anh — kế hoạch không nêu địa điểm cụ thể. Đặt các điểm dự kiến "
        "(bấm vào bản đồ hoặc nhập toạ độ) và so sánh khoảng cách tới sân bay Nội Bài, trung tâm "
        "thành phố, Cổ Loa, năm điểm thí điểm và làng nghề.",
        "en": "Block III of plan KH 100/KH-UBND (15/5/2020): a project for a national centre for "
        "creative design and promotion of OCOP products linked to eco-tourism, with Đông Anh as "
        "the candidate area — the plan names no site. Place candidate sites (click the map or "
        "type coordinates) and compare their distances to Nội Bài airport, the city centre, Cổ "
        "Loa, the five pilot points and the craft villages.",
    },
    "cand.auto_name": {"vi": "Điểm {n}", "en": "Site {n}"},
    "cand.add_title": {"vi": "Thêm điểm dự kiến", "en": "Add a candidate"},
    "cand.form_name": {"vi": "Tên", "en": "Name"},
    "cand.form_lat": {"vi": "Vĩ độ (lat, WGS 84)", "en": "Latitude (WGS 84)"},
    "cand.form_lon": {"vi": "Kinh độ (lon, WGS 84)", "en": "Longitude (WGS 84)"},
    "cand.form_add": {"vi": "Thêm", "en": "Add"},
    "cand.form_need_all": {
        "vi": "Cần nhập đủ tên, vĩ độ và kinh độ.",
        "en": "Give a name, a latitude and a longitude.",
    },
    "cand.name_taken": {
        "vi": "Đã có điểm tên “{name}” — chọn tên khác.",
        "en": "There is already a candidate named “{name}” — choose another name.",
    },
    "cand.bad_position": {
        "vi": "Toạ độ không dùng được: {problem}",
        "en": "The position cannot be used: {problem}",
    },
    "cand.list": {"vi": "Các điểm dự kiến ({n})", "en": "Candidates ({n})"},
    "cand.remove": {"vi": "Chọn điểm để xoá", "en": "Pick a candidate to remove"},
    "cand.remove_button": {"vi": "Xoá", "en": "Remove"},
    "cand.clear": {"vi": "Xoá tất cả", "en": "Remove all"},
    "cand.anywhere": {"vi": "Cho phép mọi nơi trong Hà Nội", "en": "Allow anywhere in Hanoi"},
    "cand.anywhere_help": {
        "vi": "Mặc định điểm phải nằm trong huyện Đông Anh cũ (ranh giới 2019–2025), địa bàn kế "
        "hoạch nêu. Phường/xã từ 1/7/2025 chứa điểm luôn được ghi.",
        "en": "By default a candidate must lie inside the former Đông Anh district (2019–2025 "
        "boundary), the area the plan names. The ward/commune (since 1/7/2025) is always given.",
    },
    "cand.weights": {"vi": "Trọng số (0–10)", "en": "Weights (0–10)"},
    "cand.weights_share": {"vi": "Tỉ trọng sau chuẩn hoá: {shares}", "en": "Normalised: {shares}"},
    "cand.weights_zero": {
        "vi": "Cần ít nhất một trọng số lớn hơn 0.",
        "en": "At least one weight must be above 0.",
    },
    "cand.crit.airport": {"vi": "Sân bay Nội Bài", "en": "Nội Bài airport"},
    "cand.crit.centre": {"vi": "Trung tâm (hồ Hoàn Kiếm)", "en": "City centre (Hoàn Kiếm)"},
    "cand.crit.co_loa": {"vi": "Thành Cổ Loa", "en": "Cổ Loa citadel"},
    "cand.crit.pilots": {"vi": "5 điểm thí điểm (TB)", "en": "5 pilot points (mean)"},
    "cand.crit.craft": {"vi": "Làng nghề gần nhất", "en": "Nearest craft village"},
    "cand.map_hint": {
        "vi": "Bấm vào bản đồ để thêm một điểm dự kiến. Vòng 15/30/45 phút là ước tính (ô tô "
        "30 km/h, hệ số đường vòng 1,3; bán kính = tốc độ × thời gian ÷ 1,3), không theo mạng "
        "đường.",
        "en": "Click the map to add a candidate. The 15/30/45-minute rings are estimates (car "
        "30 km/h, detour factor 1.3; radius = speed × time ÷ 1.3), not road-network isochrones.",
    },
    "cand.rings_for": {
        "vi": "Vòng thời gian (ước tính) quanh",
        "en": "Time rings (estimate) around",
    },
    "cand.layer_anchors": {"vi": "Mốc so sánh", "en": "Reference places"},
    "cand.layer_rings": {
        "vi": "Vòng 15/30/45 phút (ước tính)",
        "en": "15/30/45-min rings (estimate)",
    },
    "cand.layer_candidates": {"vi": "Điểm dự kiến", "en": "Candidates"},
    "cand.anchor_tooltip": {
        "vi": "{name} · sai số ±{m} m · độ tin cậy {conf}",
        "en": "{name} · ±{m} m · confidence {conf}",
    },
    "cand.source": {"vi": "Nguồn", "en": "Source"},
    "cand.ring_tooltip": {
        "vi": "{name}: {min} phút ô tô (ước tính) ≈ {km} km đường chim bay",
        "en": "{name}: {min} min by car (estimate) ≈ {km} km in a straight line",
    },
    "cand.outside": {
        "vi": "“{name}” ({lat}, {lon}) nằm ngoài huyện Đông Anh cũ nên không được tính điểm. Bật "
        "“Cho phép mọi nơi trong Hà Nội” để giữ điểm này.",
        "en": "“{name}” ({lat}, {lon}) lies outside the former Đông Anh district and is not "
        "scored. Switch on “Allow anywhere in Hanoi” to keep it.",
    },
    "cand.outside_city": {
        "vi": "“{name}” ({lat}, {lon}) nằm ngoài Hà Nội nên không được tính điểm.",
        "en": "“{name}” ({lat}, {lon}) lies outside Hanoi and is not scored.",
    },
    "cand.need_one": {
        "vi": "Thêm ít nhất một điểm dự kiến trong địa bàn để xếp hạng.",
        "en": "Add at least one candidate inside the area to see a ranking.",
    },
    "cand.ranking": {"vi": "Xếp hạng", "en": "Ranking"},
    "cand.col_rank": {"vi": "Hạng", "en": "Rank"},
    "cand.col_order": {"vi": "Số trên bản đồ", "en": "No. on the map"},
    "cand.col_name": {"vi": "Tên", "en": "Name"},
    "cand.col_commune": {"vi": "Phường/xã (từ 1/7/2025)", "en": "Ward/commune (since 1/7/2025)"},
    "cand.col_total": {"vi": "Tổng điểm", "en": "Total"},
    "cand.col_km": {"vi": "{crit} (km)", "en": "{crit} (km)"},
    "cand.col_road_km": {"vi": "{crit} (km đường bộ)", "en": "{crit} (road km)"},
    "cand.col_score": {"vi": "{crit} (điểm)", "en": "{crit} (score)"},
    "cand.unknown": {"vi": "không rõ", "en": "unknown"},
    "cand.formula": {
        "vi": "Điểm mỗi tiêu chí: **s = 100 × max(0, 1 − d / d_max)** — 100 tại mốc, 0 từ d_max "
        "trở ra, tuyến tính ở giữa; d là khoảng cách đường chim bay (trắc địa, WGS 84). d_max là "
        "quãng đường chim bay mà ô tô đi hết 1 giờ theo ước tính (30 km/h ÷ 1,3 = 23,1 km), 2 giờ "
        "cho trung bình tới 5 điểm thí điểm (46,2 km) — giả định của chúng tôi (E). **Tổng = Σ "
        "trọng số × điểm**, trọng số chuẩn hoá tổng bằng 1; bằng điểm thì xếp theo tên.",
        "en": "Score per criterion: **s = 100 × max(0, 1 − d / d_max)** — 100 at the target, 0 "
        "at d_max and beyond, linear in between; d is the straight-line (geodesic, WGS 84) "
        "distance. d_max is the straight-line distance an estimated car trip covers in an hour "
        "(30 km/h ÷ 1.3 = 23.1 km), two hours for the mean over the five pilot points (46.2 km) "
        "— our assumption (E). **Total = Σ weight × score**, weights normalised to sum 1; ties "
        "are ordered by name.",
    },
    "cand.col_criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "cand.col_target": {"vi": "Đo tới", "en": "Measured to"},
    "cand.col_how": {"vi": "Cách tính", "en": "How"},
    "cand.col_dmax": {"vi": "d_max (km)", "en": "d_max (km)"},
    "cand.col_weight": {"vi": "Trọng số (%)", "en": "Weight (%)"},
    "cand.how.nearest": {"vi": "gần nhất", "en": "nearest"},
    "cand.how.mean": {"vi": "trung bình", "en": "mean"},
    "cand.road_none": {
        "vi": "Chưa có mạng đường bộ (bộ định tuyến là ước tính): quãng đường bộ để trống. Điểm "
        "tính theo khoảng cách đường chim bay.",
        "en": "No road network is configured (the router is the estimate): road distances are "
        "left empty. Scores use straight-line distances.",
    },
    "cand.road_backend": {
        "vi": "Quãng đường bộ (ô tô) theo “{backend}”, chỉ để tham khảo; điểm vẫn tính theo "
        "khoảng cách đường chim bay.",
        "en": "Road distances (car) from “{backend}”, for information; scores still use "
        "straight-line distances.",
    },
    "cand.road_failed": {
        "vi": "Không tính được quãng đường bộ: {note}",
        "en": "Road distances could not be computed: {note}",
    },
    "cand.road_partial": {
        "vi": "Một số quãng đường bộ để trống (không có đường ô tô): {note}",
        "en": "Some road distances are left empty (no route by car): {note}",
    },
    "cand.chart_title": {"vi": "Điểm theo tiêu chí", "en": "Scores by criterion"},
    "cand.chart_score": {"vi": "Điểm (0–100)", "en": "Score (0–100)"},
    "cand.chart_criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "cand.chart_weight": {"vi": "Trọng số (%)", "en": "Weight (%)"},
    "cand.download_csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "cand.download_geojson": {"vi": "Tải GeoJSON", "en": "Download GeoJSON"},
    "cand.saved_title": {"vi": "Bộ điểm đã lưu", "en": "Saved candidate sets"},
    "cand.saved": {"vi": "Bộ điểm đã lưu", "en": "Saved sets"},
    "cand.saved_hint": {"vi": "{n} bộ — chọn một", "en": "{n} saved — pick one"},
    "cand.open": {"vi": "Mở", "en": "Open"},
    "cand.delete": {"vi": "Xoá", "en": "Delete"},
    "cand.save_name": {"vi": "Tên bộ điểm", "en": "Name of the set"},
    "cand.save_by": {"vi": "Người lưu", "en": "Saved by"},
    "cand.save_replace": {"vi": "Ghi đè nếu trùng tên", "en": "Replace a set of the same name"},
    "cand.save": {"vi": "Lưu bộ điểm", "en": "Save the set"},
    "cand.saved_ok": {"vi": "Đã lưu “{name}”.", "en": "Saved “{name}”."},
    "cand.project_title": {
        "vi": "Đề án Trung tâm: các bước và tình trạng",
        "en": "The project: steps and status",
    },
    "cand.after_2020": {
        "vi": "Sau năm 2020, theo các nguồn",
        "en": "After 2020, as the sources say",
    },
    "cand.status_summary": {
        "vi": "[P] Không thấy dấu hiệu một trung tâm quốc gia duy nhất ở Đông Anh đã được xây "
        "dựng; thành phố chuyển sang mô hình phân tán gồm các trung tâm cấp xã.",
        "en": "[P] No sign that a single national centre in Đông Anh was built; the city moved "
        "to a distributed model of commune-level centres.",
    },
    "cand.status_item": {
        "vi": "**{date} — {doc}** [{conf}]: {text} ([nguồn]({url}))",
        "en": "**{date} — {doc}** [{conf}]: {text} ([source]({url}))",
    },
    # -- accounts and log-in (ocop_geo/ui/auth.py)
    "auth.title": {"vi": "Tài khoản", "en": "Account"},
    "auth.username": {"vi": "Tên đăng nhập", "en": "Username"},
    "auth.password": {"vi": "Mật khẩu", "en": "Password"},
    "auth.login": {"vi": "Đăng nhập", "en": "Log in"},
    "auth.logout": {"vi": "Đăng xuất", "en": "Log out"},
    "auth.login_hint": {
        "vi": "Không cần đăng nhập để xem; biên tập viên đăng nhập để cập nhật tiến độ.",
        "en": "Viewing needs no log-in; editors log in to update the readiness checklists.",
    },
    "auth.signed_in": {
        "vi": "Đang đăng nhập: **{name}** — {role}",
        "en": "Logged in: **{name}** — {role}",
    },
    "auth.role.viewer": {"vi": "người xem", "en": "viewer"},
    "auth.role.editor": {"vi": "biên tập viên", "en": "editor"},
    "auth.role.admin": {"vi": "quản trị viên", "en": "administrator"},
    "auth.sites": {"vi": "Điểm được giao: {sites}", "en": "Assigned sites: {sites}"},
    "auth.no_sites": {"vi": "Chưa được giao điểm nào.", "en": "No site assigned yet."},
    "auth.agencies": {
        "vi": "Đơn vị (cập nhật nhiệm vụ kế hoạch do đơn vị chủ trì): {agencies}",
        "en": "Agencies (update the plan tasks they lead): {agencies}",
    },
    "auth.wrong": {
        "vi": "Sai tên đăng nhập hoặc mật khẩu.",
        "en": "Wrong username or password.",
    },
    "auth.slowed": {
        "vi": "Sau nhiều lần đăng nhập sai với tên này, mỗi lần thử phải chờ lâu hơn (tối đa "
        "{most} giây); lần này đã chờ {seconds} giây.",
        "en": "After repeated failed log-ins with this name each attempt waits longer (at most "
        "{most} s); this one waited {seconds} s.",
    },
    "auth.ended": {
        "vi": "Bạn đã bị đăng xuất: tài khoản không còn tồn tại.",
        "en": "You were logged out: the account no longer exists.",
    },
    "auth.config_error": {
        "vi": "Bảng vai trò [ocop_roles] trong secrets.toml không hợp lệ — mọi người chỉ được xem:",
        "en": "The [ocop_roles] table in secrets.toml is not valid — everyone is a viewer:",
    },
    # -- readiness overview (pages/readiness.py, ocop_geo/ui/readiness_*.py, ocop_geo/readiness/)
    "nav.readiness": {"vi": "Mức độ sẵn sàng", "en": "Readiness overview"},
    "ready.title": {
        "vi": "Mức độ sẵn sàng của các điểm OCOP thí điểm",
        "en": "Readiness of the pilot OCOP points",
    },
    "ready.intro": {
        "vi": "Danh mục tiêu chí của điểm giới thiệu và bán sản phẩm OCOP (QĐ 920/QĐ-BCT và các "
        "văn bản liên quan) cùng các mốc của KH 100/KH-UBND, theo từng điểm, tính đến một ngày.",
        "en": "The criteria of an OCOP introduction-and-sales point (QĐ 920/QĐ-BCT and related "
        "documents) and the milestones of KH 100/KH-UBND, site by site, as of a chosen day.",
    },
    "ready.as_of": {"vi": "Tính đến ngày", "en": "As of"},
    "ready.as_of_help": {
        "vi": "Mặc định là hôm nay; chọn một ngày năm 2020 để xem lại kế hoạch theo ngày có bằng "
        "chứng.",
        "en": "Today by default; pick a day of 2020 to replay the plan from the evidence dates.",
    },
    "ready.rules": {
        "vi": "Một hạng mục được tính là xong tại ngày D khi trạng thái là “hoàn thành” và ngày "
        "bằng chứng (nếu không có thì ngày cập nhật) không sau D. Mốc trễ hạn: tháng kế hoạch đã "
        "kết thúc trước D mà chưa xong. Mức sẵn sàng = hạng mục xong ÷ hạng mục áp dụng (không "
        "tính “không áp dụng”; “chưa rõ” là chưa xong).",
        "en": "An item counts as done as of day D when its status is done and its evidence date "
        "(or, without one, its update day) is not after D. A milestone is late when its planned "
        "month ended before D and it is not done. Readiness = done items ÷ applicable items (not "
        "applicable left out; unknown counts as not done).",
    },
    "ready.sites_ready": {"vi": "Điểm đã sẵn sàng", "en": "Sites ready"},
    "ready.items_done": {"vi": "Hạng mục đã xong", "en": "Items done"},
    "ready.milestones_late": {"vi": "Mốc trễ hạn", "en": "Milestones late"},
    "ready.of": {"vi": "{n}/{total}", "en": "{n} of {total}"},
    "ready.summary": {
        "vi": "Tính đến {date}: {ready}/{sites} điểm sẵn sàng; {done}/{items} hạng mục xong; "
        "{late} mốc trễ hạn.",
        "en": "As of {date}: {ready} of {sites} sites ready; {done} of {items} items done; "
        "{late} milestones late.",
    },
    "ready.plan_tasks": {
        "vi": "Tiến độ 15 nhiệm vụ của phụ lục KH 100/KH-UBND và 13 đơn vị phụ trách (mục IV): "
        "xem trang “Tiến độ kế hoạch” và “Đơn vị phụ trách”. Mốc của từng điểm dưới đây là phần "
        "của điểm đó trong nhiệm vụ 5–9.",
        "en": "Progress on the 15 tasks of the KH 100/KH-UBND appendix and its 13 responsible "
        "parties (section IV): see the “Plan timeline” and “Agencies” pages. Each point's "
        "milestones below are its part of tasks 5–9.",
    },
    "ready.bars": {"vi": "Mức sẵn sàng theo điểm", "en": "Readiness by site"},
    "ready.map": {"vi": "Bản đồ mức sẵn sàng", "en": "Readiness map"},
    "ready.map_tooltip": {
        "vi": "{name}: {share} ({done}/{items} hạng mục, {late} mốc trễ)",
        "en": "{name}: {share} ({done} of {items} items, {late} late milestones)",
    },
    "ready.no_share": {"vi": "không có danh mục", "en": "no checklist"},
    "ready.percent": {"vi": "{p} %", "en": "{p}%"},
    "ready.site_heading": {
        "vi": "{name} — {share} ({done}/{items})",
        "en": "{name} — {share} ({done} of {items})",
    },
    "ready.ready_badge": {"vi": "đã sẵn sàng", "en": "ready"},
    "ready.unverified": {"vi": "chưa xác minh", "en": "not verified"},
    "ready.late": {"vi": "trễ hạn", "en": "late"},
    "ready.planned": {"vi": "kế hoạch {start}–{end}", "en": "planned {start}–{end}"},
    "ready.kind.criterion": {"vi": "Tiêu chí", "en": "Criteria"},
    "ready.kind.milestone": {"vi": "Mốc kế hoạch", "en": "Plan milestones"},
    "ready.status.not_started": {"vi": "chưa bắt đầu", "en": "not started"},
    "ready.status.in_progress": {"vi": "đang thực hiện", "en": "in progress"},
    "ready.status.done": {"vi": "hoàn thành", "en": "done"},
    "ready.status.not_applicable": {"vi": "không áp dụng", "en": "not applicable"},
    "ready.status.blocked": {"vi": "vướng mắc", "en": "blocked"},
    "ready.status.unknown": {"vi": "chưa rõ", "en": "unknown"},
    "ready.status.done_later": {
        "vi": "chưa xong (xong ngày {date})",
        "en": "not yet (done {date})",
    },
    "ready.col.site": {"vi": "Điểm", "en": "Site"},
    "ready.col.share": {"vi": "Mức sẵn sàng", "en": "Readiness"},
    "ready.col.done": {"vi": "Xong/áp dụng", "en": "Done/applicable"},
    "ready.col.late": {"vi": "Mốc trễ", "en": "Late milestones"},
    "ready.col.item": {"vi": "Hạng mục", "en": "Item"},
    "ready.col.status": {"vi": "Trạng thái", "en": "Status"},
    "ready.col.note": {"vi": "Ghi chú", "en": "Note"},
    "ready.col.evidence": {"vi": "Bằng chứng", "en": "Evidence"},
    "ready.col.evidence_date": {"vi": "Ngày bằng chứng", "en": "Evidence date"},
    "ready.col.by": {"vi": "Người cập nhật", "en": "Updated by"},
    "ready.col.when": {"vi": "Cập nhật lúc", "en": "Updated at"},
    "ready.col.source": {"vi": "Căn cứ", "en": "Source"},
    "ready.evidence_link": {"vi": "bằng chứng", "en": "evidence"},
    "ready.history": {"vi": "Lịch sử thay đổi", "en": "History"},
    "ready.no_history": {"vi": "Chưa có thay đổi nào.", "en": "No change recorded yet."},
    "ready.history_line": {
        "vi": "{when} — {who} — {item}: {changes} (phiên bản {version})",
        "en": "{when} — {who} — {item}: {changes} (version {version})",
    },
    "ready.edit": {"vi": "Cập nhật: {item}", "en": "Update: {item}"},
    "ready.field.status": {"vi": "Trạng thái", "en": "Status"},
    "ready.field.note": {"vi": "Ghi chú", "en": "Note"},
    "ready.field.url": {
        "vi": "Đường dẫn bằng chứng (http/https)",
        "en": "Evidence URL (http/https)",
    },
    "ready.field.date": {"vi": "Ngày bằng chứng", "en": "Evidence date"},
    "ready.save": {"vi": "Lưu", "en": "Save"},
    "ready.saved": {
        "vi": "Đã lưu “{item}” (phiên bản {version}).",
        "en": "Saved “{item}” (version {version}).",
    },
    "ready.nothing": {"vi": "Không có gì thay đổi.", "en": "Nothing changed."},
    "ready.conflict": {
        "vi": "{who} đã lưu “{item}” lúc {when} (trạng thái: {status}; ghi chú: {note}). Thay đổi "
        "của bạn chưa được lưu — nội dung bạn nhập vẫn còn; xem lại rồi bấm Lưu lần nữa.",
        "en": "{who} saved “{item}” at {when} (status: {status}; note: {note}). Your change was "
        "not saved — what you typed is kept; review theirs and press Save again.",
    },
    "ready.invalid": {"vi": "Không lưu được: {message}", "en": "Not saved: {message}"},
    "auth.view_only": {
        "vi": "Chế độ chỉ xem — đăng nhập bằng tài khoản biên tập viên để lưu hoặc xoá.",
        "en": "View only — log in as an editor to save or delete.",
    },
    "registry.view_only": {
        "vi": "Chế độ chỉ xem — chỉ quản trị viên được lưu, thay thế hoặc xoá danh sách sản phẩm.",
        "en": "View only — only an admin may save, replace or remove a product list.",
    },
    "ready.view_only": {
        "vi": "Chế độ chỉ xem — đăng nhập bằng tài khoản được giao điểm để cập nhật.",
        "en": "View only — log in with an account assigned to a site to update it.",
    },
    "ready.downloads": {"vi": "Tải xuống", "en": "Downloads"},
    "ready.download_xlsx": {"vi": "Bảng tính Excel (.xlsx)", "en": "Excel workbook (.xlsx)"},
    "ready.download_pdf": {"vi": "Báo cáo tóm tắt (PDF)", "en": "Briefing (PDF)"},
    "ready.pdf_unavailable": {
        "vi": "Không tạo được PDF: {message}",
        "en": "The PDF cannot be made: {message}",
    },
    "ready.pdf_title": {
        "vi": "Mức độ sẵn sàng các điểm OCOP thí điểm (KH 100/KH-UBND)",
        "en": "Readiness of the pilot OCOP points (KH 100/KH-UBND)",
    },
    # -- the plan's tasks (pages/plan.py, pages/agencies.py)
    "nav.plan": {"vi": "Tiến độ kế hoạch", "en": "Plan timeline"},
    "nav.agencies": {"vi": "Đơn vị phụ trách", "en": "Agencies"},
    "plan.title": {
        "vi": "Tiến độ 15 nhiệm vụ của KH 100/KH-UBND",
        "en": "The 15 tasks of KH 100/KH-UBND",
    },
    # -- the PDF briefing's pictures and summary page (ocop_geo/readiness/_pdf_pictures.py)
    "brief.district_2020": {"vi": "Quận/huyện (2020): {name}", "en": "District (2020): {name}"},
    "brief.ward_2025": {"vi": "Phường/xã (2025): {name}", "en": "Ward/commune (2025): {name}"},
    "brief.ward_unknown": {
        "vi": "Phường/xã (2025): chưa xác định",
        "en": "Ward/commune (2025): not known",
    },
    "brief.not_done": {"vi": "chưa xong", "en": "not done"},
    "brief.done_day": {"vi": "ngày xong", "en": "day done"},
    "brief.as_of_line": {"vi": "ngày xem", "en": "as-of day"},
    "brief.tasks_late": {"vi": "Nhiệm vụ trễ hạn", "en": "Plan tasks late"},
    "brief.tasks_late_value": {"vi": "{n}/{total}", "en": "{n} of {total}"},
    "brief.unavailable": {"vi": "chưa có", "en": "n/a"},
    "brief.most_overdue": {
        "vi": "Nhiệm vụ trễ hạn nhất (KH 100/KH-UBND, phụ lục)",
        "en": "Most overdue plan tasks (KH 100/KH-UBND, appendix)",
    },
    "brief.none_late": {
        "vi": "Tính đến {date}, không nhiệm vụ nào của kế hoạch trễ hạn.",
        "en": "As of {date}, no plan task is late.",
    },
    "brief.col.task": {"vi": "TT", "en": "No."},
    "brief.col.title": {"vi": "Nhiệm vụ", "en": "Task"},
    "brief.col.lead": {"vi": "Đơn vị chủ trì", "en": "Lead agency"},
    "brief.col.planned_end": {"vi": "Hạn kế hoạch", "en": "Planned end"},
    "brief.col.overdue": {"vi": "Trễ", "en": "Overdue"},
    "brief.col.applicable": {"vi": "Hạng mục áp dụng", "en": "Items applicable"},
    "brief.total": {"vi": "Tổng", "en": "Total"},
    "brief.days": {"vi": "{n} ngày", "en": "{n} days"},
    "brief.map_caption": {
        "vi": "Phường/xã 2025 (nét mảnh) và quận/huyện 2020 (nét đậm). Ranh giới: geoBoundaries "
        "(CC BY 3.0 IGO), © OpenStreetMap contributors (ODbL).",
        "en": "2025 wards/communes (thin lines) and 2020 districts (thick lines). Boundaries: "
        "geoBoundaries (CC BY 3.0 IGO), © OpenStreetMap contributors (ODbL).",
    },
    "brief.locator": {"vi": "Vị trí", "en": "Location"},
    "brief.milestones": {
        "vi": "Các mốc theo tháng của kế hoạch",
        "en": "Milestones against the plan's months",
    },
    "plan.intro": {
        "vi": "Danh mục nhiệm vụ trong phụ lục Kế hoạch 100/KH-UBND ngày 15/5/2020: thời gian dự "
        "kiến (phụ lục) so với thực tế (bằng chứng), tính đến một ngày. Nhiệm vụ 5–9 chỉ xong khi "
        "xong ở cả 5 điểm thí điểm; “chưa rõ” là chưa xong.",
        "en": "The task list in the appendix of plan 100/KH-UBND of 15/5/2020: planned periods "
        "(the appendix) against actual (the evidence), as of a chosen day. Tasks 5–9 are done only "
        "when done at all five pilot points; unknown is not done.",
    },
    "plan.rules": {
        "vi": "Nhiệm vụ trễ hạn tại ngày D: tháng kết thúc dự kiến đã qua trước D mà chưa xong.",
        "en": "A task is late as of day D when its planned end month ended before D and it is "
        "not done.",
    },
    "plan.tasks_done": {"vi": "Nhiệm vụ đã xong", "en": "Tasks done"},
    "plan.tasks_late": {"vi": "Nhiệm vụ trễ hạn", "en": "Tasks late"},
    "plan.gantt": {"vi": "Biểu đồ tiến độ", "en": "Timeline"},
    "plan.section.I": {"vi": "I. Sự kiện vùng miền", "en": "I. Regional events"},
    "plan.section.II": {"vi": "II. Điểm giới thiệu, bán sản phẩm", "en": "II. Pilot points"},
    "plan.section.III": {"vi": "III. Đề án Trung tâm", "en": "III. The centre's Đề án"},
    "plan.series.planned": {"vi": "Kế hoạch", "en": "Planned"},
    "plan.series.actual": {"vi": "Thực tế", "en": "Actual"},
    "plan.kind.planned": {"vi": "Kế hoạch", "en": "Planned"},
    "plan.kind.late": {"vi": "Kế hoạch (trễ hạn)", "en": "Planned (late)"},
    "plan.kind.actual": {"vi": "Thực tế (xong)", "en": "Actual (done)"},
    "plan.kind.partial": {"vi": "Thực tế (một phần)", "en": "Actual (in part)"},
    "plan.col.task": {"vi": "TT", "en": "No."},
    "plan.col.section": {"vi": "Mục", "en": "Section"},
    "plan.col.title": {"vi": "Nhiệm vụ", "en": "Task"},
    "plan.col.period": {"vi": "Thời gian dự kiến", "en": "Planned"},
    "plan.col.lead": {"vi": "Đơn vị chủ trì", "en": "Lead"},
    "plan.col.status": {"vi": "Trạng thái", "en": "Status"},
    "plan.col.done_parts": {"vi": "Số phần xong", "en": "Parts done"},
    "plan.col.done_date": {"vi": "Ngày xong", "en": "Done on"},
    "plan.col.late": {"vi": "Trễ hạn", "en": "Late"},
    "plan.col.cooperating": {"vi": "Đơn vị phối hợp", "en": "Cooperating"},
    "plan.col.bar": {"vi": "Thanh", "en": "Bar"},
    "plan.col.agency": {"vi": "Đơn vị", "en": "Agency"},
    "plan.col.site": {"vi": "Địa điểm", "en": "Place"},
    "plan.yes": {"vi": "có", "en": "yes"},
    "plan.venue": {"vi": "Phố đi bộ Trịnh Công Sơn", "en": "Trịnh Công Sơn walking street"},
    "plan.pick_task": {"vi": "Chọn nhiệm vụ", "en": "Pick a task"},
    "plan.result": {"vi": "Kết quả cần đạt được", "en": "Expected result (the plan's text)"},
    "plan.title_en": {"vi": "Tên tiếng Anh", "en": "In English"},
    "plan.period_text": {"vi": "Thời gian dự kiến thực hiện", "en": "Planned period (as written)"},
    "plan.lead": {"vi": "Đơn vị chủ trì", "en": "Lead"},
    "plan.cooperating": {"vi": "Đơn vị phối hợp", "en": "Cooperating units"},
    "plan.budget": {"vi": "Kinh phí (mục III)", "en": "Funding (section III)"},
    "plan.budget_line": {
        "vi": "{section}: QĐ {decision} ngày {date}, giao {holder}",
        "en": "{section}: QĐ {decision} of {date}, allocated to {holder}",
    },
    "plan.note": {"vi": "Ghi chú về văn bản", "en": "Note on the text"},
    "plan.source": {"vi": "Nguồn", "en": "Source"},
    "plan.parts": {"vi": "Theo từng điểm", "en": "Point by point"},
    "plan.evidence": {"vi": "Bằng chứng", "en": "Evidence"},
    "plan.history": {"vi": "Lịch sử thay đổi của nhiệm vụ", "en": "History of the task"},
    "plan.update": {"vi": "Cập nhật nhiệm vụ {n}", "en": "Update task {n}"},
    "plan.update_point": {"vi": "Điểm", "en": "Point"},
    "plan.saved": {
        "vi": "Đã lưu nhiệm vụ {n} (phiên bản {version}).",
        "en": "Saved task {n} (version {version}).",
    },
    "plan.view_only": {
        "vi": "Chế độ chỉ xem — đăng nhập bằng tài khoản của đơn vị chủ trì ({lead}) để cập nhật.",
        "en": "View only — log in with an account of the lead agency ({lead}) to update it.",
    },
    "plan.download_csv": {"vi": "Danh mục nhiệm vụ (CSV)", "en": "Task list (CSV)"},
    "plan.download_ics": {
        "vi": "Lịch thời gian dự kiến (.ics)",
        "en": "Planned periods as a calendar (.ics)",
    },
    "plan.role.lead": {"vi": "chủ trì", "en": "lead"},
    "plan.role.cooperate": {"vi": "phối hợp", "en": "cooperates"},
    "plan.role.cooperate_iv": {"vi": "phối hợp (mục IV)", "en": "cooperates (section IV)"},
    "plan.agencies_title": {
        "vi": "Đơn vị phụ trách trong KH 100/KH-UBND",
        "en": "The agencies of KH 100/KH-UBND",
    },
    "plan.agencies_intro": {
        "vi": "13 đơn vị của mục IV và các đơn vị khác được phụ lục nêu tên: chủ trì hay phối hợp "
        "nhiệm vụ nào, nhiệm vụ nào trễ hạn, và nhiệm vụ theo mục IV.",
        "en": "Section IV's 13 parties and the other units the appendix names: which tasks each "
        "leads or cooperates on, which are late, and its duties under section IV.",
    },
    "plan.matrix": {"vi": "Đơn vị × nhiệm vụ", "en": "Agencies × tasks"},
    "plan.pick_agency": {"vi": "Chọn đơn vị", "en": "Pick an agency"},
    "plan.leads": {"vi": "Nhiệm vụ chủ trì", "en": "Tasks it leads"},
    "plan.cooperates": {"vi": "Nhiệm vụ phối hợp", "en": "Tasks it cooperates on"},
    "plan.late_list": {"vi": "Trễ hạn tại {date}", "en": "Late as of {date}"},
    "plan.none_late": {
        "vi": "Không có nhiệm vụ chủ trì nào trễ hạn.",
        "en": "No task it leads is late.",
    },
    "plan.none": {"vi": "Không có.", "en": "None."},
    "plan.duties": {"vi": "Nhiệm vụ theo mục IV", "en": "Duties under section IV"},
    "plan.not_party": {
        "vi": "Không phải một đơn vị của mục IV; được nêu tại: {where}",
        "en": "Not a party of section IV; named in: {where}",
    },
    "plan.party": {"vi": "Mục IV.{n}", "en": "Section IV.{n}"},
    "plan.checklist": {
        "vi": "Các bước của Đề án (nhiệm vụ 10–15, phụ lục KH 100), tính đến {date}",
        "en": "The Đề án's steps (tasks 10–15 of KH 100's appendix), as of {date}",
    },
    "plan.pdf_title": {
        "vi": "Nhiệm vụ trễ hạn theo đơn vị chủ trì — tính đến {date}",
        "en": "Late tasks by lead agency — as of {date}",
    },
    "plan.pdf_none": {"vi": "Không có nhiệm vụ nào trễ hạn.", "en": "No task is late."},
    "plan.sheet": {"vi": "Nhiệm vụ kế hoạch", "en": "Plan tasks"},
    "ready.sheet.summary": {"vi": "Tóm tắt", "en": "Summary"},
    "ready.sheet.checklists": {"vi": "Danh mục kiểm tra", "en": "Checklists"},
    "ready.sheet.audit": {"vi": "Nhật ký thay đổi", "en": "Audit log"},
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
    "map.assets_missing": {
        "vi": "Bản đồ chưa hiển thị được: thiếu các tệp bản đồ ngoại tuyến (Leaflet và plugin) "
        "trong thư mục `{dir}`. Người quản trị hãy chạy `make assets` (hoặc `ocop-geo assets "
        "fetch`) trên máy chủ, rồi tải lại trang.",
        "en": "The map cannot be drawn: the offline map files (Leaflet and its plugins) are "
        "missing from `{dir}`. The administrator should run `make assets` (or `ocop-geo assets "
        "fetch`) on the server, then reload the page.",
    },
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
    # -- tourism stops and published routes (map explorer)
    "layer.pois": {
        "vi": "Làng nghề, di tích, điểm tham quan",
        "en": "Craft villages, heritage and sights",
    },
    "layer.routes": {"vi": "Tuyến du lịch đã công bố", "en": "Published tour routes"},
    "poikind.craft_village": {"vi": "Làng nghề", "en": "Craft village"},
    "poikind.heritage": {"vi": "Di tích", "en": "Heritage site"},
    "poikind.museum": {"vi": "Bảo tàng", "en": "Museum"},
    "poikind.market": {"vi": "Chợ", "en": "Market"},
    "poikind.landmark": {"vi": "Địa danh", "en": "Landmark"},
    "poikind.other": {"vi": "Điểm tham quan khác", "en": "Other sight"},
    "poi.visit": {
        "vi": "Thời gian tham quan khoảng {m} phút ({c})",
        "en": "Typical visit about {m} min ({c})",
    },
    "poi.hours": {"vi": "Giờ mở cửa: {h}", "en": "Opening hours: {h}"},
    "poi.hours_unknown": {"vi": "chưa rõ (không có nguồn)", "en": "unknown (no source)"},
    "poi.near": {"vi": "Gần địa điểm: {s}", "en": "Near site: {s}"},
    "poi.sources": {"vi": "Nguồn", "en": "Sources"},
    "poi.coord.commune_article": {
        "vi": "Vị trí: tâm xã/phường cũ (trước 2025) — ước tính, sai số ±{m} m",
        "en": "Position: centre of the pre-2025 commune — an estimate, ±{m} m",
    },
    "poi.coord.landmark_article": {
        "vi": "Vị trí: toạ độ trên trang viết về chính địa điểm, sai số ±{m} m",
        "en": "Position: from a page about the place itself, ±{m} m",
    },
    "poi.coord.facts_estimate": {
        "vi": "Vị trí: ước tính của nhóm nghiên cứu, sai số ±{m} m",
        "en": "Position: the research notes' estimate, ±{m} m",
    },
    "poi.coord.admin_area_point": {
        "vi": "Vị trí: một điểm trong đơn vị hành chính chứa địa điểm (không có toạ độ có nguồn)"
        " — ước tính, địa điểm nằm trong bán kính ±{m} m",
        "en": "Position: a point inside the administrative unit that contains the place (no "
        "sourced coordinate) — an estimate, the place is within ±{m} m",
    },
    "pubroute.mode.car": {"vi": "Ô tô", "en": "By car"},
    "pubroute.mode.motorbike": {"vi": "Xe máy", "en": "By motorbike"},
    "pubroute.mode.bicycle": {"vi": "Xe đạp", "en": "By bicycle"},
    "pubroute.mode.walk": {"vi": "Đi bộ", "en": "On foot"},
    "pubroute.published": {"vi": "công bố: {d}", "en": "published: {d}"},
    "pubroute.undated": {"vi": "không ghi ngày", "en": "undated"},
    "pubroute.distance": {"vi": "quãng đường công bố {km} km", "en": "published length {km} km"},
    "pubroute.schematic": {
        "vi": "Đường vẽ nối thẳng các điểm dừng (sơ đồ), không phải đường đi thật.",
        "en": "Drawn as straight lines between the stops (schematic), not the road.",
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
    "registry.col_ward_2025": {"vi": "Xã/phường 2025", "en": "Ward/commune 2025"},
    "registry.col_district_2020": {"vi": "Quận/huyện (2019–2025)", "en": "District (2019–2025)"},
    "registry.col_matched": {"vi": "Cách khớp", "en": "How matched"},
    "registry.col_accuracy": {"vi": "Sai số (m)", "en": "Accuracy (m)"},
    "registry.matches": {
        "vi": "Từng dòng: tên trong tệp, đơn vị 2025 và cách khớp",
        "en": "Each row: the name in the file, the 2025 unit and how it was matched",
    },
    "registry.match.coordinates": {"vi": "toạ độ", "en": "coordinates"},
    "registry.match.name": {"vi": "tên đơn vị 2025", "en": "2025 name"},
    "registry.match.old name": {"vi": "tên trước 1/7/2025", "en": "pre-2025 name"},
    "registry.match.earlier name": {
        "vi": "tên trước một lần sáp nhập (từ 2019)",
        "en": "earlier name (before a merger since 2019)",
    },
    "registry.match.divided": {
        "vi": "đơn vị cũ bị chia (đặt phủ các phần)",
        "en": "divided old unit (placed over its parts)",
    },
    "registry.match.district": {"vi": "chỉ quận/huyện", "en": "district only"},
    "registry.match.none": {"vi": "không khớp", "en": "not matched"},
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
    # -- route exports (GPX, KML, printable itinerary); see ocop_geo/routing/describe.py
    "tourexport.hours_minutes": {"vi": "{h} giờ {m} phút", "en": "{h} h {m} min"},
    "tourexport.minutes": {"vi": "{m} phút", "en": "{m} min"},
    "tourexport.mode.car": {"vi": "Ô tô", "en": "Car"},
    "tourexport.mode.motorbike": {"vi": "Xe máy", "en": "Motorbike"},
    "tourexport.mode.bicycle": {"vi": "Xe đạp", "en": "Bicycle"},
    "tourexport.mode.walk": {"vi": "Đi bộ", "en": "On foot"},
    "tourexport.backend": {"vi": "Cách tính: {backend}", "en": "Computed by: {backend}"},
    "tourexport.position_estimate": {"vi": "vị trí ước tính", "en": "estimated position"},
    "tourexport.position_accuracy": {
        "vi": "vị trí ước tính, sai số ±{m} m",
        "en": "estimated position, ±{m} m",
    },
    "tourexport.position_short": {"vi": "vị trí ±{m} m", "en": "position ±{m} m"},
    "tourexport.arrive_depart": {
        "vi": "Đến {arrive} · rời {depart}",
        "en": "Arrive {arrive} · depart {depart}",
    },
    "tourexport.visit_for": {"vi": "tham quan {m} phút", "en": "visit {m} min"},
    "tourexport.wait_for": {"vi": "chờ mở cửa {m} phút", "en": "wait {m} min for opening"},
    "tourexport.closed": {"vi": "ngoài giờ mở cửa", "en": "outside opening hours"},
    "tourexport.stop_count": {"vi": "{n} điểm dừng", "en": "{n} stops"},
    "tourexport.stops": {"vi": "Điểm dừng", "en": "Stops"},
    "tourexport.legs": {"vi": "Chặng", "en": "Legs"},
    "tourexport.printed": {"vi": "In lúc {when} (giờ Hà Nội)", "en": "Printed {when} (Hanoi time)"},
    "tourexport.mode": {"vi": "Phương tiện", "en": "Travel mode"},
    "tourexport.round_trip": {"vi": "quay về điểm xuất phát", "en": "back to the start"},
    "tourexport.optimised": {"vi": "thứ tự đã tối ưu", "en": "order optimised"},
    "tourexport.total_distance": {"vi": "Tổng quãng đường", "en": "Total distance"},
    "tourexport.total_travel": {"vi": "Thời gian di chuyển", "en": "Travel time"},
    "tourexport.start": {"vi": "Khởi hành", "en": "Start"},
    "tourexport.finish": {"vi": "Kết thúc", "en": "Finish"},
    "tourexport.saving": {
        "vi": "Tiết kiệm so với thứ tự đã nhập",
        "en": "Saving against the order as entered",
    },
    "tourexport.not_optimised": {
        "vi": "không tối ưu — giữ thứ tự đã nhập",
        "en": "not optimised — the order as entered",
    },
    "tourexport.col_order": {"vi": "TT", "en": "#"},
    "tourexport.col_stop": {"vi": "Điểm dừng", "en": "Stop"},
    "tourexport.col_arrive": {"vi": "Đến", "en": "Arrive"},
    "tourexport.col_depart": {"vi": "Rời", "en": "Depart"},
    "tourexport.col_visit": {"vi": "Tham quan (phút)", "en": "Visit (min)"},
    "tourexport.col_wait": {"vi": "Chờ (phút)", "en": "Wait (min)"},
    "tourexport.col_leg_km": {"vi": "Chặng (km)", "en": "Leg (km)"},
    "tourexport.col_leg_min": {"vi": "Di chuyển (phút)", "en": "Travel (min)"},
    "tourexport.col_cum_km": {"vi": "Lũy kế (km)", "en": "Cumulative (km)"},
    "tourexport.col_notes": {"vi": "Ghi chú", "en": "Notes"},
    "tourexport.warnings": {"vi": "Lưu ý", "en": "Warnings"},
    "tourexport.estimate_explain": {
        "vi": "Quãng đường và thời gian là ước tính (đường chim bay nhân hệ số đường vòng), "
        "không phải kết quả tính trên mạng đường.",
        "en": "Distances and times are estimates (straight line times a detour factor), "
        "not road-network results.",
    },
    "tourexport.warn.estimate": {
        "vi": "Quãng đường và thời gian là ước tính theo đường chim bay, không theo mạng đường.",
        "en": "Distances and times are straight-line estimates, not road figures.",
    },
    "tourexport.warn.heuristic": {
        "vi": "Hơn {n} điểm dừng: thứ tự đã tốt nhưng chưa chứng minh là tốt nhất.",
        "en": "More than {n} stops: the order is good, not proven best.",
    },
    "tourexport.warn.closed": {
        "vi": "{name}: đến hoặc rời ngoài giờ mở cửa.",
        "en": "{name} is reached or left outside its opening hours.",
    },
    "tourexport.warn.hours_unknown": {
        "vi": "Chưa rõ giờ mở cửa của {name}.",
        "en": "The opening hours of {name} are unknown.",
    },
    "tourexport.warn.after_midnight": {
        "vi": "Tour kết thúc sau nửa đêm ({end}).",
        "en": "The tour ends after midnight ({end}).",
    },
    "tourexport.accuracy": {"vi": "Độ chính xác vị trí", "en": "Position accuracy"},
    "tourexport.accuracy_intro": {
        "vi": "Vị trí các điểm sau là ước tính; quãng đường và thời gian được tính từ các vị trí "
        "này.",
        "en": "The positions of these stops are estimates; distances and times are computed "
        "from them.",
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
        "- Tiến độ phần lớn 15 nhiệm vụ của kế hoạch: chỉ biết 3 sự kiện vùng miền đã tổ chức và "
        "lễ khai trương ở Bát Tràng; còn lại là “chưa rõ”.\n"
        "- Bảng số sản phẩm OCOP đầy đủ theo quận/huyện cho bất kỳ năm nào.\n"
        "- Toạ độ khảo sát: mọi toạ độ điểm đều là ước tính, có ghi sai số.",
        "en": "- The site and land area of the national centre in Đông Anh: the plan names none.\n"
        "- Addresses and opening dates of the 2020 points at Vạn Phúc, Sài Sơn and Đường Lâm.\n"
        "- The Industrial Promotion Centre showroom's official address and opening date "
        "(176 Quang Trung is an inference).\n"
        "- The date and venue of the Southern OCOP event.\n"
        "- Progress on most of the plan's 15 tasks: only three regional events held and the Bát "
        "Tràng opening are known; the rest is unknown.\n"
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
    "about.pois_source": {
        "vi": "Bài vi.wikipedia về địa điểm hoặc xã/phường cũ (toạ độ, có ghi sai số) và các bài "
        "báo, lịch trình được dẫn cho từng điểm (data/SOURCES.md)",
        "en": "vi.wikipedia articles on the place or its pre-2025 commune (coordinates, with "
        "their accuracy) and the articles and itineraries cited for each stop (data/SOURCES.md)",
    },
    "about.routes_source": {
        "vi": "Sở Du lịch Hà Nội, Hanoitourist, Du lịch Minh Anh và một blog cá nhân; đường vẽ là "
        "sơ đồ nối các điểm dừng (data/SOURCES.md)",
        "en": "Hanoi Department of Tourism, Hanoitourist, Du lịch Minh Anh and a personal blog; "
        "lines are schematic, stop to stop (data/SOURCES.md)",
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


def number(value: float, lang: str = DEFAULT_LANG, /, *, decimals: int | None = None) -> str:
    """``value`` with the language's separators: 3.317 and 9,42 in Vietnamese; 3,317 and 9.42
    in English. Whole numbers get no decimals, others two; ``decimals`` fixes the count
    (``number(37.5, "vi", decimals=1)`` → ``37,5``)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


#: English month abbreviations (fixed, whatever the machine's locale).
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date(iso: str, lang: str = DEFAULT_LANG, /) -> str:
    """An ISO date as people read it: ``YYYY-MM-DD`` as Vietnamese ``d/m/yyyy`` or English
    ``d Mon yyyy``; ``YYYY-MM`` as ``m/yyyy`` / ``Mon yyyy``; ``YYYY`` as itself.

    Raises ValueError (naming ``iso``) for anything else, or a month or day that does not exist.
    """
    parts = iso.split("-")
    digits = all(p.isascii() and p.isdigit() for p in parts)
    if not digits or not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
        raise ValueError(f"{iso!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, *rest = (int(p) for p in parts)
    month = rest[0] if rest else 1
    day = rest[1] if len(rest) == 2 else 1
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{iso!r} is not a real date")
    if lang == "vi":
        return "/".join(str(p) for p in [*reversed(rest), year])
    text = " ".join([MONTHS_EN[month - 1], str(year)]) if rest else str(year)
    return f"{day} {text}" if len(rest) == 2 else text


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
