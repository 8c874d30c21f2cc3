"""Users, roles and log-in for the readiness tracker.

Viewers (anyone, no log-in) read; editors edit the checklists of the sites assigned to them;
admins manage users, roles and every site (:mod:`.permissions`). Local accounts live in the
runtime database with argon2id password hashes; repeated failures slow the next attempts on a
name down, never lock it (:mod:`.users`, :mod:`.passwords`, :mod:`.throttle`). When
``.streamlit/secrets.toml`` configures OpenID Connect, people log in through their provider
instead and get their role from the e-mail → role table (:mod:`.oidc`). The command line is
:mod:`.command`; the sidebar block is :mod:`ocop_geo.ui.auth`. Nothing here imports Streamlit.
"""
