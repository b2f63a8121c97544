"""The extractors: what one parsed article says, read from its spaCy Doc (figures, stance, sentiment), and the text
notions they share (paragraphs, the headline, months, word stems)."""
