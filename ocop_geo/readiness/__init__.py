"""Readiness of the OCOP sites: criteria, checklist state (:mod:`.store`), status as of a date."""
