"""OCOP promotion events (KH 100/KH-UBND): the events catalogue and timeline, and booth layouts
along user-drawn street lines (:mod:`ocop_geo.events.booths`)."""
