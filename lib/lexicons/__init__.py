"""Rules as data: word lists and tables that the extractors share. A reader changes a rule here without reading
the algorithm. Each list lives in exactly one module of this package."""
