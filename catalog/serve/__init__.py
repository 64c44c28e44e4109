"""Serve: the catalog database in Datasette, read-only, with our metadata and plugin.

:mod:`catalog.serve.app` describes every table, column, facet and canned query and makes a
configured Datasette (used by ``catalog serve`` and the tests); :mod:`catalog.serve.plugin`
adds the publication page with highlighted numbers and check badges, the list facet and the
plots. This package imports nothing of Datasette itself: Datasette loads our plugin while it
is still importing ``datasette.app``.
"""
