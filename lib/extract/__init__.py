"""The extractors: each reads one parsed article and returns records."""
