"""News agencies as a story's credit names them, and the credits that say a story is an agency's (lib/voices.py).

A credit says where the whole story comes from: a dateline "ISLAMABAD (APP) -", a trailing "— Reuters", "with
input from AFP", a byline "…, Anadolu Agency". A mention that attributes one fact ("told Reuters", "AP
reported", "according to AFP") is not a credit, and neither is a photo credit ("— AFP/File", "Photo: … - AFP").
"""
from lib.lexicons.outlets import AGENCIES

# Each spelling a credit uses -> the name shown as the story's source. The dateline agencies of
# lib/lexicons/outlets.py come first (each under its own name), then the full names and the agencies seen in
# credits of other regions' coverage. Matched case-sensitively: "AP" and "APP" are not the words "ap", "app"
# (the words around them are matched in any case).
AGENCY_NAMES = {
    **{name: name for name in AGENCIES},
    "Anadolu": "Anadolu Agency",
    "Anadolu Agency": "Anadolu Agency",
    "Associated Press": "AP",
    "The Associated Press": "AP",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "Associated Press of Pakistan": "APP",
    "Press Trust of India": "PTI",
    "Asian News International": "ANI",
    "Indo-Asian News Service": "IANS",
    "Xinhua News Agency": "Xinhua",
    "TASS": "TASS",
    "KUNA": "KUNA",
    "Bernama": "Bernama",
    "WAM": "WAM",
    "SPA": "SPA",
    "IRNA": "IRNA",
    "EFE": "EFE",
    "Pajhwok": "Pajhwok",
    "Bakhtar": "Bakhtar",
}

# Longest first, so that "Anadolu Agency" wins over "Anadolu" and "APP" over "AP".
_NAMES = "|".join(sorted((n.replace(".", r"\.").replace(" ", r"\s+") for n in AGENCY_NAMES), key=len, reverse=True))
AGENCY = rf"(?P<agency>{_NAMES})"

# Credit rules, tried in this order on the places each names; the first that matches gives the agency.
#   where: "lead" (the first paragraphs), "tail" (the last paragraphs and the lines the loader stripped:
#   trailing credits, bylines, footers), "any" (every paragraph and stripped line).
# Each pattern is a regular expression searched in one paragraph or line; the agency group names the agency.
CREDIT_RULES = (
    # "CAIRO/JERUSALEM, Oct 13 (Reuters) –", "RIYADH, Saudi Arabia — (AP) —", "DOHA, Jan. 15 (Xinhua) --",
    # "ISTANBUL, May 16. /TASS/."
    ("dateline", "lead", rf"^[A-Z][^()\n]{{0,60}}?[(/]\s*{AGENCY}\s*[)/]\s*(?:[-–—:.]|--)"),
    # "… the minister said.-AFP", "… on Friday. — Reuters" (the loader strips it into its own line, "-AFP")
    ("trailing credit", "tail", rf"(?:^|[.!?”\"'’])\s*(?:[-–—]+|--)\s*\(?{AGENCY}\)?\s*$"),
    # "(Reuters)", "AFP", "— Anadolu Agency" standing alone on a line
    ("credit line", "tail", rf"^\W*{AGENCY}\W*$"),
    # "(With input from AFP)", "with inputs from Reuters and AP"
    ("input from", "any", rf"\b(?i:with\s+(?:additional\s+)?inputs?\s+from\s+(?:the\s+)?){AGENCY}\b"),
    # "By Emin Donmez and Asiye Latife Yilmaz, Anadolu Agency", "By Nidal al-Mughrabi | Reuters"
    ("byline", "lead", rf"^(?:[Bb]y\s+)?[A-Z][\w.'-]*(?:\s+(?:and\s+)?[A-Z][\w.'-]*){{0,7}}\s*[,|–—-]\s*"
                       rf"(?:the\s+)?{AGENCY}\s*$"),
    # "Source: Reuters", "Courtesy: APP"
    ("source line", "tail", rf"^(?i:(?:source|courtesy|credit)\s*:\s*(?:the\s+)?){AGENCY}\.?\s*$"),
    # "News.Az reports, citing Anadolu Agency."
    ("citing", "lead", rf"\b(?i:(?:reports?|reported|said|says)\s*,?\s+citing\s+(?:the\s+)?){AGENCY}\b"),
)
LEAD_PARAGRAPHS = 3  # a dateline, a byline or a "citing" credit is in the first paragraphs
TAIL_PARAGRAPHS = 2  # a trailing credit or a credit line is in the last paragraphs (or was stripped by the loader)
