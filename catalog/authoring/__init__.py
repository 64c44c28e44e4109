"""Authoring: write publication pages (``catalog new``, ``catalog import``) and export them.

Every conversion passes through one shape, :class:`~.reference.Reference`::

    BibTeX   --bibtex.read_bibtex-->  Reference  --mapping.to_front_matter--> page
    CSL-JSON --csl.read_csl------->             <--mapping.from_publication-- Publication
    RIS      --ris.read_ris------->
    MEDLINE  --medline.read_medline->   (import only)
    Reference --bibtex.write_bibtex / csl.write_csl / ris.write_ris--> export

Every reader keeps what it can of an entry by the one rule of :mod:`.entry`; RIS and
MEDLINE, both tagged lines, share :mod:`.tagged`. Pages are planned (:mod:`.plan`,
:mod:`.importing`, :mod:`.scaffold`) by rendering them and reading them back through
:mod:`catalog.pages` and :mod:`catalog.validate`, then written atomically
(:mod:`.write`); :mod:`.commands` holds the click commands.
"""
